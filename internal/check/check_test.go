package check

import "testing"

// TestOverlapsPartially checks the overlap test against its definition,
// for every pair of equal-length windows of one buffer, empty ones too.
func TestOverlapsPartially(t *testing.T) {
	buf := make([]float32, 12)
	for n := 0; n <= 6; n++ {
		for i := 0; i+n <= len(buf); i++ {
			for j := 0; j+n <= len(buf); j++ {
				want := i != j && n > 0 && i < j+n && j < i+n
				if got := overlapsPartially(buf[i:i+n], buf[j:j+n]); got != want {
					t.Errorf("buf[%d:%d] and buf[%d:%d]: overlapsPartially = %v, want %v", i, i+n, j, j+n, got, want)
				}
			}
		}
	}
}
