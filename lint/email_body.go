package lint

var EmailBody = &Rule{
	ID: "email-body", severity: Error,
	Title:     "an email has neither body nor email_template_id",
	Doc:       `An email needs its content: body (HTML) or email_template_id, whose template supplies subject and body.`,
	Spec:      []string{"OBJ-EMAIL-3", "EX-16"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		if e, ok := message(p.Root, "email"); ok && !e.Has("body") && !e.Has("email_template_id") {
			p.Report(ValueAt(Pointer("messages", "email")), "messages.email has no content: add body (HTML) or email_template_id")
		}
	},
}
