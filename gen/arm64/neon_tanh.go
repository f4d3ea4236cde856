package main

// Encoders the tanh family adds to neon.go's.

// fdiv computes d = n / m, lane by lane.
func fdiv(d, n, m vreg) word { return threeSame(0x6e20fc00, "fdiv", "4s", d, n, m) }

// fmin sets d to the smaller of n and m, NaN if either is NaN.
func fmin(d, n, m vreg) word { return threeSame(0x4ea0f400, "fmin", "4s", d, n, m) }

// fcmge sets d to all ones in the lanes where n >= m (false for NaN).
func fcmge(d, n, m vreg) word { return threeSame(0x6e20e400, "fcmge", "4s", d, n, m) }
