package lint

// prioritizationPairs are the prioritization values that contradict each
// other, with the severity of listing both: identified and unidentified
// exclude each other (PRIO-2), the two recency orders ask for opposite
// profiles (PRIO-4, inferred).
var prioritizationPairs = [...]struct {
	a, b     string
	severity Severity
	why      string
}{
	{"identified", "unidentified", Error, "which exclude each other: keep one"},
	{"most_recently_updated", "least_recently_updated", Warning, "which ask for opposite profiles, so only the first can decide: keep one"},
}

var PrioritizationConflict = &Rule{
	ID: "prioritization-conflict", severity: Error,
	Title: "prioritization lists two values that contradict each other",
	Doc: `identified prefers a profile with an external id and unidentified one without; they exclude each
other, and /users/identify, which defines prioritization, rejects the pair (error). Keep one, or
use only most_recently_updated or least_recently_updated to reach both kinds of profile.
most_recently_updated and least_recently_updated together ask for opposite profiles, so the
later one can never decide anything (warning; Braze does not say it rejects them).`,
	Spec:      []string{"TS-27", "PRIO-2", "PRIO-3", "PRIO-4"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		const pairs = len(prioritizationPairs)
		for _, m := range p.recipientList() {
			i, list := m.index, m.prioritization
			if list.Len() < 2 {
				continue // no pair: most recipients
			}
			// Per pair, the first a or b, and the first of the other after
			// it: one walk of the list for every pair.
			var first, second [pairs]int
			for k := range first {
				first[k], second[k] = -1, -1
			}
			var firstValue [pairs]string
			for j, v := range list.Elements() {
				s, _ := v.Str()
				for k := range prioritizationPairs {
					pair := &prioritizationPairs[k]
					if second[k] >= 0 || s != pair.a && s != pair.b {
						continue
					}
					if first[k] < 0 {
						first[k], firstValue[k] = j, s
					} else if s != firstValue[k] {
						second[k] = j
					}
				}
			}
			for k, pair := range prioritizationPairs {
				if second[k] < 0 {
					continue
				}
				p.emit(Finding{Rule: p.rule, Severity: pair.severity, At: ValueAt(Pointer("recipients", i, "prioritization", second[k])),
					Message: Path("recipients", i, "prioritization") + " lists both " + pair.a + " and " + pair.b + ", " + pair.why,
					Related: []Note{{ValueAt(Pointer("recipients", i, "prioritization", first[k])), "the other one"}}})
			}
		}
	},
}
