package main

import (
	"testing"

	"github.com/brazelint/brazelint/validate"
)

// TestHostileShapes checks that each hostile payload is as large as meant,
// still under the limit, and well-formed: its cost comes from its shape, not
// from a syntax error that stops the check early.
func TestHostileShapes(t *testing.T) {
	for _, s := range hostileShapes {
		if n := len(s.build(hostileSize)); n > hostileSize || n < hostileSize-200 {
			t.Errorf("%s: %d bytes, want just under %d", s.name, n, hostileSize)
		}
		data := s.build(64 << 10) // the same shape, small enough to check here
		for _, d := range (validate.Config{MaxDiagnostics: 5}).Bytes(validate.Auto, data) {
			if d.Rule == "json-syntax" || d.Rule == "input-too-large" || d.Rule == "endpoint-unknown" {
				t.Errorf("%s: %s at %d:%d", s.name, d.Rule, d.Start.Line, d.Start.Column)
			}
		}
	}
}
