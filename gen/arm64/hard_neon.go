package main

// Encoders of the hard kernels (see neon.go).

// fmin4s sets every lane of d to the lesser of n's and m's (a NaN if
// either is NaN, -0 below +0).
func fmin4s(d, n, m vreg) word { return threeSame(0x4ea0f400, "fmin", "4s", d, n, m) }

// fdiv4s sets d = n / m, lane by lane, correctly rounded.
func fdiv4s(d, n, m vreg) word { return threeSame(0x6e20fc00, "fdiv", "4s", d, n, m) }

// fcmge4s sets d to all ones in the lanes where n >= m (false for NaN).
func fcmge4s(d, n, m vreg) word { return threeSame(0x6e20e400, "fcmge", "4s", d, n, m) }
