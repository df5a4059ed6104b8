package lint

var RecipientContext = &Rule{
	ID: "recipient-context", severity: Warning,
	Title: "a recipient carries Canvas context on a campaign endpoint",
	Doc: `A recipient's context (formerly canvas_entry_properties, still accepted under that name) holds
Canvas context, read only when triggering a Canvas with /canvas/trigger/send. /campaigns/trigger/send
ignores it; campaign personalization goes in trigger_properties. A top-level context or
canvas_entry_properties is the wrong-endpoint-member error instead (TS-56, INC-47).`,
	Spec:      []string{"TS-40", "REC-6", "TP-5", "TP-8", "INC-47"},
	Endpoints: campaignTriggers,
	Check: func(p *Pass) {
		for i, r := range recipients(p.Root) {
			for _, name := range []string{"context", "canvas_entry_properties"} {
				if r.Has(name) {
					p.Report(KeyAt(Pointer("recipients", i, name)),
						name+" belongs to /canvas/trigger/send, and campaigns ignore it: use trigger_properties here")
				}
			}
		}
	},
}
