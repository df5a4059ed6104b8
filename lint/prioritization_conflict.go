package lint

var PrioritizationConflict = &Rule{
	ID: "prioritization-conflict", Severity: Error,
	Title: "prioritization lists both identified and unidentified",
	Doc: `identified prefers a profile with an external id and unidentified one without; they exclude each
other, and /users/identify, which defines prioritization, rejects the pair. Keep one, or use only
most_recently_updated or least_recently_updated to reach both kinds of profile.`,
	Spec:      []string{"TS-27", "PRIO-2", "PRIO-3"},
	Endpoints: []Endpoint{CampaignsTriggerSend},
	Check: func(p *Pass) {
		for i, r := range recipients(p.Root) {
			list, _ := array(r["prioritization"])
			first := map[string]int{}
			for j, v := range list {
				s, _ := str(v)
				if s != "identified" && s != "unidentified" {
					continue
				}
				other := "unidentified"
				if s == "unidentified" {
					other = "identified"
				}
				if k, seen := first[other]; seen {
					p.Report(ValueAt(Pointer("recipients", i, "prioritization", j)),
						Path("recipients", i, "prioritization")+" lists both identified and unidentified, which exclude each other: keep one",
						Note{ValueAt(Pointer("recipients", i, "prioritization", k)), "the other one"})
					break
				}
				if _, seen := first[s]; !seen {
					first[s] = j
				}
			}
		}
	},
}
