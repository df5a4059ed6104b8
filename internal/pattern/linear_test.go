package pattern

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/lineartest"
)

// TestMatchManyDoubleStars holds Match to polynomial cost: ten ** segments
// with a literal between each, against a deep pointer that fails at its last
// segment, once backtracked through every way to split the pointer.
func TestMatchManyDoubleStars(t *testing.T) {
	g := Glob(strings.Split(strings.Repeat("**/a/", 10)+"b", "/"))
	segments := make([]string, 30)
	for i := range segments {
		segments[i] = "a"
	}
	segments[len(segments)-1] = "c"
	if g.Match(segments) {
		t.Fatal("matched a pointer that does not end in b")
	}
	// Linear in the pointer's depth for a fixed glob.
	base := 40
	if testing.Short() {
		base = 10
	}
	lineartest.Check(t, base, func(n int) []string {
		s := make([]string, n)
		for i := range s {
			s[i] = "a"
		}
		return append(s, "c")
	}, func(s []string) { g.Match(s) })
}

// TestMatchAgreesWithBacktracking checks Match against the plain recursive
// reading of the patterns on random globs and paths over a small alphabet.
func TestMatchAgreesWithBacktracking(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"**", "*", "a", "b", "?", "[ab]", "a*"}
	names := []string{"a", "b", "ab", "ba", ""}
	for range 20000 {
		g := make(Glob, r.IntN(7))
		for i := range g {
			g[i] = pieces[r.IntN(len(pieces))]
		}
		s := make([]string, r.IntN(7))
		for i := range s {
			s[i] = names[r.IntN(len(names))]
		}
		if got, want := g.Match(s), backtrack(g, s); got != want {
			t.Fatalf("%q against %q: Match says %v, backtracking %v", g, s, got, want)
		}
	}
}

// backtrack is the reading of a glob by definition: ** tries every number of
// segments, any other segment matches one by path.Match.
func backtrack(g Glob, s []string) bool {
	if len(g) == 0 {
		return len(s) == 0
	}
	if g[0] == "**" {
		for skip := 0; skip <= len(s); skip++ {
			if backtrack(g[1:], s[skip:]) {
				return true
			}
		}
		return false
	}
	return len(s) > 0 && matchSegment(g[0], s[0]) && backtrack(g[1:], s[1:])
}
