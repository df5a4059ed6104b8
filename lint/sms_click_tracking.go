package lint

var SMSClickTracking = &Rule{
	ID: "sms-click-tracking", severity: Warning,
	Title:     "sms user click tracking is on without link shortening",
	Doc:       `user_click_tracking_enabled only works with link_shortening_enabled: true; without it the flag does nothing.`,
	Spec:      []string{"OBJ-SMS-3"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.sms"},
	Check: func(p *Pass) {
		s, _ := message(p.Root, "sms")
		if s.Get("user_click_tracking_enabled").IsTrue() && !s.Get("link_shortening_enabled").IsTrue() {
			p.Report(MemberAt(Pointer("messages", "sms", "user_click_tracking_enabled")), "messages.sms.user_click_tracking_enabled has no effect without link_shortening_enabled: true: enable link shortening too")
		}
	},
}
