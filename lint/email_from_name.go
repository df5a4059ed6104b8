package lint

var EmailFromName = &Rule{
	ID: "email-from-name", severity: Warning,
	Title: "an email's from has no display name",
	Doc: `Braze documents from as "Display Name <email@address.com>". A bare address is a valid address,
but not the documented form, and inboxes then show the address itself as the sender.`,
	Spec:      []string{"OBJ-EMAIL-2"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		e, _ := message(p.Root, "email")
		if from, ok := e.Get("from").Str(); ok && !hasLiquid(from) {
			if named, valid := parseAddress(from); valid && !named {
				p.Report(ValueAt(Pointer("messages", "email", "from")), "messages.email.from has no display name: write it as Display Name <email@address.com>")
			}
		}
	},
}
