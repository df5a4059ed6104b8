package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidNamespace = &Rule{
	ID: "liquid-namespace", severity: Warning,
	Title: "a personalization reference in a namespace Braze does not document",
	Doc: "A reference is `${name}` for a standard attribute (`${first_name}`, `${email_address}`, ...) or `namespace.${name}` for other data: " +
		"`custom_attribute`, `subscribed_state`, `most_recently_used_device`, `targeted_device`, `campaign`, `canvas`, `card`, `event_properties`, " +
		"`canvas_entry_properties` (the legacy spelling of `context`), `context`, `context_properties`, `api_trigger_properties`, `sms`, `whats_app`, `app`, `content_blocks`, " +
		"`preference_center`. The standard attributes include the generated links `${set_user_to_unsubscribed_url}` (older emails: `${unsubscribe_url}`), " +
		"`${set_user_to_subscribed_url}`, `${set_user_to_opted_in_url}`, `${set_user_to_one_click_list_unsubscribe}` and `${preference_center_url}`. " +
		"A reference may go on with properties, further `${...}` segments and indexes: `custom_attribute.${cart}.${color}`, `custom_attribute.${skus}[0]`. " +
		"A bare `${name}` that is not a standard attribute renders empty: custom attributes need `custom_attribute.${name}`. " +
		"An unknown namespace is a warning, not an error, because Braze adds namespaces.",
	Spec:      []string{"LIQ-7", "LIQ-12", "LIQ-I5"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factOddNamespace) {
			return
		}
		p.eachRef(func(t *template, tok liquid.Token, ref liquid.Ref) {
			switch _, known := liquid.Namespaces[ref.Root]; {
			case ref.Root == "" && !liquid.StandardAttributes[ref.Name]:
				p.reportIn(t, ref.NameStart, ref.NameStart+len(ref.Name), "a bare ${...} names a standard attribute, and this is not one: for a custom attribute write custom_attribute.${...}")
			case ref.Root != "" && !known:
				p.reportIn(t, tok.Start, tok.Start+len(ref.Root), quoteName(ref.Root)+" is not a namespace Braze documents: check the spelling (custom_attribute, event_properties, ...)")
			}
		})
	},
}
