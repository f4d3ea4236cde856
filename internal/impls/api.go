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
}
