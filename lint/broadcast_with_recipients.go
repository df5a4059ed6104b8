package lint

import "strings"

var BroadcastWithRecipients = &Rule{
	ID: "broadcast-with-recipients", severity: Error,
	Title: "broadcast: true is combined with a list of users",
	Doc: `broadcast: true sends to a whole segment or audience and may not be combined with listed users;
Braze rejects the request. On /messages/send the list is external_user_ids and user_aliases
(the docs' word "recipients" there is copied from the trigger page, INC-5); on
/campaigns/trigger/send it is recipients. Empty lists count as absent. Remove broadcast (false is
the default) to message the listed users, or remove the list to message everyone.`,
	Spec:      []string{"MS-11", "MS-26", "TS-15", "CV-8", "SCH-14", "SCH-22", "INC-5"},
	Endpoints: userListing,
	Check: func(p *Pass) {
		if !p.Root.Get("broadcast").IsTrue() {
			return
		}
		lists := listedUsers(p.Root, p.Endpoint)
		if len(lists) == 0 {
			return
		}
		var notes []Note
		for _, k := range lists {
			notes = append(notes, Note{MemberAt(Pointer(k)), k + " lists users"})
		}
		p.Report(MemberAt("/broadcast"),
			"broadcast: true cannot be combined with "+strings.Join(lists, " and ")+": remove broadcast to message only the listed users, or remove "+strings.Join(lists, " and ")+" to message the whole segment",
			notes...)
	},
}
