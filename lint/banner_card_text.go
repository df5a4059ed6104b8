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
				p.Report(KeyAt(Pointer("messages", "content_card", k)), Path("messages", "content_card", k)+" is not shown on a BANNER card: remove it, or use a CAPTIONED_IMAGE card")
			}
		}
	},
}
