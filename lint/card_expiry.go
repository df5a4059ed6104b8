package lint

var CardExpiry = &Rule{
	ID: "card-expiry", severity: Error,
	Title: "a content card has neither time_to_live nor expire_at",
	Doc: `A content card must say when it expires: time_to_live (seconds, at most 30 days) or expire_at
(an ISO 8601 datetime). The docs list both as optional but require one of them.`,
	Spec:      []string{"OBJ-CARD-4"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.content_card"},
	Check: func(p *Pass) {
		if c, ok := message(p.Root, "content_card"); ok && !c.Has("time_to_live") && !c.Has("expire_at") {
			p.Report(ValueAt(Pointer("messages", "content_card")), "messages.content_card has no expiry: add time_to_live in seconds (at most 2592000) or expire_at as an ISO 8601 datetime")
		}
	},
}
