package validate

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/brazelint/brazelint/lint"
)

// ApplyFixes applies the first fix of each diagnostic to src and returns the
// result and the number of fixes applied. A fix with an edit that overlaps an
// edit of a fix already taken is left out whole, so the result never mixes
// two repairs of the same bytes. The diagnostics must be those of src.
func ApplyFixes(src []byte, diags []lint.Diagnostic) ([]byte, int) {
	var taken []lint.Edit
	applied := 0
	for _, d := range diags {
		if len(d.Fixes) == 0 {
			continue
		}
		edits := d.Fixes[0].Edits
		if slices.ContainsFunc(edits, func(e lint.Edit) bool { return !inside(e, len(src)) || overlapsAny(e, taken) }) {
			continue
		}
		taken = append(taken, edits...)
		applied++
	}
	if applied == 0 {
		return src, 0
	}
	// Insertions at one offset keep the order their fixes came in; an
	// insertion goes before a replacement that starts where it is.
	slices.SortStableFunc(taken, func(a, b lint.Edit) int {
		return cmp.Or(cmp.Compare(a.Start.Offset, b.Start.Offset), cmp.Compare(a.End.Offset, b.End.Offset))
	})
	var out bytes.Buffer
	out.Grow(len(src) + 16)
	at := 0
	for _, e := range taken {
		out.Write(src[at:e.Start.Offset])
		out.WriteString(e.NewText)
		at = e.End.Offset
	}
	out.Write(src[at:])
	return out.Bytes(), applied
}

func inside(e lint.Edit, n int) bool {
	return 0 <= e.Start.Offset && e.Start.Offset <= e.End.Offset && e.End.Offset <= n
}

// overlapsAny reports whether e touches the bytes of an edit in taken: they
// share a byte, or one inserts strictly inside the other's range, or both
// insert at one offset (which text goes first would be a guess).
func overlapsAny(e lint.Edit, taken []lint.Edit) bool {
	for _, t := range taken {
		a, b, c, d := e.Start.Offset, e.End.Offset, t.Start.Offset, t.End.Offset
		switch {
		case a < d && c < b: // shared bytes
			return true
		case a == b && c < a && a < d, c == d && a < c && c < b: // insertion inside
			return true
		case a == b && c == d && a == c: // two insertions at one place
			return true
		}
	}
	return false
}

// Fixed is what Fix did to a payload.
type Fixed struct {
	// Data is the repaired payload; the input itself when nothing was fixed.
	Data []byte
	// Diagnostics are those of Data.
	Diagnostics []lint.Diagnostic
	// Applied counts the fixes applied; Refused those left out because they
	// would have brought a finding that was not there before.
	Applied, Refused int
}

// Fix applies the fixes of the payload's diagnostics for which want returns
// true (every fix when want is nil) and returns the result. A fix is applied
// only when the payload it gives has no finding, by rule and JSON pointer,
// that the original did not have: a repair that makes something else wrong,
// or that uncovers a problem its defect hid, is refused and left for a person.
// Fixing a fixed payload changes nothing.
func (c Config) Fix(ep Endpoint, data []byte, want func(lint.Diagnostic) bool) Fixed {
	// Fixes whose edits overlap wait for the next round; a few rounds reach
	// the point where no fix is left to apply.
	res := c.fixOnce(ep, data, want)
	for round := 1; round < maxFixRounds && res.Applied > 0; round++ {
		next := c.fixOnce(ep, res.Data, want)
		if next.Applied == 0 {
			res.Refused = next.Refused
			break
		}
		res.Data, res.Diagnostics, res.Refused = next.Data, next.Diagnostics, next.Refused
		res.Applied += next.Applied
	}
	return res
}

const maxFixRounds = 4

// fixOnce applies the fixes that are safe together in one pass.
func (c Config) fixOnce(ep Endpoint, data []byte, want func(lint.Diagnostic) bool) Fixed {
	diags := c.Bytes(ep, data)
	var fixable []lint.Diagnostic
	for _, d := range diags {
		if len(d.Fixes) > 0 && (want == nil || want(d)) {
			fixable = append(fixable, d)
		}
	}
	res := Fixed{Data: data, Diagnostics: diags}
	if len(fixable) == 0 {
		return res
	}
	before := findingKeys(diags)
	try := func(ds []lint.Diagnostic) (Fixed, bool) {
		out, n := ApplyFixes(data, ds)
		after := c.Bytes(ep, out)
		return Fixed{Data: out, Diagnostics: after, Applied: n}, n > 0 && noNewFindings(before, after)
	}
	// Usually every fix is safe together; if not, keep those safe alone and
	// check them once more together.
	if all, ok := try(fixable); ok {
		all.Refused = len(fixable) - all.Applied
		return all
	}
	var safe []lint.Diagnostic
	for _, d := range fixable {
		if _, ok := try([]lint.Diagnostic{d}); ok {
			safe = append(safe, d)
		}
	}
	if some, ok := try(safe); ok {
		some.Refused = len(fixable) - some.Applied
		return some
	}
	res.Refused = len(fixable)
	return res
}

// findingKeys counts findings by rule and pointer, which survive the byte
// shifts a fix makes.
func findingKeys(diags []lint.Diagnostic) map[string]int {
	keys := map[string]int{}
	for _, d := range diags {
		keys[d.Rule+"\x00"+d.Pointer]++
	}
	return keys
}

// noNewFindings reports whether after holds no finding that before lacks.
func noNewFindings(before map[string]int, after []lint.Diagnostic) bool {
	for key, n := range findingKeys(after) {
		if n > before[key] {
			return false
		}
	}
	return true
}
