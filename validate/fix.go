package validate

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/brazelint/brazelint/lint"
)

// ApplyFixes applies the first fix of each diagnostic to src and returns the
// result and the number of fixes applied. A fix with an edit that overlaps an
// edit of a fix already taken is left out whole, so the result never mixes
// two repairs of the same bytes. The diagnostics must be those of src.
func ApplyFixes(src []byte, diags []lint.Diagnostic) ([]byte, int) {
	// taken is kept sorted by offset; its edits never overlap, so an edit
	// is checked against its neighbours only. Diagnostics come in offset
	// order, so most edits go at the end.
	var taken []lint.Edit
	applied := 0
	for _, d := range diags {
		if len(d.Fixes) == 0 {
			continue
		}
		edits := d.Fixes[0].Edits
		if slices.ContainsFunc(edits, func(e lint.Edit) bool { return !inside(e, len(src)) || overlapsTaken(e, taken) }) {
			continue
		}
		for _, e := range edits {
			if n := len(taken); n == 0 || editOrder(taken[n-1], e) <= 0 {
				taken = append(taken, e)
				continue
			}
			i := sort.Search(len(taken), func(j int) bool { return editOrder(taken[j], e) > 0 })
			taken = slices.Insert(taken, i, e)
		}
		applied++
	}
	if applied == 0 {
		return src, 0
	}
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

// editOrder orders edits by offset. Insertions at one offset keep the order
// their fixes came in (an edit goes after those equal to it); an insertion
// goes before a replacement that starts where it is.
func editOrder(a, b lint.Edit) int {
	return cmp.Or(cmp.Compare(a.Start.Offset, b.Start.Offset), cmp.Compare(a.End.Offset, b.End.Offset))
}

// overlapsTaken reports whether e overlaps an edit of taken, which is
// sorted and free of overlaps: only the edits next to where e would go can.
func overlapsTaken(e lint.Edit, taken []lint.Edit) bool {
	i := sort.Search(len(taken), func(j int) bool { return taken[j].Start.Offset >= e.Start.Offset })
	// Before i, only the last two can reach e: the edits there are disjoint,
	// and at most an insertion and a range end at or after e's start.
	lo := max(0, i-2)
	hi := i
	for hi < len(taken) && taken[hi].Start.Offset <= e.End.Offset {
		hi++
	}
	return overlapsAny(e, taken[lo:hi])
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
	// Applied counts the fixes applied; Refused those left out, most of
	// them because they would have brought a new warning or error.
	Applied, Refused int
	// Refusals say which fixes were refused, and why.
	Refusals []Refusal
	// OverLimit counts the fixes refused because together they would make
	// the payload longer than the size limit (Config.MaxBytes); they are
	// among Refused, not listed in Refusals.
	OverLimit int
}

// Refusal is a fix Fix refused.
type Refusal struct {
	// Diagnostic is the finding whose fix was refused, positioned in
	// Fixed.Data.
	Diagnostic lint.Diagnostic
	// Brings is a finding at warning or above that the repaired payload
	// would have had and Fixed.Data does not, positioned in that repaired
	// payload (its Pointer names the place in both). Its Rule is empty
	// when the fix could not be applied at all, or was not tried.
	Brings lint.Diagnostic
	// Untried is set when the round spent its budget of validations on
	// other fixes of a payload with many unsafe ones: running Fix again
	// tries the fix.
	Untried bool
}

// Fix applies the fixes of the payload's diagnostics for which want returns
// true (every fix when want is nil) and returns the result. Rules c's Policy
// turns off offer no fix. A fix is applied only when the payload it gives
// has no finding at warning or above, by rule and JSON pointer under c's
// Policy, that the original did not have: a repair that makes something
// else wrong, or that uncovers a problem its defect hid, is refused and left
// for a person. A new info or hint, like broadcast-enabled once "true" is
// written true, does not stop a fix. Fixing a fixed payload changes nothing.
// Fixes are judged against every finding, not c's MaxDiagnostics first ones;
// Fixed.Diagnostics are capped as Bytes caps them.
func (c Config) Fix(ep Endpoint, data []byte, want func(lint.Diagnostic) bool) Fixed {
	if want == nil {
		// A validation under the cap tells whether there is anything to
		// judge: most payloads have no fix, and fixes that together pass
		// the size limit are refused unjudged (fixOnce).
		ds, st := c.check(ep, data)
		switch {
		case st.fixes == 0:
			return Fixed{Data: data, Diagnostics: ds}
		case st.fixes == st.growing && len(data)+st.growth > c.maxBytes():
			return Fixed{Data: data, Diagnostics: ds, Refused: st.fixes, OverLimit: st.fixes}
		}
	}
	// Under the cap, fixing one finding shows one the cap hid, which would
	// look new and refuse every safe fix (and cost a validation per fix).
	judge := c
	judge.MaxDiagnostics = math.MaxInt
	res := judge.fixRounds(ep, data, want)
	res.Diagnostics = c.capped(res.Diagnostics) // with the too-many-findings summary
	return res
}

func (c Config) fixRounds(ep Endpoint, data []byte, want func(lint.Diagnostic) bool) Fixed {
	// Fixes whose edits overlap wait for the next round; a few rounds reach
	// the point where no fix is left to apply.
	res := c.fixOnce(ep, data, c.Bytes(ep, data), want)
	for round := 1; round < maxFixRounds && res.Applied > 0; round++ {
		// res.Diagnostics are those of res.Data, found when the fixes
		// were judged: no need to validate it again.
		next := c.fixOnce(ep, res.Data, res.Diagnostics, want)
		if next.Applied == 0 {
			res.Refused, res.Refusals, res.OverLimit = next.Refused, next.Refusals, next.OverLimit
			break
		}
		res.Data, res.Diagnostics = next.Data, next.Diagnostics
		res.Refused, res.Refusals, res.OverLimit = next.Refused, next.Refusals, next.OverLimit
		res.Applied += next.Applied
	}
	return res
}

const maxFixRounds = 4

// fixOnce applies the fixes that are safe together in one pass over data,
// whose diagnostics under c are diags.
func (c Config) fixOnce(ep Endpoint, data []byte, diags []lint.Diagnostic, want func(lint.Diagnostic) bool) Fixed {
	n, growth, growing := 0, 0, 0
	for _, d := range diags {
		if len(d.Fixes) > 0 && (want == nil || want(d)) {
			n++
			if g := fixGrowth(d); g > 0 {
				growth += g
				growing++
			}
		}
	}
	res := Fixed{Data: data, Diagnostics: diags}
	if n == 0 {
		return res
	}
	// Together the fixes may take the payload over the size limit, and
	// which of them to leave out is no fix's to decide: those that make it
	// longer are then refused as one group, and the others judged as usual.
	// (Halving the set would search for the few that still fit, a whole
	// validation at a time.)
	tooLong := 0
	if len(data)+growth > c.maxBytes() {
		tooLong = growing
		res.OverLimit = tooLong
		if n == tooLong {
			res.Refused = tooLong
			return res
		}
	}
	fixable := make([]lint.Diagnostic, 0, n-tooLong)
	for _, d := range diags {
		if len(d.Fixes) > 0 && (want == nil || want(d)) && (tooLong == 0 || fixGrowth(d) <= 0) {
			fixable = append(fixable, d)
		}
	}
	var refusals []Refusal
	before := findingKeys(diags)
	// try applies ds and returns the result and the first finding it
	// brings; ok when it applied something and brings nothing.
	try := func(ds []lint.Diagnostic) (fixed Fixed, brings lint.Diagnostic, ok bool) {
		out, n := ApplyFixes(data, ds)
		after := c.Bytes(ep, out)
		brings, gained := newFinding(before, after)
		return Fixed{Data: out, Diagnostics: after, Applied: n}, brings, n > 0 && !gained
	}
	// Usually every fix is safe together. If not, halves are tried in turn
	// down to single fixes, so finding the few bad fixes among many costs
	// a validation or two per bad fix, not one per fix; a budget bounds the
	// validations a round may spend, and fixes left untried are refused.
	all, allBrings, ok := try(fixable)
	if ok {
		all.Refused = len(fixable) + tooLong - all.Applied // overlapping: the next round
		all.OverLimit = tooLong
		return all
	}
	budget := fixBudget(len(data))
	var safe []lint.Diagnostic
	// split sorts ds into safe and refused; bad says ds together is known to
	// bring brings.
	var split func(ds []lint.Diagnostic, bad bool, brings lint.Diagnostic)
	split = func(ds []lint.Diagnostic, bad bool, brings lint.Diagnostic) {
		if len(ds) == 0 {
			return
		}
		if !bad {
			if budget <= 0 {
				for _, d := range ds {
					refusals = append(refusals, Refusal{Diagnostic: d, Untried: true})
				}
				return
			}
			budget--
			var ok bool
			if _, brings, ok = try(ds); ok {
				safe = append(safe, ds...)
				return
			}
		}
		if len(ds) == 1 {
			refusals = append(refusals, Refusal{Diagnostic: ds[0], Brings: brings})
			return
		}
		half := len(ds) / 2
		split(ds[:half], false, lint.Diagnostic{})
		split(ds[half:], false, lint.Diagnostic{})
	}
	split(fixable, true, allBrings)
	if len(safe) > 0 {
		some, brings, ok := try(safe)
		if ok {
			some.Refused, some.Refusals = len(fixable)+tooLong-some.Applied, sortRefusals(refusals)
			some.OverLimit = tooLong
			return some
		}
		for _, d := range safe { // safe in parts, not together
			refusals = append(refusals, Refusal{Diagnostic: d, Brings: brings})
		}
	}
	res.Refused, res.Refusals = len(fixable)+tooLong, sortRefusals(refusals)
	return res
}

// fixGrowth is how many bytes longer the first fix of d makes the payload.
func fixGrowth(d lint.Diagnostic) int {
	n := 0
	for _, e := range d.Fixes[0].Edits {
		n += len(e.NewText) - (e.End.Offset - e.Start.Offset)
	}
	return n
}

func sortRefusals(rs []Refusal) []Refusal {
	slices.SortStableFunc(rs, func(a, b Refusal) int {
		return cmp.Compare(a.Diagnostic.Start.Offset, b.Diagnostic.Start.Offset)
	})
	return rs
}

// fixBudget is the most validations a round of Fix spends finding the fixes
// that are safe, beyond the first: a few dozen for a payload of the usual
// size, fewer for a large one, so a round validates at most about 32 MiB.
func fixBudget(size int) int {
	return max(8, min(64, (32<<20)/max(size, 1)))
}

// vetoes reports whether a finding of severity sev that a fix brings stops
// the fix: a new info or hint is reported, not a reason to refuse.
func vetoes(sev lint.Severity) bool { return sev != Off && sev <= lint.Warning }

// findingKeys counts the findings at warning or above by rule and pointer,
// which survive the byte shifts a fix makes.
func findingKeys(diags []lint.Diagnostic) map[string]int {
	keys := map[string]int{}
	for _, d := range diags {
		if vetoes(d.Severity) {
			keys[d.Rule+"\x00"+d.Pointer]++
		}
	}
	return keys
}

// newFinding returns the first finding at warning or above in after that
// before lacks.
func newFinding(before map[string]int, after []lint.Diagnostic) (lint.Diagnostic, bool) {
	seen := map[string]int{}
	for _, d := range after {
		if !vetoes(d.Severity) {
			continue
		}
		key := d.Rule + "\x00" + d.Pointer
		if seen[key]++; seen[key] > before[key] {
			return d, true
		}
	}
	return lint.Diagnostic{}, false
}
