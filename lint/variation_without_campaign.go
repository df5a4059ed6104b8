package lint

var VariationWithoutCampaign = &Rule{
	ID: "variation-without-campaign", severity: Warning,
	Title: "message_variation_id without a top-level campaign_id",
	Doc: `message_variation_id names a variant of the campaign given in campaign_id; without campaign_id
it has nothing to attach to. Add the campaign_id, or remove the variation id.`,
	Spec:      []string{"OBJ-GEN-4", "OBJ-GEN-2"},
	Endpoints: inlineMessages,
	needs:     []string{"messages"},
	Check: func(p *Pass) {
		if p.Root.Has("campaign_id") {
			return
		}
		for k, msg := range p.Root.Get("messages").Members() {
			if msg.Has("message_variation_id") {
				p.Report(KeyAt(Pointer("messages", k, "message_variation_id")),
					"messages."+k+".message_variation_id has no effect without a top-level campaign_id: add campaign_id, or remove it")
			}
		}
	},
}
