// Package lineartest holds the check behind brazelint's linear-cost tests:
// an input shape is built at sizes 1, 2, 4, 8 and 16 times a base, and the
// test fails when the time per byte grows with size. It compares ratios of
// times measured in the same run, never absolute times, so a slow or busy
// machine (or -race) does not fail it.
package lineartest

import (
	"runtime"
	"testing"
	"time"
)

// MaxRatio is the most time(16x)/time(1x) may reach: linear work gives about
// 16, and three times that leaves room for caches and noise, while quadratic
// work gives about 256.
const MaxRatio = 16 * 3

// maxUpperRatio is the most time(16x)/time(4x) may reach as well: linear work
// gives 4, quadratic 16. Asking both keeps a smallest size that ran unusually
// fast (all in cache, no collection) from failing linear work.
const maxUpperRatio = 4 * 2

// Check builds the shape with build(n) at n = base·2^k, k = 0..4, runs run on
// each and fails t when the time of the largest over the time of the smallest
// exceeds MaxRatio and the time of the largest over the time of the 4x size
// exceeds twice 4. Each size runs until it has taken a few milliseconds, and
// the fastest of at least five runs counts; a failing measurement is retried
// four times before the test fails, since a busy machine (go test runs other
// test binaries beside this one) can slow one size.
func Check[T any](t *testing.T, base int, build func(n int) T, run func(T)) {
	t.Helper()
	var ratio float64
	var times [5]time.Duration
	for attempt := 0; attempt < 5; attempt++ {
		for k := range times {
			times[k] = fastest(build(base<<k), run)
		}
		ratio = float64(times[4]) / float64(max(times[0], time.Microsecond))
		upper := float64(times[4]) / float64(max(times[2], time.Microsecond))
		if ratio <= MaxRatio || upper <= maxUpperRatio {
			return
		}
	}
	t.Errorf("time grows faster than size: time(16x)/time(1x) = %.0f, want at most %d, and time(16x)/time(4x) over %d (times at 1x..16x: %v)", ratio, MaxRatio, maxUpperRatio, times)
}

// fastest returns the shortest of several runs of run on in.
func fastest[T any](in T, run func(T)) time.Duration {
	runtime.GC() // not the garbage of the size before
	best := time.Duration(1<<63 - 1)
	var total time.Duration
	for i := 0; i < 50 && (i < 5 || total < 20*time.Millisecond); i++ {
		start := time.Now()
		run(in)
		d := time.Since(start)
		total += d
		best = min(best, d)
	}
	return best
}
