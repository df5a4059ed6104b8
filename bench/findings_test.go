package main

import (
	"slices"
	"testing"

	"github.com/brazelint/brazelint/validate"
)

// TestManyFindingsShapes checks that each shape the harness times gives about
// the number of findings it is built for, so µs/finding divides by the truth.
func TestManyFindingsShapes(t *testing.T) {
	for _, shape := range manyFindingsShapes {
		for _, n := range []int{100, 1000} {
			found := len(validate.Config{MaxDiagnostics: 1 << 30}.Bytes(validate.Auto, shape.build(n)))
			if found < n*9/10 || found > n*11/10 {
				t.Errorf("%s: %d findings for %d", shape.name, found, n)
			}
		}
	}
}

// TestManyFindingsFit checks that the largest payload of each shape is under
// the payload limit: over it, the harness would time one input-too-large.
func TestManyFindingsFit(t *testing.T) {
	n := slices.Max(findingsSizes)
	for _, shape := range manyFindingsShapes {
		if size := len(shape.build(n)); size > validate.DefaultMaxBytes {
			t.Errorf("%s at %d findings: %d bytes, over the %d-byte limit", shape.name, n, size, validate.DefaultMaxBytes)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 80000: "80,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
