package main

// Encoders the tanh family adds to neon.go's.

