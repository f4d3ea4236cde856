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
// Registers: eOut, eCount, the inputs' pointers (inRegs), scratch free for
// setup; V0 up: the unroll vectors of the first input, then of the second,
// then the unroll results of each output, the tail result of each and the
// temporaries of each of the unroll vectors; constants count down from V31.
// General-purpose registers of an elementwise kernel.
const (
	eOut   reg = 0 // the output pointer
	eCount reg = 1 // elements left
	eBytes reg = 4 // the length in bytes
	eAddr  reg = 5 // an input's last vector
	eLast  reg = 6 // the output's last vector
	eOut2  reg = 9 // the second output's pointer
	eLast2 reg = 10
)

// inRegs hold the input pointers, in parameter order.
var inRegs = []reg{2, 3, 8}

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

	// out2, if set, names a second output, and op2, in place of op,
	// computes 4 lanes of each output, into d and d2 (the backward passes
	// of the gated units).
	out2 string
	op2  func(fn *function, d, d2 vreg, in, tmp []vreg)
}

// outputs returns the names of the output slice parameters.
func (k elementwise) outputs() []string {
	if k.out2 != "" {
		return []string{k.out, k.out2}
	}
	return []string{k.out}
}

// compute computes 4 lanes of each output, into d.
func (k elementwise) compute(fn *function, d []vreg, in, tmp []vreg) {
	if k.op2 != nil {
		k.op2(fn, d[0], d[1], in, tmp)
		return
	}
	k.op(fn, d[0], in, tmp)
}

func (k elementwise) generate(f *file) {
	unroll := k.unroll
	if unroll == 0 {
		unroll = 4
	}
	outs := k.outputs()
	var params []param
	for _, name := range append(append([]string{}, outs...), k.in...) {
		params = append(params, param{name, "[]float32"})
	}
	params = append(params, k.params...)
	same := "All slices have the same length; the output may be the same slice as an input."
	if k.out2 != "" {
		same = "All slices have the same length; each output may be the same slice as an input."
	}
	fn := f.function(k.name, []string{k.name + " " + k.doc, same}, params)

	outRegs, lastRegs := []reg{eOut, eOut2}, []reg{eLast, eLast2}
	for j, name := range outs {
		fn.ins("MOVD %s, %s", fn.arg(name, "base"), outRegs[j])
	}
	fn.ins("MOVD %s, %s", fn.arg(k.out, "len"), eCount)
	for i, name := range k.in {
		fn.ins("MOVD %s, %s", fn.arg(name, "base"), inRegs[i])
	}
	top := vreg(31)
	if k.setup != nil {
		k.setup(fn, func() vreg { top--; return top + 1 })
	}

	base := unroll * len(k.in)
	input := func(i, u int) vreg { return vreg(unroll*i + u) }
	result := func(j, u int) vreg { return vreg(base + j*unroll + u) }
	tail := func(j int) vreg { return vreg(base + len(outs)*unroll + j) }
	inputs := func(u int) []vreg {
		r := make([]vreg, len(k.in))
		for i := range r {
			r[i] = input(i, u)
		}
		return r
	}
	results := func(u int) []vreg {
		r := make([]vreg, len(outs))
		for j := range r {
			r[j] = result(j, u)
		}
		return r
	}
	tails := make([]vreg, len(outs))
	for j := range tails {
		tails[j] = tail(j)
	}
	temps := func(u int) []vreg {
		r := make([]vreg, k.temps)
		for i := range r {
			r[i] = tail(len(outs)-1) + 1 + vreg(u*k.temps+i)
		}
		return r
	}
	if last := temps(unroll - 1); k.temps > 0 && last[k.temps-1] > top {
		panic(fmt.Sprintf("%s: registers overflow into the constants", k.name))
	}

	fn.ins("CMP $4, %s", eCount)
	fn.ins("BLT short")
	if len(outs) == 1 {
		fn.comment(fmt.Sprintf("The last 4 results, before any store; %s is where they go.", eLast))
	} else {
		fn.comment(fmt.Sprintf("The last 4 results, before any store; %s and %s are where they go.", eLast, eLast2))
	}
	fn.ins("LSL $2, %s, %s", eCount, eBytes)
	for i := range k.in {
		fn.ins("ADD %s, %s, %s", eBytes, inRegs[i], eAddr)
		fn.ins("SUB $16, %s, %s", eAddr, eAddr)
		fn.ins("VLD1 (%s), %s", eAddr, list(input(i, 0), 1))
	}
	k.compute(fn, tails, inputs(0), temps(0))
	for j := range outs {
		fn.ins("ADD %s, %s, %s", eBytes, outRegs[j], lastRegs[j])
		fn.ins("SUB $16, %s, %s", lastRegs[j], lastRegs[j])
	}

	if unroll > 1 {
		lanes := 4 * unroll
		fn.label(fmt.Sprintf("loop%d", lanes))
		fn.ins("CMP $%d, %s", lanes, eCount)
		fn.ins("BLT loop4")
		for i := range k.in {
			fn.ins("VLD1.P %d(%s), %s", 4*lanes, inRegs[i], list(input(i, 0), unroll))
		}
		for u := range unroll {
			k.compute(fn, results(u), inputs(u), temps(u))
		}
		for j := range outs {
			fn.ins("VST1.P %s, %d(%s)", list(result(j, 0), unroll), 4*lanes, outRegs[j])
		}
		fn.ins("SUB $%d, %s, %s", lanes, eCount, eCount)
		fn.ins("B loop%d", lanes)
	}

	fn.label("loop4")
	fn.ins("CMP $4, %s", eCount)
	fn.ins("BLT done")
	for i := range k.in {
		fn.ins("VLD1.P 16(%s), %s", inRegs[i], list(input(i, 0), 1))
	}
	k.compute(fn, results(0), inputs(0), temps(0))
	for j := range outs {
		fn.ins("VST1.P %s, 16(%s)", list(result(j, 0), 1), outRegs[j])
	}
	fn.ins("SUB $4, %s, %s", eCount, eCount)
	fn.ins("B loop4")

	fn.label("done")
	for j := range outs {
		fn.ins("VST1 %s, (%s)", list(tail(j), 1), lastRegs[j])
	}
	fn.ins("RET")

	fn.label("short")
	fn.comment("n < 4: one lane at a time.")
	fn.ins("CBZ %s, return", eCount)
	fn.label("lane")
	for i := range k.in {
		fn.ins("FMOVS.P 4(%s), F%d", inRegs[i], input(i, 0))
	}
	k.compute(fn, results(0), inputs(0), temps(0))
	for j := range outs {
		fn.ins("FMOVS.P F%d, 4(%s)", result(j, 0), outRegs[j])
	}
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
