package simdact

// GLU sets dst[i] = a[i]*sigmoid(b[i]), PyTorch's glu (its first half
// times the sigmoid of its second), within 3 ulp. sigmoid(b) is 0 in
// float64 from b = -745.13324 down.
func GLU(dst, a, b []float32) {
	native.GLU(dst, a, b)
}

// GLUBackward sets da[i] = dy[i]*sigmoid(b[i]) and
// db[i] = dy[i]*a[i]*s*(1-s), s = sigmoid(b[i]), the gradients of GLU given
// the gradient dy of its output. s·(1-s) is computed from b, as e/(1+e)²
// with e = exp(-|b|), and is 0 in float64 where |b| >= 745.13324.
func GLUBackward(da, db, dy, a, b []float32) {
	native.GLUBackward(da, db, dy, a, b)
}

// SwiGLU sets dst[i] = silu(gate[i])*up[i], silu(x) = x*sigmoid(x), within
// 3 ulp. silu(gate) is -0 in float64 from gate = -745.13324 down.
func SwiGLU(dst, gate, up []float32) {
	native.SwiGLU(dst, gate, up)
}

// SwiGLUBackward sets dgate[i] = dy[i]*up[i]*silu'(gate[i]) and
// dup[i] = dy[i]*silu(gate[i]), the gradients of SwiGLU given the gradient
// dy of its output; silu'(x) = s*(1+x*(1-s)), s = sigmoid(x), is computed
// as SiLUBackward computes it (and is -0 from gate = -745.13324 down).
func SwiGLUBackward(dgate, dup, dy, gate, up []float32) {
	native.SwiGLUBackward(dgate, dup, dy, gate, up)
}

// GeGLU sets dst[i] = gelu(gate[i])*up[i], GELU in its erf form, within 4
// ulp. gelu(gate) is -0 in float64 from gate = -38.503895 down.
func GeGLU(dst, gate, up []float32) {
	native.GeGLU(dst, gate, up)
}

// GeGLUBackward sets dgate[i] = dy[i]*up[i]*gelu'(gate[i]) and
// dup[i] = dy[i]*gelu(gate[i]), the gradients of GeGLU given the gradient
// dy of its output; gelu'(x) = Phi(x) + x*phi(x) is computed as
// GELUBackward computes it (never 0 for a finite gate: an infinite dy*up
// gives ±Inf).
func GeGLUBackward(dgate, dup, dy, gate, up []float32) {
	native.GeGLUBackward(dgate, dup, dy, gate, up)
}

// GeGLUTanh sets dst[i] = gelu_tanh(gate[i])*up[i], GELU in its tanh form
// (GELUTanh), within 4 ulp. gelu_tanh(gate) is -0 in float64 from
// gate = -21.51663 down.
func GeGLUTanh(dst, gate, up []float32) {
	native.GeGLUTanh(dst, gate, up)
}

// GeGLUTanhBackward sets dgate[i] = dy[i]*up[i]*gelu_tanh'(gate[i]) and
// dup[i] = dy[i]*gelu_tanh(gate[i]), the gradients of GeGLUTanh given the
// gradient dy of its output; gelu_tanh' is computed as GELUTanhBackward
// computes it (-0 at -Inf; 0 or of either sign only next to its zero at
// -0.7525, where an infinite dy*up may give NaN).
func GeGLUTanhBackward(dgate, dup, dy, gate, up []float32) {
	native.GeGLUTanhBackward(dgate, dup, dy, gate, up)
}
