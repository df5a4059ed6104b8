package lint

var PrioritizationDuplicate = &Rule{
	ID: "prioritization-duplicate", severity: Warning,
	Title: "prioritization lists a value twice",
	Doc: `prioritization is an ordered list of preferences: a value listed again adds nothing, since
its first place already decides. It usually means another value was meant. Remove the repeat.`,
	Spec:      []string{"PRIO-1", "PRIO-4"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			i, list := m.index, m.prioritization
			if !list.IsArray() || list.Len() < 2 {
				continue
			}
			first := make(map[string]int, list.Len())
			for j, v := range list.Elements() {
				s, ok := v.Str()
				if !ok {
					continue
				}
				k, seen := first[s]
				if !seen {
					first[s] = j
					continue
				}
				p.Report(ValueAt(Pointer("recipients", i, "prioritization", j)),
					Path("recipients", i, "prioritization", j)+" repeats "+Path("recipients", i, "prioritization", k)+": remove it",
					Note{ValueAt(Pointer("recipients", i, "prioritization", k)), "first listed here"})
			}
		}
	},
}
