package check

import (
	"fmt"
	"math"
	"testing"
)

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

// TestGated checks the gated units' checks against their definition on
// every placement of equal-length windows of one buffer, and their panics'
// messages.
func TestGated(t *testing.T) {
	buf := make([]float32, 8)
	const n = 2
	for o := 0; o+n <= len(buf); o++ {
		for i := 0; i+n <= len(buf); i++ {
			out, a, b := buf[o:o+n], buf[i:i+n], buf[6:8]
			want := i != o && i < o+n && o < i+n || o == 5 // b at 6: out 5..6 overlaps it partially
			got := panics(func() { Gated("GLU", [3]string{"dst", "a", "b"}, out, a, b) }) != ""
			if got != want {
				t.Errorf("out buf[%d:], a buf[%d:]: panics %v, want %v", o, i, got, want)
			}
		}
	}
	cases := []struct {
		call func()
		want string
	}{
		{func() { Gated("SwiGLU", [3]string{"dst", "gate", "up"}, buf[:2], buf[2:4], buf[4:7]) },
			"simdact: SwiGLU: len(dst)=2, len(gate)=2, len(up)=3"},
		{func() { Gated("SwiGLU", [3]string{"dst", "gate", "up"}, buf[:2], buf[4:6], buf[1:3]) },
			"simdact: SwiGLU: dst and up overlap partially"},
		{func() {
			GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, buf[:2], buf[:2], buf[2:4], buf[4:6], buf[6:8])
		},
			"simdact: GLUBackward: da and db overlap"},
		{func() {
			GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, buf[:2], buf[1:3], buf[2:4], buf[4:6], buf[6:8])
		},
			"simdact: GLUBackward: da and db overlap"},
		{func() {
			GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, buf[:2], buf[2:4], buf[2:4], buf[4:6], buf[3:5])
		},
			"simdact: GLUBackward: db and b overlap partially"},
		{func() {
			GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, buf[:2], buf[2:4], buf[4:7], buf[4:6], buf[6:8])
		},
			"simdact: GLUBackward: len(da)=2, len(db)=2, len(dy)=3, len(a)=2, len(b)=2"},
		{func() { Finite("Swish", "beta", float32(math.Inf(-1))) }, "simdact: Swish: beta=-Inf, want a finite number"},
		{func() { Finite("Swish", "beta", float32(math.NaN())) }, "simdact: Swish: beta=NaN, want a finite number"},
	}
	for _, c := range cases {
		if got := panics(c.call); got != c.want {
			t.Errorf("panic %q, want %q", got, c.want)
		}
	}
	// Allowed: every output the very same slice as any input, da and db
	// apart.
	for _, call := range []func(){
		func() { Gated("GLU", [3]string{"dst", "a", "b"}, buf[:2], buf[:2], buf[:2]) },
		func() {
			GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, buf[:2], buf[2:4], buf[2:4], buf[:2], buf[:2])
		},
		func() { GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, nil, nil, nil, nil, nil) },
		func() { Finite("Swish", "beta", 0) },
	} {
		if got := panics(call); got != "" {
			t.Errorf("panicked: %s", got)
		}
	}
}

func panics(call func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	call()
	return ""
}
