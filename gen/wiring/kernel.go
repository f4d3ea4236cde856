package main

import (
	"fmt"
	"strings"
)

// A kernel is one function of simdact's API, as its wiring needs it.
type kernel struct {
	name  string // the function's name in package simdact: "SigmoidBackward"
	shape shape
	// in names a binary function's second input: "x" (the forward input)
	// or "y" (its output).
	in string
	// params are the scalar parameters after the slices, in Go syntax:
	// "beta, threshold float32".
	params string
	// checks are the argument checks beyond the shape's, each a function
	// of package check that takes the function's name first, written
	// without it: "Range(min, max)" calls check.Range("Hardtanh", min, max).
	checks []string
	// asm says which instruction sets have assembly kernels of their own;
	// an AVX-512 Impl runs the AVX2 kernel where AVX-512 has none, and the
	// rest run the pure-Go kernel.
	asm isas
	// prep holds Go statements that compute, once a call, arguments of the
	// assembly kernels beyond the API's; args and neonArgs are then the
	// arguments of the amd64 and arm64 kernels (without stream), which
	// default to the API's (neonArgs to args).
	prep, args, neonArgs string
	// kernel names the assembly kernels the function runs, if not its own
	// (kernelName's): LogSigmoid runs Softplus's, with beta = -1.
	kernel string
	// names are the slice parameters of a gated unit, outputs first.
	names []string
	// custom marks a function whose dispatch on amd64 and arm64 is written
	// by hand in package asm (its layouts or parameters choose between
	// kernels); the purego build, the Sets and the benchmarks are still
	// generated.
	custom bool
}

// isas is a set of instruction sets that have assembly kernels.
type isas uint8

const (
	avx512Kernel isas = 1 << iota
	avx2Kernel
	neonKernel

	// every instruction set.
	every = avx512Kernel | avx2Kernel | neonKernel
)

// A shape is how a function's slices are laid out and checked.
type shape int

const (
	unary         shape = iota // (dst, x []float32, params)
	binary                     // (dx, dy, in []float32, params): a backward pass
	rows                       // (dst, x []float32, cols int)
	rowsBinary                 // (dx, dy, y []float32, cols int)
	prelu                      // (dst, x, slope []float32, inner int)
	preluBackward              // (dx, dslope, dy, x, slope []float32, inner int)
	gated                      // (dst, gate, up []float32): names
	gatedBackward              // (dgate, dup, dy, gate, up []float32): names
)

// slices returns the names of the function's slice parameters, outputs
// first.
func (k kernel) slices() []string {
	switch k.shape {
	case unary, rows:
		return []string{"dst", "x"}
	case binary:
		return []string{"dx", "dy", k.in}
	case rowsBinary:
		return []string{"dx", "dy", "y"}
	case prelu:
		return []string{"dst", "x", "slope"}
	case preluBackward:
		return []string{"dx", "dslope", "dy", "x", "slope"}
	case gated, gatedBackward:
		return k.names
	}
	panic(fmt.Sprintf("%s: unknown shape %d", k.name, k.shape))
}

// scalars returns the function's parameters after its slices, in Go syntax.
func (k kernel) scalars() string {
	switch k.shape {
	case rows, rowsBinary:
		return "cols int"
	case prelu, preluBackward:
		return "inner int"
	}
	return k.params
}

// signature returns the function's parameter list in Go syntax, without
// parentheses: "dx, dy, x []float32, alpha float32".
func (k kernel) signature() string {
	s := strings.Join(k.slices(), ", ") + " []float32"
	if p := k.scalars(); p != "" {
		s += ", " + p
	}
	return s
}

// funcType returns the function's type: "func(dst, x []float32)".
func (k kernel) funcType() string { return "func(" + k.signature() + ")" }

// arguments returns the names of every parameter, in order: "dx, dy, x, alpha".
func (k kernel) arguments() string {
	names := k.slices()
	for _, group := range strings.Split(k.scalars(), ",") {
		if f := strings.Fields(group); len(f) > 0 {
			names = append(names, f[0])
		}
	}
	return strings.Join(names, ", ")
}

