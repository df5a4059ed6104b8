package lint

var EmailNeedsPrioritization = &Rule{
	ID: "email-needs-prioritization", severity: Error,
	Title: "a recipient identified by email has no prioritization",
	Doc: `Several profiles may share an email address, so a recipient identified by email must say which
profile gets the message: prioritization, an ordered list drawn from identified, unidentified,
most_recently_updated and least_recently_updated. Braze sends only when it resolves to exactly
one profile. To reach a user whether or not they are identified, use only the recency values.
An empty list is reported by array-length.`,
	Spec:      []string{"TS-26", "TS-28", "TS-29", "REC-3", "INC-33", "CV-13"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			i := m.index
			if !m.id[idEmail].IsString() {
				continue // absent, or a type error the schema reports
			}
			if m.prioritization.Exists() {
				continue // present; an empty or malformed list is the schema's to report
			}
			pointer, message := p.recipientMessage(i, "email", " is identified by email, which needs prioritization: add an ordered list such as [\"identified\", \"most_recently_updated\"]")
			p.Report(MemberAt(pointer), message)
		}
	},
}
