package lint

var RecipientContext = &Rule{
	ID: "recipient-context", Severity: Warning,
	Title: "a recipient carries Canvas context on a campaign endpoint",
	Doc: `A recipient's context holds Canvas entry properties, read only when triggering a Canvas
(/canvas/trigger/send). /campaigns/trigger/send ignores it; campaign personalization goes in
trigger_properties.`,
	Spec:      []string{"TS-40", "REC-6", "TP-5"},
	Endpoints: []Endpoint{CampaignsTriggerSend},
	Check: func(p *Pass) {
		for i, r := range recipients(p.Root) {
			if has(r, "context") {
				p.Report(KeyAt(Pointer("recipients", i, "context")),
					"context holds Canvas entry properties, which campaigns ignore: move the values to trigger_properties")
			}
		}
	},
}
