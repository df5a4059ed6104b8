package lint

var BroadcastEnabled = &Rule{
	ID: "broadcast-enabled", severity: Info,
	Title: "broadcast: true sends to everyone in the target",
	Doc: `A note on every payload with broadcast: true and no listed users. Sent by mistake, such a
request messages a far larger audience than intended: on /messages/send every user in the segment
or audience, on /campaigns/trigger/send the campaign's whole target segment (narrowed by
audience, if given). Check the target before sending.`,
	Spec:      []string{"MS-12", "TS-14", "TS-16", "CV-8", "CV-9"},
	Endpoints: userListing,
	Check: func(p *Pass) {
		if !p.Root.Get("broadcast").IsTrue() || len(listedUsers(p.Root, p.Endpoint)) > 0 {
			return // off, or a conflict broadcast-with-recipients reports
		}
		if targeting(p.Endpoint) == TargetUserLists && !p.Root.Has("segment_id") && !p.Root.Has("audience") {
			return // nothing to broadcast to: missing-target reports it
		}
		msg := "broadcast is true: every user in the segment or audience gets this message; check the target before sending"
		if targeting(p.Endpoint) == TargetRecipients {
			msg = "broadcast is true: every user in the " + dashboardTarget(p.Endpoint) + "'s target segment gets this message; check the target before sending"
		}
		p.Report(MemberAt("/broadcast"), msg)
	},
}
