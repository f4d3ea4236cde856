//go:build gc && !purego && (amd64 || arm64)

package asm

import (
	"unsafe"

	"github.com/simdact/simdact/internal/prelu"
)

// The PReLU driver runs the PReLU assembly kernels over every layout that
// package simdact accepts (the constants of internal/prelu are its contract
// with the generators). It chooses between two shapes of kernel:
//
//   - planar, for inner >= 8 (NCHW with any map of 8 or more elements, and a
//     single shared slope): a vector lies in one channel or straddles the
//     boundary of two, so the kernel walks x linearly with the current
//     channel's slope broadcast, blending in the next one's at a boundary;
//   - interleaved, for inner < 8 (NHWC, and NCHW with tiny maps): as many
//     consecutive channels as a vector has lanes span exactly inner vectors,
//     so the kernel loads the slopes of those channels once and permutes
//     them into each vector. It reads up to span consecutive slopes from
//     one address: cyclic gives it a source of at least span slopes and a
//     wrap buffer for the end.
//
// PReLUBackward's slope gradient is added up in float64 accumulators that
// live on the stack: one per channel (planar) or one per position in a
// period of the layout (interleaved), folded into channels at the end.
// Where they would not fit, the kernels run once per row and block of
// channels, each block a contiguous span of the row.

const (
	planarMinInner = prelu.PlanarMinInner
	span           = prelu.Span
)

// accSmall, accMedium and accLarge are the sizes, in float64, of the
// accumulators that preluBackward declares on the stack (which Go clears): the
// smallest a layout needs.
const (
	accSmall  = 256
	accMedium = 512
	accLarge  = 2048
)

// preluForward computes simdact.PReLU, with non-temporal stores if stream is set
// and the CPU's kernels have them.
func preluForward(k Impl, dst, x, slope []float32, inner int, stream bool) {
	switch {
	case len(slope) == 1:
		leakyReLU(k, dst, x, slope[0], stream)
	case inner >= planarMinInner:
		planar(dst, x, slope, inner, stream)
	case patterned(k, dst, x, slope, inner, stream):
	default:
		var c cyclic
		source, wrap := c.of(slope)
		interleaved(dst, x, source, wrap, inner, stream)
	}
}

// A cyclic is what an interleaved kernel reads slopes from: a source of at
// least span slopes in which channel c continues at c+1 modulo its length,
// and a wrap buffer that holds the source's last span slopes and then its
// first span slopes, for reads that pass the source's end.
type cyclic struct {
	repeated [2*span + lineFloats]float32 // room to start on a cache line
	wrap     [2*span + lineFloats]float32
}

// lineFloats is the number of float32 in a cache line.
const lineFloats = 16

// of fills c for the slopes of one row and returns the source, slope itself
// or slope repeated to at least span slopes, and the wrap buffer. Both of
// c's arrays are used from a cache line on, so that loads of 8 slopes from
// a multiple of 8 never straddle two lines (which costs NHWC layouts with
// few channels a third of their speed).
func (c *cyclic) of(slope []float32) (source, wrap []float32) {
	if len(slope) < span {
		repeated := lineAligned(c.repeated[:], 2*span)
		n := copy(repeated, slope)
		for n < span {
			n += copy(repeated[n:], repeated[:n])
		}
		slope = repeated[:n]
	}
	wrap = lineAligned(c.wrap[:], 2*span)
	copy(wrap[:span], slope[len(slope)-span:])
	copy(wrap[span:], slope)
	return slope, wrap
}

// lineAligned returns the n values of s from the first that starts a cache
// line; s has lineFloats more.
func lineAligned(s []float32, n int) []float32 {
	skip := -uintptr(unsafe.Pointer(&s[0])) / 4 % lineFloats
	return s[skip : skip+uintptr(n)]
}

// preluBackward computes simdact.PReLUBackward, with non-temporal stores if
// stream is set and the CPU's kernels have them.
func preluBackward(dx, dslope, dy, x, slope []float32, inner int, stream bool) {
	if len(x) == 0 { // where len(slope)*inner may overflow
		clear(dslope)
		return
	}
	l := plan(len(x), len(slope), inner)
	switch {
	case l.acc <= accSmall:
		var acc [accSmall]float64
		l.run(dx, dslope, dy, x, slope, acc[:l.acc], stream)
	case l.acc <= accMedium:
		var acc [accMedium]float64
		l.run(dx, dslope, dy, x, slope, acc[:l.acc], stream)
	default:
		var acc [accLarge]float64
		l.run(dx, dslope, dy, x, slope, acc[:l.acc], stream)
	}
}

