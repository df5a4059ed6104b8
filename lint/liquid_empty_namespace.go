package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidEmptyNamespace = &Rule{
	ID: "liquid-empty-namespace", severity: Warning,
	Title: "a reference that renders empty in this message",
	Doc: "Some namespaces only resolve in the messages they belong to. In a `/messages/send` body there is no triggering event, no Canvas, no inbound SMS or WhatsApp message " +
		"and no in-app message, so `event_properties`, `canvas_entry_properties`, `context`, `context_properties`, `canvas`, `sms`, `whats_app` and `app` references render empty; " +
		"`campaign` references need a top-level `campaign_id`; `targeted_device` works in push (and in-app messages and Banners), not in Content Cards or emails, " +
		"since an email is rendered before the device that opens it is known.",
	Spec:      []string{"LIQ-12", "LIQ-14", "LIQ-15"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factEmptyNamespace) {
			return
		}
		p.eachRef(func(t *template, tok liquid.Token, ref liquid.Ref) {
			switch liquid.Namespaces[ref.Root] {
			case liquid.Empty:
				p.reportIn(t, tok.Start, tok.Start+len(ref.Root), quoteName(ref.Root)+" references render empty in /messages/send, which has no triggering event, Canvas, inbound message or in-app message: remove the reference or give it a default")
			case liquid.CampaignOnly:
				if !p.Root.Has("campaign_id") {
					p.reportIn(t, tok.Start, tok.Start+len(ref.Root), "campaign references render empty without a top-level campaign_id: add the campaign_id, or remove the reference")
				}
			case liquid.DeviceOnly:
				switch t.Channel {
				case "content_card":
					p.reportIn(t, tok.Start, tok.Start+len(ref.Root), "targeted_device references do not work in Content Cards: use most_recently_used_device")
				case "email":
					p.reportIn(t, tok.Start, tok.Start+len(ref.Root), "targeted_device references do not work in emails, which are rendered before a device opens them: use most_recently_used_device")
				}
			}
		})
	},
}
