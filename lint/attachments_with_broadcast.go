package lint

var AttachmentsWithBroadcast = &Rule{
	ID: "attachments-with-broadcast", severity: Error,
	Title: "attachments are combined with broadcast: true",
	Doc: `attachments may not be included when broadcast is true. Remove attachments, or list the
recipients and drop broadcast.`,
	Spec:      []string{"TS-45"},
	Endpoints: []Endpoint{CampaignsTriggerSend},
	needs:     []string{"attachments"},
	Check: func(p *Pass) {
		if p.Root.Has("attachments") && p.Root.Get("broadcast").IsTrue() {
			p.Report(MemberAt("/attachments"),
				"attachments cannot be sent with broadcast: true: remove attachments, or list the recipients and drop broadcast",
				Note{MemberAt("/broadcast"), "broadcast"})
		}
	},
}
