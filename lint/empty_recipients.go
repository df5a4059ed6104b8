package lint

var EmptyRecipients = &Rule{
	ID: "empty-recipients", severity: Warning,
	Title: "recipients is an empty array",
	Doc: `An empty recipients array counts as omitted: with broadcast: true the campaign goes to its whole
target segment. Remove the empty array so the payload says what it does. (Without broadcast: true
the payload is an error, reported by broadcast-required.)`,
	Spec:      []string{"TS-21", "TS-14", "CV-11"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		if list := p.Root.Get("recipients"); list.IsArray() && list.Len() == 0 && p.Root.Get("broadcast").IsTrue() {
			p.Report(MemberAt("/recipients"), "recipients is empty and counts as omitted, so broadcast sends to the whole segment: remove it")
		}
	},
}
