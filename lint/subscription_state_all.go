package lint

var SubscriptionStateAll = &Rule{
	ID: "subscription-state-all", severity: Info,
	Title: "recipient_subscription_state: all without an email message",
	Doc: `recipient_subscription_state: all reaches every user, unsubscribed ones included, and is meant
for transactional email. On a payload that sends no email it overrides unsubscribes for push,
SMS or WhatsApp; use subscribed (the default) or opted_in unless that is intended.`,
	Spec:      []string{"MS-38", "MS-36", "OBJ-EMAIL-16"},
	Endpoints: inlineMessages,
	needs:     []string{"messages"},
	Check: func(p *Pass) {
		state, _ := p.Root.Get("recipient_subscription_state").Str()
		msgs, ok := p.Root.Get("messages").Object()
		if state != "all" || !ok || msgs.Has("email") {
			return
		}
		p.Report(MemberAt("/recipient_subscription_state"),
			"recipient_subscription_state: all also reaches unsubscribed users and is meant for transactional email, which this payload does not send: use subscribed or opted_in unless intended")
	},
}
