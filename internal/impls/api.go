package impls

import "github.com/simdact/simdact"

// API is the public API as a Set named "api", argument checks and dispatch
// included: what simdact's users get on this CPU, whichever kernels that is.
var API = Set{
	Name: "api", ISA: simdact.Implementation(), Runs: true,
	ReLU:              simdact.ReLU,
	ReLUBackward:      simdact.ReLUBackward,
	LeakyReLU:         simdact.LeakyReLU,
	LeakyReLUBackward: simdact.LeakyReLUBackward,
	PReLU:             simdact.PReLU,
	PReLUBackward:     simdact.PReLUBackward,

	ELU:                   simdact.ELU,
	ELUBackward:           simdact.ELUBackward,
	ELUBackwardFromOutput: simdact.ELUBackwardFromOutput,

	Sigmoid:          simdact.Sigmoid,
	SigmoidBackward:  simdact.SigmoidBackward,
	SiLU:             simdact.SiLU,
	SiLUBackward:     simdact.SiLUBackward,
	Softplus:         simdact.Softplus,
	SoftplusBackward: simdact.SoftplusBackward,
	Mish:             simdact.Mish,
	MishBackward:     simdact.MishBackward,

	Tanh:             simdact.Tanh,
	TanhBackward:     simdact.TanhBackward,
	GELUTanh:         simdact.GELUTanh,
	GELUTanhBackward: simdact.GELUTanhBackward,

	GELU:         simdact.GELU,
	GELUBackward: simdact.GELUBackward,

	SELU:         simdact.SELU,
	SELUBackward: simdact.SELUBackward,
	CELU:         simdact.CELU,
	CELUBackward: simdact.CELUBackward,

	Hardtanh:            simdact.Hardtanh,
	HardtanhBackward:    simdact.HardtanhBackward,
	HardSigmoid:         simdact.HardSigmoid,
	HardSigmoidBackward: simdact.HardSigmoidBackward,
	HardSwish:           simdact.HardSwish,
	HardSwishBackward:   simdact.HardSwishBackward,
	Threshold:           simdact.Threshold,
	ThresholdBackward:   simdact.ThresholdBackward,

	Softmax:            simdact.Softmax,
	SoftmaxBackward:    simdact.SoftmaxBackward,
	LogSoftmax:         simdact.LogSoftmax,
	LogSoftmaxBackward: simdact.LogSoftmaxBackward,
}
