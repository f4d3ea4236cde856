package simdact_test

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// The fuzz targets turn arbitrary bytes into float32 inputs (so every NaN
// payload, -0, subnormal and infinity occurs), lay them out at an offset the
// first byte picks, and check every implementation, out of place and in
// place, bit by bit against the reference formulas. `go test` runs their seed
// corpora; `go test -fuzz=FuzzReLU` explores one for as long as you like.

func FuzzReLU(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzKernel(t, verify.ReLU, data) })
}

func FuzzReLUBackward(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzKernel(t, verify.ReLUBackward, data) })
}

func FuzzLeakyReLU(f *testing.F) { fuzzParameter(f, addSlopeSeeds, verify.LeakyReLU) }

func FuzzLeakyReLUBackward(f *testing.F) { fuzzParameter(f, addSlopeSeeds, verify.LeakyReLUBackward) }

// The ELU targets take alpha from the fuzzer too, and hold every
// implementation to the ulp bounds of the float64 references and to the
// exact results on special values (see verify.CheckELU): so every two
// implementations agree within twice the bound, and exactly on those.

func FuzzELU(f *testing.F) { fuzzParameter(f, addAlphaSeeds, verify.ELU) }

func FuzzELUBackward(f *testing.F) { fuzzParameter(f, addAlphaSeeds, verify.ELUBackward) }

// fuzzParameter seeds f with seed and fuzzes the kernel of a parameter,
// whose bits the fuzzer picks with the inputs.
func fuzzParameter(f *testing.F, seed func(*testing.F), kernel func(float32) verify.Elementwise) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte, parameter uint32) {
		fuzzKernel(t, kernel(math.Float32frombits(parameter)), data)
	})
}

// FuzzELUBackwardFromOutput clears alpha's sign bit and skips a NaN alpha,
// which the function rejects.
func FuzzELUBackwardFromOutput(f *testing.F) {
	addAlphaSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, alpha uint32) {
		a := math.Float32frombits(alpha &^ (1 << 31))
		if a != a {
			t.Skip("alpha is NaN")
		}
		fuzzKernel(t, verify.ELUBackwardFromOutput(a), data)
	})
}

// addSeeds seeds a corpus with the special values, in several lengths.
func addSeeds(f *testing.F) {
	special := specialBytes()
	f.Add([]byte{})
	f.Add(special[:13])
	f.Add(special)
	f.Add(append(append([]byte{3}, special...), special[:61]...))
}

// specialBytes returns testutil.Special as little-endian bytes.
func specialBytes() []byte {
	var special []byte
	for _, bits := range testutil.Special {
		special = binary.LittleEndian.AppendUint32(special, bits)
	}
	return special
}

func addSlopeSeeds(f *testing.F) {
	for _, slope := range verify.Slopes {
		f.Add(binary.LittleEndian.AppendUint32([]byte{5}, math.Float32bits(-1)), math.Float32bits(slope))
	}
	for _, bits := range testutil.Special {
		f.Add(binary.LittleEndian.AppendUint32([]byte{1, 2, 3, 4}, bits), bits)
	}
}

func FuzzPReLU(f *testing.F) {
	addLayoutSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, channels uint16, inner uint8) {
		fuzzPReLU(t, data, channels, inner, verify.PReLU)
	})
}

func FuzzPReLUBackward(f *testing.F) {
	addLayoutSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, channels uint16, inner uint8) {
		fuzzPReLU(t, data, channels, inner, verify.PReLUBackward)
	})
}

// addLayoutSeeds seeds a corpus with the special values in every test
// layout that is small enough.
func addLayoutSeeds(f *testing.F) {
	special := specialBytes()
	for _, l := range verify.Layouts {
		if l.C < 100 {
			data := append([]byte{byte(l.C)}, special...)
			for len(data) < 4*(l.C+3*l.C*l.Inner) {
				data = append(data, special...)
			}
			f.Add(data, uint16(l.C-1), uint8(l.Inner-1))
		}
	}
}

// fuzzPReLU picks a layout of 1 to 600 channels of 1 to 64 elements,
// halved until its slopes and a row fit in data, takes the first byte of data as the
// output's offset, the next values as the slopes (the test slopes where
// data runs short) and the rest as the inputs, whole rows of them, and
// checks every implementation.
func fuzzPReLU(t *testing.T, data []byte, channels uint16, inner uint8, kernel func([]float32, int) verify.Elementwise) {
	l := verify.Layout{C: 1 + int(channels)%600, Inner: 1 + int(inner)%64}
	off, values := splitOffset(data)
	for l.C*(1+2*l.Inner) > len(values) && l.C*l.Inner > 1 {
		if l.C >= l.Inner {
			l.C = (l.C + 1) / 2
		} else {
			l.Inner = (l.Inner + 1) / 2
		}
	}
	slope := verify.PReLUSlopes(l.C)
	values = values[copy(slope, values):]
	k := kernel(slope, l.Inner)
	n := len(values) / len(k.Inputs) / (l.C * l.Inner) * (l.C * l.Inner)
	checkEvery(t, k, split(values, n, len(k.Inputs)), off)
}

