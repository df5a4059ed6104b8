package lint

var PrioritizationWithoutEmail = &Rule{
	ID: "prioritization-without-email", severity: Warning,
	Title: "prioritization is set on a recipient not identified by email",
	Doc: `prioritization only chooses among profiles that share an email address; on a recipient
identified by external_user_id, user_alias or braze_id it has no effect. Remove it, or identify
the recipient by email if that was the intent.`,
	Spec:      []string{"TS-31", "TS-26"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			if i := m.index; m.prioritization.Exists() && !m.has(idEmail) {
				p.Report(KeyAt(Pointer("recipients", i, "prioritization")),
					"prioritization applies only to recipients identified by email: remove it from "+Path("recipients", i))
			}
		}
	},
}
