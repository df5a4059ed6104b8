package lint

var TransactionalCampaignID = &Rule{
	ID: "transactional-campaign-id", severity: Warning,
	Title: "campaign_id in a transactional body, whose campaign is in the path",
	Doc: `The transactional endpoint takes its campaign id in the URL:
/transactional/v1/campaigns/{campaign_id}/send. Its body has external_send_id, trigger_properties
and recipient only; a campaign_id there is not read [inferred], and a request sent to a path
without the id fails with "campaign_id must be a string of the campaign api identifier". Put
the id in the path and remove it from the body.`,
	Spec:      []string{"TX-1", "TX-10"},
	Endpoints: []Endpoint{TransactionalSend},
	needs:     []string{"campaign_id"},
	Check: func(p *Pass) {
		if p.Root.Has("campaign_id") {
			p.Report(KeyAt("/campaign_id"), "campaign_id goes in the path, /transactional/v1/campaigns/{campaign_id}/send, not in the body: move it there")
		}
	},
}
