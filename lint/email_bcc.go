package lint

var EmailBCC = &Rule{
	ID: "email-bcc", severity: Warning,
	Title: "an email's bcc is not an email address",
	Doc: `bcc must be one of the BCC addresses in the workspace's email settings (and BCC must be
enabled there). brazelint cannot see that list, so it only warns when the value is not an address.`,
	Spec:      []string{"OBJ-EMAIL-7"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		e, _ := message(p.Root, "email")
		if bcc, ok := e.Get("bcc").Str(); ok && bcc != "" && !hasLiquid(bcc) {
			if _, valid := parseAddress(bcc); !valid {
				p.Report(ValueAt(Pointer("messages", "email", "bcc")), "messages.email.bcc is not an email address: use one of the workspace's BCC addresses")
			}
		}
	},
}
