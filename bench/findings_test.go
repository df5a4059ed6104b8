package main

import (
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
