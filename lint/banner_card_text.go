package lint

var BannerCardText = &Rule{
	ID: "banner-card-text", severity: Warning,
	Title: "a BANNER content card has a title or description",
	Doc: `A BANNER card shows only its image: Braze marks title and description "not applicable" to it, so
they are not required there and, when given, not shown. (CLASSIC and CAPTIONED_IMAGE cards need
both; an empty title is allowed.) Remove them, or use a CAPTIONED_IMAGE card to show text.`,
	Spec:      []string{"OBJ-CARD-2"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.content_card"},
	Check: func(p *Pass) {
		c, _ := message(p.Root, "content_card")
		if t, _ := c.Get("type").Str(); t != "BANNER" {
			return
		}
		for _, k := range []string{"title", "description"} {
			if c.Has(k) {
				at := []any{"messages", "content_card", k}
				pointer, message := pointerMessage(at, at, " is not shown on a BANNER card: remove it, or use a CAPTIONED_IMAGE card")
				p.Report(KeyAt(pointer), message)
			}
		}
	},
}
