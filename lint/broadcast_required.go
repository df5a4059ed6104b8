package lint

var BroadcastRequired = &Rule{
	ID: "broadcast-required", severity: Error,
	Title: "a request without listed users must set broadcast to true",
	Doc: `broadcast guards against messaging a whole segment by accident, so it must be exactly true
when the request lists no users. On /messages/send that is a request with segment_id or audience
but no external_user_ids or user_aliases (so on /messages/schedule/create, SCH-14); on the
campaign and Canvas triggers, sent or scheduled, one without recipients, which goes to the
campaign's or Canvas's whole dashboard segment (narrowed by audience, if given; CV-8, SCH-22). Empty
arrays count as absent. Absent broadcast means false (its default). One revision of the
connected audience page shows an audience-only /campaigns/trigger/send example with
"broadcast": false; every trigger page still says broadcast must be true without recipients, so
that example is read as a docs defect and still reported (INC-43, EX-24).`,
	Spec: []string{"MS-10", "MS-26", "TS-13", "TS-18", "TS-21", "CV-8", "SCH-14", "SCH-22", "SCH-29", "INC-8", "INC-9", "INC-43", "EX-24", "CV-10"},
	// Every endpoint that lists users or broadcasts; the transactional send
	// names one user and has no broadcast.
	Endpoints: userListing,
	Check: func(p *Pass) {
		root := p.Root
		if root.Has("broadcast") && !root.Get("broadcast").IsFalse() {
			return // true, or a type error the schema reports
		}
		var at Target
		var msg string
		switch targeting(p.Endpoint) {
		case TargetUserLists:
			if namesUsers(root.Get("external_user_ids")) || namesUsers(root.Get("user_aliases")) {
				return
			}
			var sel []string
			for _, k := range []string{"segment_id", "audience"} {
				if root.Has(k) {
					sel = append(sel, k)
				}
			}
			if len(sel) == 0 {
				return // missing-target
			}
			at = MemberAt(Pointer(sel[0]))
			msg = sel[0] + " targets every matching user, which requires broadcast: true; set it, or list the users in external_user_ids or user_aliases"
		case TargetRecipients:
			if namesUsers(root.Get("recipients")) {
				return
			}
			at = ValueAt("")
			if root.Has("recipients") {
				at = MemberAt("/recipients")
			}
			msg = "without recipients the " + dashboardTarget(p.Endpoint) + " goes to its whole target segment, which requires broadcast: true; set it, or list the users in recipients"
		default:
			return
		}
		if root.Has("broadcast") {
			var notes []Note
			if at.Pointer != "" {
				notes = append(notes, Note{at, "no users are listed here"})
			}
			p.Report(MemberAt("/broadcast"), msg, notes...)
			return
		}
		p.Report(at, msg)
	},
}