func addAlphaSeeds(f *testing.F) {
	var edges []byte
	for _, x := range eluEdges {
		for _, v := range []float32{x, math.Nextafter32(x, 0), math.Nextafter32(x, -1e9)} {
			edges = binary.LittleEndian.AppendUint32(edges, math.Float32bits(v))
		}
	}
	for _, alpha := range verify.ELUAlphas {
		f.Add(append([]byte{2}, edges...), math.Float32bits(alpha))
	}
	for _, bits := range testutil.Special {
		f.Add(binary.LittleEndian.AppendUint32([]byte{1, 2, 3, 4}, bits), bits)
	}
}

// fuzzKernel splits data into the kernel's inputs (the first byte picks
// the start offset, 0..7, of the output) and checks every implementation,
// out of place and in place.
func fuzzKernel(t *testing.T, k verify.Elementwise, data []byte) {
	off, values := splitOffset(data)
	checkEvery(t, k, split(values, len(values)/len(k.Inputs), len(k.Inputs)), off)
}

// splitOffset takes an output offset, 0..7, from the first byte of data and
// turns the rest into float32 values.
func splitOffset(data []byte) (int, []float32) {
	if len(data) == 0 {
		return 0, nil
	}
	return int(data[0] % 8), testutil.FromBytes(data[1:])
}

// split cuts inputs of n values each from values.
func split(values []float32, n, inputs int) [][]float32 {
	in := make([][]float32, inputs)
	for j := range in {
		in[j] = values[j*n : (j+1)*n]
	}
	return in
}

// checkEvery calls k in every implementation with the inputs in, the output
// at offset off, out of place and in place on each input.
func checkEvery(t *testing.T, k verify.Elementwise, in [][]float32, off int) {
	for _, s := range sets(t) {
		if err := callEach(s, k, in, off); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzSmooth checks the smooth activations (verify.SmoothKernels, forward
// and backward, with their parameter settings) on arbitrary inputs in every
// implementation, against their bounds and exact special values: the first
// byte picks the output's offset (its low 3 bits) and the kernel.
func FuzzSmooth(f *testing.F) {
	addPickSeeds(f, len(verify.SmoothKernels()))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzPick(t, verify.SmoothKernels(), data) })
}

// FuzzGated checks the gated units (verify.GatedKernels: each forward
// pass, and each gradient of each backward pass) as FuzzSmooth does the
// smooth activations: the inputs are gate and up, or dy, gate and up.
func FuzzGated(f *testing.F) {
	addPickSeeds(f, len(verify.GatedKernels()))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzPick(t, verify.GatedKernels(), data) })
}

// FuzzHard checks the hard activations (verify.HardKernels) bit for bit,
// as FuzzSmooth does the smooth ones.
func FuzzHard(f *testing.F) {
	addPickSeeds(f, len(verify.HardKernels()))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzPick(t, verify.HardKernels(), data) })
}

// addPickSeeds seeds a corpus with the special values for each of n
// kernels that fuzzPick picks from.
func addPickSeeds(f *testing.F, n int) {
	addSeeds(f)
	seeds := specialBytes()
	for k := range min(n, 32) {
		f.Add(append([]byte{byte(8*k + k%8)}, seeds...))
	}
}

// fuzzPick runs the kernel of ks that data's first byte picks.
func fuzzPick(t *testing.T, ks []verify.Elementwise, data []byte) {
	if len(data) == 0 || len(ks) == 0 {
		return
	}
	k := ks[int(data[0]/8)%len(ks)]
	fuzzKernel(t, k, data)
}

// FuzzSoftmax runs Softmax and LogSoftmax in every implementation on rows
// of arbitrary bit patterns, with cols from the fuzzer, against the
// specification.
func FuzzSoftmax(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x3f, 0, 0, 0x80, 0xff, 0, 0, 0xc0, 0x7f}, uint16(3))
	f.Add(make([]byte, 4*17), uint16(17))
	f.Add([]byte{0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f, 0x7f}, uint16(2)) // x - m overflows: -MaxFloat32, MaxFloat32
	f.Fuzz(func(t *testing.T, data []byte, cols uint16) {
		fuzzRows(t, testutil.FromBytes(data), nil, int(cols), "Softmax", "LogSoftmax")
	})
}

// FuzzSoftmaxBackward runs SoftmaxBackward and LogSoftmaxBackward in every
// implementation on arbitrary dy and y, against the specification.
func FuzzSoftmaxBackward(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0x3f, 0, 0, 0x80, 0xbf, 0, 0, 0, 0xbf}, uint16(2))
	f.Fuzz(func(t *testing.T, data []byte, cols uint16) {
		v := testutil.FromBytes(data)
		half := len(v) / 2
		fuzzRows(t, v[:half], v[half:2*half], int(cols), "SoftmaxBackward", "LogSoftmaxBackward")
	})
}

// fuzzRows runs the kernels names on the input x (and y, for a backward
// kernel) trimmed to whole rows of cols (1 up to len(x)), out of place and
// in place on each input, in every implementation.
func fuzzRows(t *testing.T, x, y []float32, cols int, names ...string) {
	if len(x) == 0 {
		return
	}
	cols = 1 + cols%len(x)
	n := len(x) / cols * cols
	in := [][]float32{x[:n]}
	if y != nil {
		in = append(in, y[:n])
	}
	for _, k := range verify.SoftmaxKernels() {
		if slices.Contains(names, k.Name) {
			checkEvery(t, k.Elementwise(cols), in, 0)
		}
	}
}
