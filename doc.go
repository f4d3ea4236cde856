// Package simdact computes neural-network activation functions and their
// gradients over []float32. Each forward and backward pass runs as
// AVX-512 or AVX2+FMA assembly on amd64, NEON assembly on arm64, and
// pure Go everywhere else. The fastest implementation the CPU supports is
// chosen once, when the program starts.
//
// Every function writes its first argument and reads the others:
//
//	y := make([]float32, len(x))
//	simdact.GELU(y, x)              // y[i] = GELU(x[i])
//	simdact.GELUBackward(dy, dy, x) // dy[i] *= GELU'(x[i]), in place
//
// # Functions
//
// Piecewise linear:
//   - [ReLU], [ReLUBackward]
//   - [LeakyReLU], [LeakyReLUBackward]
//   - [PReLU], [PReLUBackward]: a slope per channel
//   - [Hardtanh], [HardtanhBackward]: ReLU6 is Hardtanh(dst, x, 0, 6)
//   - [HardSigmoid], [HardSigmoidBackward]
//   - [HardSwish], [HardSwishBackward]
//   - [Threshold], [ThresholdBackward]
//
// The exponential family:
//   - [ELU], [ELUBackward], [ELUBackwardFromOutput]
//   - [SELU], [SELUBackward]
//   - [CELU], [CELUBackward]
//
// The sigmoid family:
//   - [Sigmoid], [SigmoidBackward], [SigmoidBackwardFromOutput]
//   - [SiLU], [SiLUBackward]: Swish with beta = 1
//   - [Swish], [SwishBackward]: x·sigmoid(beta·x); QuickGELU is beta = 1.702
//   - [LogSigmoid], [LogSigmoidBackward]
//   - [Softplus], [SoftplusBackward]
//   - [Mish], [MishBackward]
//
// Tanh and erf:
//   - [Tanh], [TanhBackward], [TanhBackwardFromOutput]
//   - [GELU], [GELUBackward]: the exact GELU, from erf
//   - [GELUTanh], [GELUTanhBackward]: the tanh approximation of GELU
//   - [Softsign], [SoftsignBackward]
//
// Gated linear units, f(gate)·up over two inputs in one pass (the MLP
// activations of LLaMA-, PaLM- and T5-style models):
//   - [GLU], [GLUBackward]: a·sigmoid(b)
//   - [SwiGLU], [SwiGLUBackward]: silu(gate)·up
//   - [GeGLU], [GeGLUBackward]: gelu(gate)·up
//   - [GeGLUTanh], [GeGLUTanhBackward]: gelu_tanh(gate)·up
//
// Rows of the last axis (PyTorch's dim=-1):
//   - [Softmax], [SoftmaxBackward]
//   - [LogSoftmax], [LogSoftmaxBackward]
//
// [Implementation] reports which kernels this process runs.
//
// # Slices
//
// The rules below apply to every function:
//   - The destination comes first, as in copy.
//   - The slices of a call all have one length. The one exception is PReLU:
//     slope, and PReLUBackward's dslope, have one element per channel.
//   - An output may be the very same slice as an input (same first element,
//     same length): the call then works in place. An output that overlaps an
//     input only in part is an error, and so are the two gradients of a
//     gated unit's backward pass overlapping at all.
//   - Misuse panics before anything is written, with a message that names
//     the function and says what is wrong:
//     "simdact: ReLU: len(dst)=3, len(x)=4". Misuse is mismatched lengths,
//     a partial overlap, a PReLU layout that does not fit, a row length
//     (cols) below 1 or that does not divide the slices, or a parameter
//     outside its domain (each function's documentation says which).
//   - Empty slices are valid and the call does nothing. The exception is
//     PReLUBackward with an empty x, which sets dslope to zeros.
//   - No call allocates, and any number of goroutines may call at once.
//
// # Backward passes
//
// A backward pass writes dx, the gradient with respect to the forward
// input, from dy, the gradient with respect to the forward output. An
// elementwise XBackward takes the forward input x, and computes the
// derivative from it; an XBackwardFromOutput takes the forward output y,
// where the derivative is a function of y (cheaper, and what PyTorch's
// sigmoid and tanh backward passes do, but no more accurate than the
// rounded y: 1-y*y is 0 wherever Tanh rounds to ±1):
//   - [SigmoidBackward], [TanhBackward] and [ELUBackward] take x;
//     [SigmoidBackwardFromOutput], [TanhBackwardFromOutput] and
//     [ELUBackwardFromOutput] compute the same gradients from y.
//   - [SoftmaxBackward] and [LogSoftmaxBackward] take y, their only form.
//   - [ReLUBackward] accepts either, since x and y have the same sign.
//   - The gated units' backward passes take dy and both forward inputs,
//     and write both gradients.
//
// # Accuracy
//
// The piecewise-linear functions are exact: ReLU, LeakyReLU, PReLU and the
// hard activations, forward and backward (PReLUBackward's dslope aside),
// and ELUBackwardFromOutput. Every implementation returns the bits of the
// documented formula evaluated in IEEE float32 arithmetic, rounded to
// nearest, for every input: NaN payloads, -0, ±Inf and subnormal numbers
// included.
//
// The smooth functions are compared with the float64 function rounded to
// float32, on every float32 input. Each forward pass is within 1 to 3 ulp
// (its documentation gives the number). Results that are subnormal
// underflow gradually and are never flushed to zero. Tails are computed,
// not cut off at their limits: GELU(-10) is -7.62e-23, not 0.
//
// The backward passes of the smooth functions (those of the sigmoid, tanh
// and erf families, SELUBackward and CELUBackward, and each gradient of
// the gated units) share one bound: within 4 ulp of the float64 result,
// or within 2^-21·|dy|·M(x), whichever is larger. M(x) is the sum of the magnitudes
// of the terms of the derivative, as each function's documentation
// writes it; the second bound is the one that matters where those terms
// cancel. Next to a zero of the derivative the computed derivative may be
// 0 or of either sign, so an infinite dy may give ±Inf of either sign or
// NaN there. ELU, ELUBackward, the row functions and PReLUBackward's dslope
// have bounds of their own, given in their documentation.
//
// An ulp is the distance between adjacent float32 values; ±Inf counts as
// the value after ±MaxFloat32. At the edge of float32's range, a result
// may be ±Inf although its float64 value is finite. That happens exactly
// when the interval the bound allows around the float64 value reaches,
// on that side, past MaxFloat32 plus half an ulp, the first magnitude that
// rounds to infinity.
//
// # NaN, zeros and infinities
//
// A NaN input comes out as that same NaN, quieted, wherever arithmetic
// touches it. Where a function passes a value on unchanged (ReLU, and
// every branch of a backward pass that returns dy as it is), even a
// signalling NaN passes unchanged. An invalid operation such as 0·∞, in a
// piecewise-linear function or ELU, gives x86's quiet NaN 0xffc00000 on
// every CPU. Where one operation meets two NaNs, or a NaN goes through a
// transcendental function, the result is a NaN of unspecified payload.
//
// At ±Inf the smooth functions give their limits: Sigmoid(-Inf) = +0,
// Tanh(±Inf) = ±1, Softsign(±Inf) = ±1, LogSigmoid(-Inf) = -Inf, and
// SiLU, Swish (beta > 0), GELU, GELUTanh and Mish give -0 at -Inf (the
// formula, evaluated in float arithmetic, would give NaN). The functions
// that are odd at zero (Tanh, SiLU, Swish, GELU, GELUTanh, Mish, SELU,
// CELU, Softsign) give ±0 for ±0.
//
// # The gated linear units
//
// GLU, SwiGLU, GeGLU and GeGLUTanh compute f(gate)·up, f the sigmoid,
// SiLU, GELU or GELUTanh, reading each input once. A forward result is
// within one ulp more than f's bound (the product rounds once more) of
// the float64 f(gate)·up: 3 ulp for GLU and SwiGLU, 4 for GeGLU and
// GeGLUTanh. Tiny results underflow gradually, and nothing overflows
// before the result does. An infinite or NaN operand follows IEEE
// multiplication of the float64 values: f(gate)·±Inf is NaN where the
// float64 f(gate) is 0 (where f underflows in float64, and at its limit
// at -Inf) and ±Inf elsewhere. The backward passes write both gradients:
// up's (a's, for GLU), dy·f(gate), and the gate's (b's), dy·up·f'(gate),
// each within the backward bound, M being the magnitude of that
// gradient's terms.
//
// # The hard activations
//
// Hardtanh, HardSigmoid, HardSwish and Threshold, and their backward
// passes, are piecewise linear. Each returns exactly the bits of its formula
// evaluated in float32 in the order written. That order is PyTorch 1.13's:
// HardSigmoid and HardSwish divide by 6, which rounds differently from a
// multiplication by float32(1.0/6) for some x. Every implementation gives
// the same bits, and they match PyTorch's wherever x is not NaN.
//
// PyTorch's own code paths disagree on NaN, so the package chooses:
//   - a NaN x gives that NaN, quieted, in a forward pass;
//   - a backward pass evaluates its comparisons literally, and a comparison
//     with NaN is false;
//   - a NaN dy that a backward pass returns as it is comes out unchanged,
//     and one that it multiplies comes out quieted;
//   - ±Inf·0 gives 0xffc00000.
//
// # Implementations
//
// There are four implementations, each known by its name:
//   - "avx512": amd64 with AVX-512 F, BW, DQ and VL, when the operating
//     system saves the ZMM and opmask registers.
//   - "avx2": amd64 with AVX2 and FMA, when the operating system saves
//     the YMM registers.
//   - "neon": arm64 (Advanced SIMD).
//   - "generic": pure Go, on every other CPU and in every build with the
//     purego build tag, which leaves the assembly out.
//
// At start-up the package selects the first of these that the CPU runs,
// from the features golang.org/x/sys/cpu reports. Setting the environment
// variable SIMDACT_IMPL to a name selects that implementation instead:
// SIMDACT_IMPL=generic forces pure Go. A name that is unknown, or that
// this CPU cannot run, stops the program at start-up with exit status 2
// and a message that lists the choices. Nothing falls back silently.
// [Implementation] returns the name selected.
//
// The implementations agree bit for bit on every exact function. On the
// others, avx512 and avx2 give the same bits (avx512 runs the avx2 kernels
// of SigmoidBackward, TanhBackward, Swish, Softsign, the gated units and
// their backward passes), and so does neon on every smooth function but
// Softsign (on a sample of inputs; checked by fingerprints of their bits).
// Elsewhere (the gated units among them) the implementations may differ by
// an ulp or two, each within its bound.
//
// Package [github.com/simdact/simdact/asm] runs each implementation this
// CPU supports directly, side by side in one process. Package
// [github.com/simdact/simdact/kernels] holds the pure-Go kernels, the
// readable specification of each function. The file docs/CONTRACT.md in
// the repository states the full contract and how the tests enforce it.
package simdact
