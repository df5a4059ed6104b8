package lint

var CardExpiryFields = &Rule{
	ID: "card-expiry-fields", severity: Warning,
	Title: "a content card's expiry fields contradict each other",
	Doc: `Which of time_to_live and expire_at wins when a card has both is not documented, so give one.
expire_in_local_time only affects expire_at, so without it the flag does nothing.`,
	Spec:      []string{"OBJ-CARD-4", "OBJ-CARD-6"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.content_card"},
	Check: func(p *Pass) {
		c, ok := message(p.Root, "content_card")
		if !ok {
			return
		}
		if c.Has("time_to_live") && c.Has("expire_at") {
			p.Report(KeyAt(Pointer("messages", "content_card", "expire_at")), "messages.content_card has both time_to_live and expire_at, and which one wins is not documented: keep one",
				Note{KeyAt(Pointer("messages", "content_card", "time_to_live")), "time_to_live is set here"})
		}
		if c.Has("expire_in_local_time") && !c.Has("expire_at") {
			p.Report(KeyAt(Pointer("messages", "content_card", "expire_in_local_time")), "messages.content_card.expire_in_local_time only affects expire_at, which is not set: remove it or use expire_at")
		}
	},
}
