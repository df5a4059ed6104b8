package lint

var EmailSubject = &Rule{
	ID: "email-subject", severity: Warning,
	Title: "an email has no subject",
	Doc: `subject is optional, but without it and without an email_template_id (whose template has one)
the email goes out with no subject.`,
	Spec:      []string{"OBJ-EMAIL-5"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		if e, ok := message(p.Root, "email"); ok && !e.Has("subject") && !e.Has("email_template_id") {
			p.Report(ValueAt(Pointer("messages", "email")), "messages.email has no subject and no email_template_id: add a subject")
		}
	},
}
