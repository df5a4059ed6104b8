package lint

var SendIDWithoutCampaign = &Rule{
	ID: "send-id-without-campaign", severity: Warning,
	Title: "send_id without campaign_id",
	Doc: `A custom send_id is created for a campaign with /sends/id/create and tracks sends of that
campaign, so a send_id without campaign_id tracks nothing. Add the campaign_id it was created
for.`,
	Spec:      []string{"MS-33", "MS-32", "MS-30", "SCH-16"},
	Endpoints: inlineMessages,
	needs:     []string{"send_id"},
	Check: func(p *Pass) {
		if p.Root.Has("send_id") && !p.Root.Has("campaign_id") {
			p.Report(KeyAt("/send_id"), "send_id is created per campaign and tracks nothing without campaign_id: add the campaign_id it was created for")
		}
	},
}
