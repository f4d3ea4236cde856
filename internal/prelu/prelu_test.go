package prelu

import "testing"

// TestContract checks that the constants fit together for every vector
// width of the kernels: 4 lanes (NEON), 8 (AVX2) and 16 (AVX-512).
func TestContract(t *testing.T) {
	if MaxInterleavedInner != PlanarMinInner-1 {
		t.Errorf("interleaved kernels take inner up to %d, planar ones from %d: some inner has no kernel", MaxInterleavedInner, PlanarMinInner)
	}
	for _, lanes := range []int{4, 8, 16} {
		for inner := 1; inner <= MaxInterleavedInner; inner++ {
			c := ChannelsPerIteration(lanes, inner)
			if vectors := c * inner / lanes; vectors < VectorsPerIteration || c*inner%lanes != 0 {
				t.Errorf("lanes=%d inner=%d: %d channels an iteration span %d/%d vectors", lanes, inner, c, c*inner, lanes)
			}
			if lanes <= 8 && c > Span {
				t.Errorf("lanes=%d inner=%d: an iteration reads %d slopes, more than Span=%d", lanes, inner, c, Span)
			}
		}
	}
}
