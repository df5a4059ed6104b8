package lint

import (
	"math/rand/v2"
	"testing"
)

// TestDetectByBitsAgreesWithTheTable holds Detect's bitset reading to the
// table read in turn (the way a registry whose specs repeat a name is still
// read), over every subset of the registry's marks that random payloads
// have, and over each endpoint's own marks.
func TestDetectByBitsAgreesWithTheTable(t *testing.T) {
	r := DefaultEndpoints
	if r.detects == nil {
		t.Fatal("the default registry is not read by bits")
	}
	slow := &Registry{specs: r.specs, schemas: r.schemas} // no bits: the table in turn
	check := func(present map[string]bool) {
		has := func(n string) bool { return present[n] }
		ep, ok := r.Detect(has)
		want, wantOK := slow.Detect(has)
		if ep != want || ok != wantOK {
			t.Fatalf("members %v: Detect = %q, %v; the table says %q, %v", present, ep, ok, want, wantOK)
		}
	}
	for _, s := range r.specs {
		present := map[string]bool{}
		for _, n := range append(append([]string{s.Key}, s.Decides...), s.Marks...) {
			present[n] = true
		}
		check(present)
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		present := map[string]bool{}
		for _, n := range r.marks {
			if rnd.IntN(4) == 0 {
				present[n] = true
			}
		}
		check(present)
	}
}

// TestRepeatedMarksAreReadInTurn checks that a registry whose spec repeats
// a mark is not read by bits: Detect counts a repeated mark twice.
func TestRepeatedMarksAreReadInTurn(t *testing.T) {
	specs := append([]EndpointSpec(nil), DefaultEndpoints.specs...)
	specs[0].Marks = append(append([]string(nil), specs[0].Marks...), specs[0].Marks[0])
	r, err := newRegistry(specs, DefaultEndpoints.schemas)
	if err != nil {
		t.Fatal(err)
	}
	if r.detects != nil {
		t.Error("a registry with a repeated mark is read by bits")
	}
}
