package validate

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// selection keeps the first max located findings of a payload in the order
// diagnostics are reported (position, rule id, end, message, then arrival),
// and only counts the rest: a payload with a million findings costs one
// comparison or so for each beyond the cap, and memory for max of them.
// The policy is applied as findings arrive, before the cap.
type selection struct {
	max    int
	policy *payloadPolicy
	kept   findingHeap // at most max; once max, a heap with the last in order on top
	seq    int
	// The findings beyond the first max: how many, the worst severity, and
	// the first of them in order.
	rest      int
	restWorst lint.Severity
	restFirst seqFinding
	// fixes sums up the fixes of every finding, kept or not.
	fixes fixStats
	// Memory for diagnostics, kept from payload to payload: the kept
	// findings in order, and the index of the payload's lines.
	flat  []lint.Finding
	lines lines
}

// fixStats counts the fixes of a payload's findings, and those that make it
// longer and by how many bytes together: Fix refuses those at once when
// they would take the payload over the size limit.
type fixStats struct{ fixes, growing, growth int }

// seqFinding is a located finding and its place in arrival order.
type seqFinding struct {
	lint.Finding
	seq int
}

func newSelection(max int, policy *payloadPolicy) *selection {
	return &selection{max: max, policy: policy}
}

// reset makes s an empty selection of max findings, keeping its memory.
func (s *selection) reset(max int, policy *payloadPolicy) {
	clear(s.kept) // let the last payload's findings go
	clear(s.flat)
	s.lines.src, s.lines.validUTF8 = nil, false
	*s = selection{max: max, policy: policy, kept: s.kept[:0], flat: s.flat[:0], lines: s.lines}
}

// add offers one located finding (its targets PartSpan).
func (s *selection) add(r lint.Finding) {
	if s.policy != nil {
		def := r.Severity
		if def == 0 {
			def = r.Rule.Severity()
		}
		if r.Severity = s.policy.severity(r.Rule, r.At.Pointer, def); r.Severity == Off {
			return
		}
	}
	if r.Fix != nil {
		s.fixes.fixes++
		g := 0
		for _, e := range r.Fix.Edits {
			g += len(e.NewText) - (e.At.End - e.At.Start)
		}
		if g > 0 {
			s.fixes.growing++
			s.fixes.growth += g
		}
	}
	s.seq++
	e := seqFinding{r, s.seq}
	if len(s.kept) < s.max {
		// A heap only once full: a payload under the cap (or Fix, which
		// judges without one) pays for one sort at the end, not a heap.
		if len(s.kept) == cap(s.kept) && len(s.kept) >= 1024 {
			// Fix judges with no cap: double, where append would grow a
			// large slice by a quarter and copy it three times as often.
			s.kept = append(make(findingHeap, 0, 2*len(s.kept)), s.kept...)
		}
		if s.kept = append(s.kept, e); len(s.kept) == s.max {
			heap.Init(&s.kept)
		}
		return
	}
	if before(e, s.kept[0]) { // it displaces the last kept
		e, s.kept[0] = s.kept[0], e
		heap.Fix(&s.kept, 0)
	}
	s.beyond(e)
}

func (s *selection) beyond(e seqFinding) {
	sev := finalSeverity(e.Finding)
	if s.rest == 0 || before(e, s.restFirst) {
		s.restFirst = e
	}
	if s.rest == 0 || sev < s.restWorst {
		s.restWorst = sev
	}
	s.rest++
}

func finalSeverity(r lint.Finding) lint.Severity {
	if r.Severity != 0 {
		return r.Severity
	}
	return r.Rule.Severity()
}

