package loadgen

import (
	"math"
	"slices"
	"time"
)

// Latency summarises a set of request latencies. The percentiles are exact,
// taken from the sorted samples by the nearest-rank method, which costs
// 8 bytes of memory per request during a run.
type Latency struct {
	P50, P99, Max time.Duration
}

// Summarize sorts samples in place and returns their percentiles. An empty
// set gives zero values.
func Summarize(samples []time.Duration) Latency {
	if len(samples) == 0 {
		return Latency{}
	}
	slices.Sort(samples)
	return Latency{
		P50: Percentile(samples, 50),
		P99: Percentile(samples, 99),
		Max: samples[len(samples)-1],
	}
}

// Percentile returns the nearest-rank p-th percentile of sorted, the
// smallest sample that at least p percent of the samples do not exceed.
// Sorted must be in ascending order and not empty, and p in (0, 100].
func Percentile(sorted []time.Duration, p float64) time.Duration {
	// The small offset keeps float rounding from pushing an exact rank
	// such as 0.99*100 one place up.
	rank := int(math.Ceil(p/100*float64(len(sorted)) - 1e-9))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}
