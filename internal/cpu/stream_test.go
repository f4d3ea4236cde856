package cpu

import "testing"

// TestStreamThreshold checks the threshold for each cache size that may be
// known: the L3 wins, 8 L2s stand in for an unknown L3, and 8 MiB for both.
func TestStreamThreshold(t *testing.T) {
	for _, c := range []struct {
		name   string
		l2, l3 int
		want   int
	}{
		{"L3 known", 1 << 20, 32 << 20, 32 << 20},
		{"L3 known, L2 unknown", 0, 16 << 20, 16 << 20},
		{"L3 known, L2 negative", -1, 8 << 20, 8 << 20},
		{"only L2", 512 << 10, 0, 4 << 20},
		{"only L2, L3 negative", 2 << 20, -1, 16 << 20},
		{"neither", 0, 0, 8 << 20},
		{"neither, both negative", -1, -1, 8 << 20},
	} {
		if got := streamThreshold(c.l2, c.l3); got != c.want {
			t.Errorf("%s: streamThreshold(%d, %d) = %d, want %d", c.name, c.l2, c.l3, got, c.want)
		}
	}
}

// TestStream checks Stream's boundary at StreamBytes: a call that touches
// exactly StreamBytes streams, one byte per element fewer does not.
func TestStream(t *testing.T) {
	defer func(b int) { StreamBytes = b }(StreamBytes)
	StreamBytes = 3 << 20
	for _, c := range []struct {
		n, bytesPerElement int
		want               bool
	}{
		{0, 8, false},
		{3 << 17, 8, true},     // 3 MiB exactly
		{3<<17 - 1, 8, false},  // 8 bytes short
		{1 << 18, 12, true},    // 3 MiB, three operands
		{1<<18 - 1, 12, false}, // 12 bytes short
		{1 << 30, 8, true},
	} {
		if got := Stream(c.n, c.bytesPerElement); got != c.want {
			t.Errorf("StreamBytes = %d: Stream(%d, %d) = %v, want %v", StreamBytes, c.n, c.bytesPerElement, got, c.want)
		}
	}
	if StreamBytes = streamThreshold(0, 0); !Stream(StreamBytes/8, 8) || Stream(StreamBytes/8-1, 8) {
		t.Errorf("with the default threshold %d, Stream's boundary is not at %d elements of 8 bytes", StreamBytes, StreamBytes/8)
	}
}
