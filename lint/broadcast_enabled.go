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
		if !p.Root.Get("broadcast").IsTrue() || listsUsers(p.Root, p.Endpoint) {
			return // off, or a conflict broadcast-with-recipients reports
		}
		if targeting(p.Endpoint) == TargetUserLists && !p.Root.Has("segment_id") && !p.Root.Has("audience") {
			return // nothing to broadcast to: missing-target reports it
		}
		msg := "broadcast is true: every user in the segment or audience gets this message; check the target before sending"
		if targeting(p.Endpoint) == TargetRecipients {
			msg = broadcastTargetMessage
			if dashboardTarget(p.Endpoint) == "Canvas" {
				msg = broadcastCanvasTargetMessage
			}
		}
		p.Report(MemberAt("/broadcast"), msg)
	},
}

// The messages for trigger bodies, made once rather than per finding.
var (
	broadcastTargetMessage       = broadcastTarget("campaign")
	broadcastCanvasTargetMessage = broadcastTarget("Canvas")
)

func broadcastTarget(target string) string {
	return "broadcast is true: every user in the " + target + "'s target segment gets this message; check the target before sending"
}
