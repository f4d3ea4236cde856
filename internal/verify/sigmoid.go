package verify

// PLACEHOLDER: filled in by the family's work.

// SigmoidForwards returns this family's forward kernels with the parameters
// the tests run them with.
func SigmoidForwards() []Forward { return nil }

// SigmoidBackwards returns this family's backward kernels with the parameters
// the tests run them with.
func SigmoidBackwards() []Backward { return nil }
