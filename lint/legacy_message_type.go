package lint

var LegacyMessageType = &Rule{
	ID: "legacy-message-type", severity: Warning,
	Title: "messages holds a Windows push object, which Braze no longer documents",
	Doc: `Older versions of the /messages/send page listed windows_phone8_push and
windows_universal_push; current pages list nine messaging objects without them. Remove them.`,
	Spec:      []string{"MS-42", "INC-19", "EX-9"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.windows_phone8_push", "messages.windows_universal_push"},
	Check: func(p *Pass) {
		msgs := p.Root.Get("messages")
		for _, k := range []string{"windows_phone8_push", "windows_universal_push"} {
			if msgs.Has(k) {
				p.Report(KeyAt(Pointer("messages", k)), k+" is no longer a Braze messaging object: remove it")
			}
		}
	},
}
