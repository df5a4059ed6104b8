package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidTriggerProperties = &Rule{
	ID: "liquid-trigger-properties", severity: Error,
	Title: "api_trigger_properties in /messages/send content",
	Doc: "`api_trigger_properties` are filled from the `trigger_properties` of a `/campaigns/trigger/send` call (or a Canvas trigger). " +
		"A `/messages/send` body has none, so the reference always renders empty and the message ships with a blank where the value should be. " +
		"Put the value in the content itself, or send through an API-triggered campaign with `trigger_properties`.",
	Spec:      []string{"LIQ-13"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factTriggerNamespace) {
			return
		}
		p.eachRef(func(t *template, tok liquid.Token, ref liquid.Ref) {
			if liquid.Namespaces[ref.Root] == liquid.TriggerOnly {
				p.reportIn(t, tok.Start, tok.End, "api_trigger_properties are always empty in /messages/send: write the value into the content, or use /campaigns/trigger/send with trigger_properties")
			}
		})
	},
}
