package cpu

// Stream reports whether a call over n elements, touching bytesPerElement
// bytes of inputs and output for each, should write its output with
// non-temporal stores.
func Stream(n, bytesPerElement int) bool { return n*bytesPerElement >= StreamBytes }
