package main

// kernels is the table of simdact's functions: one row a function of the
// API, in the order of the package documentation's index. Everything that
// only repeats this list is generated from it; a function's documentation,
// pure-Go kernel, assembly generators and specification are written by
// hand (see docs/CONTRACT.md, "Adding a kernel").
var kernels = []kernel{
	// Piecewise linear.
	{name: "ReLU", shape: unary, asm: every},
	{name: "ReLUBackward", shape: binary, in: "x", asm: every},
	{name: "LeakyReLU", shape: unary, params: "slope float32", asm: every},
	{name: "LeakyReLUBackward", shape: binary, in: "x", params: "slope float32", asm: every},
	{name: "PReLU", shape: prelu, asm: every, custom: true},
	{name: "PReLUBackward", shape: preluBackward, asm: every, custom: true},
	{name: "Hardtanh", shape: unary, params: "min, max float32", checks: []string{"Range(min, max)"}, asm: every},
	{name: "HardtanhBackward", shape: binary, in: "x", params: "min, max float32", checks: []string{"Range(min, max)"}, asm: every},
	{name: "HardSigmoid", shape: unary, asm: every},
	{name: "HardSigmoidBackward", shape: binary, in: "x", asm: every},
	{name: "HardSwish", shape: unary, asm: every},
	{name: "HardSwishBackward", shape: binary, in: "x", asm: every},
	{name: "Threshold", shape: unary, params: "threshold, value float32", asm: every},
	{name: "ThresholdBackward", shape: binary, in: "x", params: "threshold float32", asm: every},

	// The exponential family.
	{name: "ELU", shape: unary, params: "alpha float32", asm: every},
	{name: "ELUBackward", shape: binary, in: "x", params: "alpha float32", asm: every,
		prep:     "c := exp32.Backward(alpha)",
		args:     "dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit",
		neonArgs: "dx, dy, x, c.F, c.FHuge, c.Magic"},
	{name: "ELUBackwardFromOutput", shape: binary, in: "y", params: "alpha float32", checks: []string{"NonNegative(alpha)"}, asm: every},
	{name: "SELU", shape: unary, asm: every},
	{name: "SELUBackward", shape: binary, in: "x", asm: every,
		prep:     "c := seluBackwardScales",
		args:     "dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit",
		neonArgs: "dx, dy, x, c.F, c.FHuge, c.Magic"},
	{name: "CELU", shape: unary, params: "alpha float32", checks: []string{"NonZero(alpha)"}, asm: every, custom: true},
	{name: "CELUBackward", shape: binary, in: "x", params: "alpha float32", checks: []string{"NonZero(alpha)"}, asm: every, custom: true},

	// The sigmoid family.
	{name: "Sigmoid", shape: unary, asm: every},
	{name: "SigmoidBackward", shape: binary, in: "x", asm: avx2Kernel | neonKernel},
	{name: "SigmoidBackwardFromOutput", shape: binary, in: "y", asm: every},
	{name: "SiLU", shape: unary, asm: every},
	{name: "SiLUBackward", shape: binary, in: "x", asm: every},
	{name: "Swish", shape: unary, params: "beta float32", checks: []string{`Finite("beta", beta)`}, asm: avx2Kernel | neonKernel, custom: true},
	{name: "SwishBackward", shape: binary, in: "x", params: "beta float32", checks: []string{`Finite("beta", beta)`}, asm: avx2Kernel | neonKernel, custom: true},
	{name: "Softplus", shape: unary, params: "beta, threshold float32", checks: []string{"Beta(beta)"}, asm: every,
		prep: "mant, e := splitBeta(beta)",
		args: "dst, x, beta, threshold, mant, e"},
	{name: "SoftplusBackward", shape: binary, in: "x", params: "beta, threshold float32", checks: []string{"Beta(beta)"}, asm: every},
	{name: "Mish", shape: unary, asm: every},
	{name: "MishBackward", shape: binary, in: "x", asm: every},
	{name: "LogSigmoid", shape: unary, asm: every, kernel: "softplus",
		args: "dst, x, -1, posInf, -1, 0"},
	{name: "LogSigmoidBackward", shape: binary, in: "x", asm: every, kernel: "softplusBackward",
		args: "dx, dy, x, -1, posInf"},

	// The tanh and erf family.
	{name: "Tanh", shape: unary, asm: every},
	{name: "TanhBackward", shape: binary, in: "x", asm: avx2Kernel | neonKernel},
	{name: "TanhBackwardFromOutput", shape: binary, in: "y", asm: every},
	{name: "GELU", shape: unary, asm: every},
	{name: "GELUBackward", shape: binary, in: "x", asm: every},
	{name: "GELUTanh", shape: unary, asm: every},
	{name: "GELUTanhBackward", shape: binary, in: "x", asm: every},

	// Softsign.
	{name: "Softsign", shape: unary, asm: avx2Kernel | neonKernel},
	{name: "SoftsignBackward", shape: binary, in: "x", asm: avx2Kernel | neonKernel},

	// The gated linear units.
	{name: "GLU", shape: gated, names: []string{"dst", "a", "b"}, asm: avx2Kernel | neonKernel},
	{name: "GLUBackward", shape: gatedBackward, names: []string{"da", "db", "dy", "a", "b"}, asm: avx2Kernel | neonKernel},
	{name: "SwiGLU", shape: gated, names: []string{"dst", "gate", "up"}, asm: avx2Kernel | neonKernel},
	{name: "SwiGLUBackward", shape: gatedBackward, names: []string{"dgate", "dup", "dy", "gate", "up"}, asm: avx2Kernel | neonKernel},
	{name: "GeGLU", shape: gated, names: []string{"dst", "gate", "up"}, asm: avx2Kernel | neonKernel},
	{name: "GeGLUBackward", shape: gatedBackward, names: []string{"dgate", "dup", "dy", "gate", "up"}, asm: avx2Kernel | neonKernel},
	{name: "GeGLUTanh", shape: gated, names: []string{"dst", "gate", "up"}, asm: avx2Kernel | neonKernel},
	{name: "GeGLUTanhBackward", shape: gatedBackward, names: []string{"dgate", "dup", "dy", "gate", "up"}, asm: avx2Kernel | neonKernel},

	// Rows.
	{name: "Softmax", shape: rows, asm: every},
	{name: "SoftmaxBackward", shape: rowsBinary, asm: every},
	{name: "LogSoftmax", shape: rows, asm: every},
	{name: "LogSoftmaxBackward", shape: rowsBinary, asm: every},
}
