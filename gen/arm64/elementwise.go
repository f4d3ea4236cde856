package main

import "fmt"

// An elementwise kernel computes out[i] = op(in0[i], in1[i], ...) over slices
// of one length, 4 lanes at a time:
//
//   - n < 4: one lane at a time (at most 3), loaded and stored as scalars;
//   - n >= 4: the last 4 results are computed before anything is stored (so
//     that an output may be the same slice as an input), the body runs
//     4·unroll lanes (16 by default) and then 4 lanes an iteration, and the
//     last vector is stored at the end, covering the tail the body left.
//
// Registers: eOut, eCount, eIn... inputs, scratch free for setup; V0 up:
// the unroll vectors of the first input, then of the second, then the unroll
// results, the tail result and the temporaries of each of the unroll
// vectors; constants count down from V31.
// General-purpose registers of an elementwise kernel.
const (
	eOut   reg = 0 // the output pointer
	eCount reg = 1 // elements left
	eIn    reg = 2 // the input pointers (R2, R3)
	eBytes reg = 4 // the length in bytes
	eAddr  reg = 5 // an input's last vector
	eLast  reg = 6 // the output's last vector
)

// scratch is free for loadBits and the setup of a kernel's constants.
const scratch reg = 7

type elementwise struct {
	name   string   // Go name of the kernel, e.g. "reluNEON"
	doc    string   // what it computes, a sentence for the Go declaration
	out    string   // name of the output slice parameter
	in     []string // names of the input slice parameters, in order
	params []param  // further scalar parameters
	temps  int      // temporaries that op needs
	unroll int      // vectors an iteration of the body, 1 to 4 (0: 4)

	// setup loads the kernel's constants, once per call, into registers
	// that konst hands out.
	setup func(fn *function, konst func() vreg)
	// op computes 4 outputs into d from 4 lanes of each input.
	op func(fn *function, d vreg, in, tmp []vreg)
}

func (k elementwise) generate(f *file) {
	unroll := k.unroll
	if unroll == 0 {
		unroll = 4
	}
	params := []param{{k.out, "[]float32"}}
	for _, name := range k.in {
		params = append(params, param{name, "[]float32"})
	}
	params = append(params, k.params...)
	fn := f.function(k.name, []string{k.name + " " + k.doc,
		"All slices have the same length; the output may be the same slice as an input."}, params)

	fn.ins("MOVD %s, %s", fn.arg(k.out, "base"), eOut)
	fn.ins("MOVD %s, %s", fn.arg(k.out, "len"), eCount)
	for i, name := range k.in {
		fn.ins("MOVD %s, %s", fn.arg(name, "base"), eIn+reg(i))
	}
	top := vreg(31)
	if k.setup != nil {
		k.setup(fn, func() vreg { top--; return top + 1 })
	}

	input := func(i, u int) vreg { return vreg(unroll*i + u) }
	result := func(u int) vreg { return vreg(unroll*len(k.in) + u) }
	tail := result(unroll)
	inputs := func(u int) []vreg {
		r := make([]vreg, len(k.in))
		for i := range r {
			r[i] = input(i, u)
		}
		return r
	}
	temps := func(u int) []vreg {
		r := make([]vreg, k.temps)
		for i := range r {
			r[i] = tail + 1 + vreg(u*k.temps+i)
		}
		return r
	}
	if last := temps(unroll - 1); k.temps > 0 && last[k.temps-1] > top {
		panic(fmt.Sprintf("%s: registers overflow into the constants", k.name))
	}

	fn.ins("CMP $4, %s", eCount)
	fn.ins("BLT short")
	fn.comment(fmt.Sprintf("The last 4 results, before any store; %s is where they go.", eLast))
	fn.ins("LSL $2, %s, %s", eCount, eBytes)
	for i := range k.in {
		fn.ins("ADD %s, %s, %s", eBytes, eIn+reg(i), eAddr)
		fn.ins("SUB $16, %s, %s", eAddr, eAddr)
		fn.ins("VLD1 (%s), %s", eAddr, list(input(i, 0), 1))
	}
	k.op(fn, tail, inputs(0), temps(0))
	fn.ins("ADD %s, %s, %s", eBytes, eOut, eLast)
	fn.ins("SUB $16, %s, %s", eLast, eLast)

	if unroll > 1 {
		lanes := 4 * unroll
		fn.label(fmt.Sprintf("loop%d", lanes))
		fn.ins("CMP $%d, %s", lanes, eCount)
		fn.ins("BLT loop4")
		for i := range k.in {
			fn.ins("VLD1.P %d(%s), %s", 4*lanes, eIn+reg(i), list(input(i, 0), unroll))
		}
		for u := range unroll {
			k.op(fn, result(u), inputs(u), temps(u))
		}
		fn.ins("VST1.P %s, %d(%s)", list(result(0), unroll), 4*lanes, eOut)
		fn.ins("SUB $%d, %s, %s", lanes, eCount, eCount)
		fn.ins("B loop%d", lanes)
	}

	fn.label("loop4")
	fn.ins("CMP $4, %s", eCount)
	fn.ins("BLT done")
	for i := range k.in {
		fn.ins("VLD1.P 16(%s), %s", eIn+reg(i), list(input(i, 0), 1))
	}
	k.op(fn, result(0), inputs(0), temps(0))
	fn.ins("VST1.P %s, 16(%s)", list(result(0), 1), eOut)
	fn.ins("SUB $4, %s, %s", eCount, eCount)
	fn.ins("B loop4")

	fn.label("done")
	fn.ins("VST1 %s, (%s)", list(tail, 1), eLast)
	fn.ins("RET")

	fn.label("short")
	fn.comment("n < 4: one lane at a time.")
	fn.ins("CBZ %s, return", eCount)
	fn.label("lane")
	for i := range k.in {
		fn.ins("FMOVS.P 4(%s), F%d", eIn+reg(i), input(i, 0))
	}
	k.op(fn, result(0), inputs(0), temps(0))
	fn.ins("FMOVS.P F%d, 4(%s)", result(0), eOut)
	fn.ins("SUB $1, %s, %s", eCount, eCount)
	fn.ins("CBNZ %s, lane", eCount)
	fn.label("return")
	fn.ins("RET")
}

// broadcastParam loads the float32 parameter name into all 4 lanes of v.
func broadcastParam(fn *function, name string, v vreg) {
	fn.ins("FMOVS %s, F%d", fn.arg(name, ""), v)
	fn.ins("VDUP V%d.S[0], V%d.S4", v, v)
}

// loadBits loads bits into all 4 lanes of v through scratch.
func loadBits(fn *function, v vreg, bits uint32) {
	fn.ins("MOVW $0x%08x, %s", bits, scratch)
	fn.ins("VDUP %s, V%d.S4", scratch, v)
}

// bsl writes mask ? a : b into mask, lane by lane (BSL with mask as destination).
func bsl(fn *function, mask, a, b vreg) {
	fn.ins("VBSL V%d.B16, V%d.B16, V%d.B16", b, a, mask)
}
