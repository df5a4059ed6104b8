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
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			i := m.index
			for j, v := range [...]Value{m.context, m.canvasEntryProperties} {
				if name := contextNames[j]; v.Exists() {
					p.Report(KeyAt(Pointer("recipients", i, name)),
						name+" belongs to /canvas/trigger/send, and campaigns ignore it: use trigger_properties here")
				}
			}
		}
	},
}