// streams reports whether the function's assembly kernels on amd64 take a
// stream parameter: every elementwise one with one output does; the rows
// are read again after their first pass and stay in cache, and two outputs
// need not share an alignment for non-temporal stores.
func (k kernel) streams() bool { return k.shape == unary || k.shape == binary || k.shape == gated }

// bytes returns the name of the constant of package asm that holds the
// bytes a call reads and writes an element.
func (k kernel) bytes() string {
	if k.shape == unary {
		return "unaryBytes"
	}
	return "binaryBytes"
}

// check returns the Go statements that check a call's arguments.
func (k kernel) check() string {
	var b strings.Builder
	q := fmt.Sprintf("%q", k.name)
	switch k.shape {
	case unary:
		fmt.Fprintf(&b, "if check.BadUnary(dst, x) {\ncheck.PanicUnary(%s, dst, x)\n}\n", q)
	case binary:
		fmt.Fprintf(&b, "if check.BadUnary(dx, %[2]s) || check.BadUnary(dx, dy) {\ncheck.PanicBinary(%[1]s, %[2]q, dx, dy, %[2]s)\n}\n", q, k.in)
	case rows:
		fmt.Fprintf(&b, "check.Rows(%s, dst, x, cols)\n", q)
	case rowsBinary:
		fmt.Fprintf(&b, "check.RowsBinary(%s, \"y\", dx, dy, y, cols)\n", q)
	case gated:
		n := k.names
		fmt.Fprintf(&b, "if check.BadUnary(%[2]s, %[3]s) || check.BadUnary(%[2]s, %[4]s) {\ncheck.Gated(%[1]s, [3]string{%[2]q, %[3]q, %[4]q}, %[2]s, %[3]s, %[4]s)\n}\n",
			q, n[0], n[1], n[2])
	case gatedBackward:
		n := k.names
		fmt.Fprintf(&b, "check.GatedBackward(%s, [5]string{%q, %q, %q, %q, %q}, %s)\n",
			q, n[0], n[1], n[2], n[3], n[4], strings.Join(n, ", "))
	default:
		panic(k.name + ": the checks of its shape are written by hand")
	}
	for _, c := range k.checks {
		fn, args, ok := strings.Cut(c, "(")
		if !ok {
			panic(k.name + ": check " + c + " is not a call")
		}
		fmt.Fprintf(&b, "check.%s(%s, %s\n", fn, q, args)
	}
	return b.String()
}

// kernelName returns the name of the function's assembly kernel for an
// instruction set suffix: its name with the first word in lower case, an
// acronym whole ("sigmoidBackwardAVX2", "eluBackwardAVX2").
func (k kernel) kernelName(suffix string) string {
	if k.kernel != "" {
		return k.kernel + suffix
	}
	for _, acronym := range []string{"ReLU", "SiLU", "GELU", "SELU", "CELU", "ELU", "GLU"} {
		if rest, ok := strings.CutPrefix(k.name, acronym); ok {
			return strings.ToLower(acronym) + rest + suffix
		}
	}
	return strings.ToLower(k.name[:1]) + k.name[1:] + suffix
}

// amd64Call returns the call of the kernel for an instruction set suffix on
// amd64, stream included.
func (k kernel) amd64Call(suffix string) string {
	args := k.args
	if args == "" {
		args = k.arguments()
	}
	if k.streams() {
		args += fmt.Sprintf(", k.stream(len(%s), %s)", k.slices()[len(k.slices())-1], k.bytes())
	}
	return k.kernelName(suffix) + "(" + args + ")"
}

// neonCall returns the call of the NEON kernel.
func (k kernel) neonCall() string {
	args := k.neonArgs
	if args == "" {
		args = k.args
	}
	if args == "" {
		args = k.arguments()
	}
	return k.kernelName("NEON") + "(" + args + ")"
}

// portable returns the call of the pure-Go kernel.
func (k kernel) portable() string { return "kernels." + k.name + "(" + k.arguments() + ")" }
