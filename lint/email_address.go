package lint

var EmailAddress = &Rule{
	ID: "email-address", severity: Error,
	Title: "an email's from or reply_to is not an email address",
	Doc: `from must hold a valid address, written "Display Name <email@address.com>"; reply_to an address,
or NO_REPLY_TO to send without one. A value with Liquid is not checked, since only Braze knows what
it renders to.`,
	Spec:      []string{"OBJ-EMAIL-2", "OBJ-EMAIL-6"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		e, ok := message(p.Root, "email")
		if !ok {
			return
		}
		if from, ok := e.Get("from").Str(); ok && from != "" && !hasLiquid(from) {
			if _, valid := parseAddress(from); !valid {
				p.Report(ValueAt(Pointer("messages", "email", "from")), "messages.email.from holds no valid email address: write it as Display Name <email@address.com>")
			}
		}
		if r, ok := e.Get("reply_to").Str(); ok && r != "" && r != "NO_REPLY_TO" && !hasLiquid(r) {
			if _, valid := parseAddress(r); !valid {
				p.Report(ValueAt(Pointer("messages", "email", "reply_to")), "messages.email.reply_to is not an email address: write email@address.com, or NO_REPLY_TO for none")
			}
		}
	},
}