// diagnostics returns the kept findings as diagnostics, in order; s is spent. When more
// than max were found, the first max-1 are returned and the rest summed up in
// one last too-many-findings diagnostic at the first of them, with the
// severity of the worst, so that neither the output nor the exit status hides
// an error. The policy may still change or turn off the summary itself.
func (s *selection) diagnostics(src []byte, body int) []lint.Diagnostic {
	kept := s.kept
	sortSeq(kept) // in arrival order where all else is equal
	if s.rest == 0 {
		return diagnosticsIn(&s.lines, src, body, s.plain(kept))
	}
	// The last kept is the first beyond the max-1 shown.
	last := kept[len(kept)-1]
	kept = kept[:len(kept)-1]
	s.beyond(last)
	first, worst, n := s.restFirst, s.restWorst, s.rest
	if s.policy != nil {
		if worst = s.policy.severity(lint.TooManyFindings, first.At.Pointer, worst); worst == Off {
			return diagnosticsIn(&s.lines, src, body, s.plain(kept))
		}
	}
	summary := lint.Finding{Rule: lint.TooManyFindings, Severity: worst, At: first.At, Message: tooManyMessage(n, s.max)}
	ds := diagnosticsIn(&s.lines, src, body, append(s.plain(kept), summary))
	// The summary sorts after every kept finding only by position; put it
	// last whatever its rule id.
	for i, d := range ds {
		if d.Rule == lint.TooManyFindings.ID && d.Start.Offset == first.At.Start && d.Message == summary.Message {
			ds = append(append(ds[:i:i], ds[i+1:]...), d)
			break
		}
	}
	return ds
}

// capped is ds, all of a payload's diagnostics in order, capped as Bytes
// caps them: the first max-1, and the rest summed up in one last
// too-many-findings diagnostic at the first of them, with the severity of
// the worst (see selection.diagnostics). It spares Fix a validation.
func (c Config) capped(ds []lint.Diagnostic) []lint.Diagnostic {
	max := c.maxDiagnostics()
	if len(ds) <= max {
		return ds
	}
	rest := ds[max-1:]
	first, worst := rest[0], rest[0].Severity
	for _, d := range rest[1:] {
		worst = min(worst, d.Severity)
	}
	shown := slices.Clip(ds[:max-1])
	if c.Policy != nil {
		if worst = c.Policy.forPath(c.Path).severity(lint.TooManyFindings, first.Pointer, worst); worst == Off {
			return shown
		}
	}
	return append(shown, lint.Diagnostic{Rule: lint.TooManyFindings.ID, Severity: worst, Pointer: first.Pointer,
		Start: first.Start, End: first.End, Message: tooManyMessage(len(rest), max)})
}

func tooManyMessage(n, max int) string {
	return fmt.Sprintf("%d more findings are not shown: fix the ones above first, or raise the limit of %d", n, max)
}

func (s *selection) plain(rs []seqFinding) []lint.Finding {
	s.flat = s.flat[:0]
	for i := range rs {
		s.flat = append(s.flat, rs[i].Finding)
	}
	return s.flat
}

func sortSeq(rs []seqFinding) {
	slices.SortFunc(rs, func(a, b seqFinding) int {
		if before(a, b) {
			return -1
		}
		if before(b, a) {
			return 1
		}
		return 0
	})
}

// before is the order of diagnostics: lint.SortDiagnostics's, on offsets,
// with arrival breaking ties as its stable sort does.
func before(a, b seqFinding) bool {
	if c := cmp.Or(cmp.Compare(a.At.Start, b.At.Start), strings.Compare(a.Rule.ID, b.Rule.ID),
		cmp.Compare(a.At.End, b.At.End), strings.Compare(a.Message, b.Message)); c != 0 {
		return c < 0
	}
	return a.seq < b.seq
}

// findingHeap is a max-heap in diagnostic order: the last kept is on top.
type findingHeap []seqFinding

func (h findingHeap) Len() int           { return len(h) }
func (h findingHeap) Less(i, j int) bool { return before(h[j], h[i]) }
func (h findingHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *findingHeap) Push(x any)        { *h = append(*h, x.(seqFinding)) }
func (h *findingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
