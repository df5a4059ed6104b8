package lint

var LiquidSyntax = &Rule{
	ID: "liquid-syntax", severity: Error,
	Title: "a Liquid template does not parse",
	Doc: "Braze renders every string of the message content as a Liquid template. A `{{` or `{%` that is never closed, a `${` reference without its `}`, " +
		"a block tag (`if`, `unless`, `case`, `for`, `tablerow`, `capture`, `translation`, `raw`, `comment`) without its end tag, an end tag that closes nothing or the wrong block, " +
		"`else`/`elsif`/`when` outside their block, parentheses in an `if`/`elsif`/`unless`/`when` condition (Liquid does not group conditions), " +
		"and `abort_message` with anything but nothing, `()` or one quoted reason break the template: the message ships broken or blank. " +
		"An output opened with three braces (`{{{name}}}`, Mustache style) is a warning: Braze's outputs open with exactly two (`{{api_trigger_properties.${key}}}`); " +
		"a closing `}}}`, as in `{{${first_name}}}`, is normal. A reference may chain segments and index arrays (`{{api_trigger_properties.${details}.${color}}}`, " +
		"`{{api_trigger_properties.${related_skus}[0]}}`). " +
		"In a `/campaigns/trigger/send` body Braze also evaluates the Liquid in the string values of `trigger_properties` (top level and per recipient, at any depth) " +
		"and of each recipient's `attributes`: this rule checks them too, as warnings only. " +
		"The finding points at the character in the file, through JSON escapes. After an unclosed delimiter nothing more of that string is checked.",
	Spec:      []string{"LIQ-3", "LIQ-5", "LIQ-7", "LIQ-10", "LIQ-17", "LIQ-20", "LIQ-23", "LIQ-44", "LIQ-45", "TS-58", "INC-48"},
	Endpoints: templated,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			for _, e := range t.Errors {
				var related []Note
				if e.RelatedStart >= 0 {
					related = append(related, Note{t.at(e.RelatedStart, e.RelatedEnd), e.RelatedMessage})
				}
				sev := Error
				if e.Warning {
					sev = Warning
				}
				p.reportInAs(sev, t, e.Start, e.End, e.Message, related...)
			}
		}
	},
}
