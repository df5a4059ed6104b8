package lint

var ScheduleWhatsApp = &Rule{
	ID: "schedule-whats-app", severity: Info,
	Title: "messages.whats_app on /messages/schedule/create, which does not list it",
	Doc: `/messages/schedule/create lists apple_push, android_push, kindle_push, web_push, email, webhook,
content_card and sms as its messaging objects; whats_app, which /messages/send takes, is not
listed there. Whether a scheduled WhatsApp message is sent is undocumented: check it on a test
workspace, or send it with /messages/send.`,
	Spec:      []string{"SCH-17"},
	Endpoints: []Endpoint{MessagesScheduleCreate},
	needs:     []string{"messages.whats_app"},
	Check: func(p *Pass) {
		if _, ok := message(p.Root, "whats_app"); ok {
			p.Report(KeyAt("/messages/whats_app"), "whats_app is not documented for /messages/schedule/create: check that it is sent, or use /messages/send")
		}
	},
}
