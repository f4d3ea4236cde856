// Package prelu is the contract between the PReLU driver in package asm and
// the generators of the kernels it runs (gen/amd64, gen/arm64): the shapes
// of the layouts each kernel takes, and how many slopes an interleaved
// kernel reads at once. Its test asserts that they fit together.
package prelu

const (
	// PlanarMinInner is the smallest inner of the planar kernels: with
	// 8 or more elements a channel, a vector of up to 8 lanes lies in one
	// channel or straddles the boundary of two. (Wider vectors handle the
	// lanes past a second boundary as a planar kernel's blocks do.)
	PlanarMinInner = 8

	// MaxInterleavedInner is the largest inner of the interleaved kernels,
	// which take every inner below PlanarMinInner.
	MaxInterleavedInner = PlanarMinInner - 1

	// VectorsPerIteration is the least number of vectors an iteration of
	// an interleaved kernel computes: it handles as many groups of lanes
	// channels (which span inner vectors) as make up at least this many.
	VectorsPerIteration = 4

	// Span is the number of consecutive slopes an interleaved kernel may
	// read from one address in an iteration: the driver gives it a source
	// of at least Span slopes and a wrap buffer of the source's last Span
	// slopes followed by its first Span.
	Span = 32
)

// ChannelsPerIteration is the number of channels an interleaved kernel
// with vectors of lanes float32 handles an iteration, for inner in
// 1..MaxInterleavedInner: groups of lanes channels, enough groups for
// VectorsPerIteration vectors.
func ChannelsPerIteration(lanes, inner int) int {
	return lanes * GroupsPerIteration(inner)
}

// GroupsPerIteration is the number of groups of channels an interleaved
// kernel handles an iteration.
func GroupsPerIteration(inner int) int {
	return (VectorsPerIteration + inner - 1) / inner
}
