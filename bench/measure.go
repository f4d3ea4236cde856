package main

import (
	"slices"
	"time"
)

// timing says how each measurement is made. A measurement calls the code
// once (warming caches and TLB, and faulting pages in), then finds how many
// calls take at least Batch, then times Count batches of that many calls,
// each with time.Now around the batch. The report gives the median batch,
// and its spread, (slowest - fastest) / median, so that a noisy machine
// shows as noisy.
type timing struct {
	Count int           `json:"count"`    // batches timed
	Batch time.Duration `json:"batch_ns"` // the least duration of a batch
}

// measure times body, which makes iters calls, as t says, and returns the
// calls in each batch and the nanoseconds per call of each batch.
func (t timing) measure(body func(iters int)) (iters int, nsPerCall []float64) {
	iters = 1
	for d := timeBatch(body, iters); d < t.Batch && iters < maxIters; d = timeBatch(body, iters) {
		// Aim 20% past the batch, growing at most 100-fold a step, as
		// package testing does.
		aim := int(float64(iters) * 1.2 * float64(t.Batch) / float64(max(d, 1)))
		iters = min(max(aim, iters+1), 100*iters, maxIters)
	}
	nsPerCall = make([]float64, t.Count)
	for i := range nsPerCall {
		nsPerCall[i] = float64(timeBatch(body, iters).Nanoseconds()) / float64(iters)
	}
	return iters, nsPerCall
}

// maxIters bounds a batch, whatever the clock says.
const maxIters = 1 << 30

func timeBatch(body func(iters int), iters int) time.Duration {
	start := time.Now()
	body(iters)
	return time.Since(start)
}

// median returns the median of samples, which it leaves as they are.
func median(samples []float64) float64 {
	s := slices.Sorted(slices.Values(samples))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread returns (max - min) / median of samples.
func spread(samples []float64) float64 {
	return (slices.Max(samples) - slices.Min(samples)) / median(samples)
}
