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
		for _, m := range p.recipientList() {
			i, list := m.index, m.prioritization
			for _, pair := range prioritizationPairs {
				first, second := -1, -1 // the first a or b, and the first of the other after it
				var firstValue string
				for j, v := range list.Elements() {
					s, _ := v.Str()
					if s != pair.a && s != pair.b {
						continue
					}
					if first < 0 {
						first, firstValue = j, s
					} else if s != firstValue {
						second = j
						break
					}
				}
				if second < 0 {
					continue
				}
				p.emit(Finding{Rule: p.rule, Severity: pair.severity, At: ValueAt(Pointer("recipients", i, "prioritization", second)),
					Message: Path("recipients", i, "prioritization") + " lists both " + pair.a + " and " + pair.b + ", " + pair.why,
					Related: []Note{{ValueAt(Pointer("recipients", i, "prioritization", first)), "the other one"}}})
			}
		}
	},
}