// A layout is how preluBackward runs the kernels for one shape of x.
type layout struct {
	inner    int  // inner as the kernels see it (all of x for one channel)
	planar   bool // planar or interleaved kernels
	rows     bool // one call per row and block of channels, or one call for all of x
	channels int  // channels per block (all of them, unless rows)
	acc      int  // accumulators a call needs: one per channel, or per position in a period
}

func plan(n, channels, inner int) layout {
	if channels == 1 {
		return layout{inner: max(n, planarMinInner), planar: true, channels: 1, acc: 1}
	}
	if inner >= planarMinInner {
		b := min(channels, accLarge)
		return layout{inner: inner, planar: true, rows: b < channels, channels: b, acc: b}
	}
	// An interleaved kernel adds element i's term into acc[i % len(acc)],
	// and len(acc) must be a whole number of its iterations of step
	// channels. Doubling a short period keeps an accumulator's updates a
	// few iterations apart.
	step := channelsPerIteration(inner)
	period := lcm(channels, step) * inner
	for period < 64 {
		period *= 2
	}
	if period <= accLarge {
		return layout{inner: inner, channels: channels, acc: period}
	}
	b := min(accLarge/(step*inner)*step, channels)
	return layout{inner: inner, rows: true, channels: b, acc: roundUp(b, step) * inner}
}

// run runs the kernels as l says and writes dslope, accumulating in acc,
// which is zero.
func (l layout) run(dx, dslope, dy, x, slope []float32, acc []float64, stream bool) {
	row := len(slope) * l.inner
	var cyc cyclic
	for first := 0; first < len(slope); first += l.channels {
		b := min(l.channels, len(slope)-first)
		var wrap []float32
		s, a, sums, inner := slope[first:first+b], acc, acc[:b], 1
		if !l.planar {
			s, wrap = cyc.of(s)
			inner, sums = l.inner, acc
			if l.rows {
				a, sums = acc[:roundUp(b, channelsPerIteration(l.inner))*l.inner], acc[:b*l.inner]
			}
		}
		if !l.rows {
			l.call(dx, dy, x, s, wrap, a, stream)
		} else {
			for start := first * l.inner; start < len(x); start += row {
				end := start + b*l.inner
				l.call(dx[start:end], dy[start:end], x[start:end], s, wrap, a, stream)
			}
		}
		fold(dslope[first:first+b], sums, inner)
		if first+b < len(slope) {
			clear(acc)
		}
	}
}

// call runs the kernel of l once; wrap is the interleaved kernel's.
func (l layout) call(dx, dy, x, slope, wrap []float32, acc []float64, stream bool) {
	if l.planar {
		planarBackward(dx, dy, x, slope, acc, l.inner, stream)
		return
	}
	interleavedBackward(dx, dy, x, slope, wrap, acc, l.inner, stream)
}

// fold sets dslope[c] to the sum of the accumulators of channel c: acc
// holds a power of 2 of whole rows of len(dslope) channels of inner
// positions each (plan makes it so: TestPlanRowsPowerOfTwo).
func fold(dslope []float32, acc []float64, inner int) {
	row := len(dslope) * inner
	// Halving leaves independent additions, faster than one sum per
	// position, and ends at one row.
	for len(acc) > row {
		half := len(acc) / 2
		for i, v := range acc[half:] {
			acc[i] += v
		}
		acc = acc[:half]
	}
	if inner == 1 {
		for c, v := range acc[:len(dslope)] {
			dslope[c] = float32(v)
		}
		return
	}
	for c := range dslope {
		var sum float64
		for _, v := range acc[c*inner : (c+1)*inner] {
			sum += v
		}
		dslope[c] = float32(sum)
	}
}

func roundUp(n, m int) int { return (n + m - 1) / m * m }

func lcm(a, b int) int {
	g, r := a, b
	for r != 0 {
		g, r = r, g%r
	}
	return a / g * b
}

// preluBackwardMin is the smallest len(x) for which PReLUBackward runs the
// assembly kernels: below it, their setup (clearing accumulators on the
// stack, masked loads and stores) costs more than the pure-Go loop.
const preluBackwardMin = 64
