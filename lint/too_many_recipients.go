package lint

import "fmt"

// MaxRecipients is the number of users one request may list.
const MaxRecipients = 50

var TooManyRecipients = &Rule{
	ID: "too-many-recipients", severity: Error,
	Title: "the request lists more than 50 users",
	Doc: `One request may list at most 50 users: recipients on /campaigns/trigger/send, and
external_user_ids and user_aliases together on /messages/send (Braze answers 400 "The max number
of external_ids and aliases per request was exceeded"). The diagnostic points at the 51st user;
split the list into batches of 50 and send one request per batch (brazelint split writes the
batches, and validate.Split returns them). A segment or audience of any size needs no batching.`,
	Spec: []string{"MS-15", "MS-19", "MS-46", "TS-20", "TS-50", "CV-11", "SCH-14", "SCH-23", "INC-29"},
	// The schemas cap each list at 50 (recipients on /campaigns/trigger/send,
	// mapped to this rule in validate); this check adds the combined count
	// of /messages/send, so it returns early on the other endpoint.
	Endpoints: userListing,
	needs:     []string{"external_user_ids", "user_aliases"},
	Check: func(p *Pass) {
		if targeting(p.Endpoint) != TargetUserLists {
			return // the two lists are not members there
		}
		ids, aliases := arrayLen(p.Root.Get("external_user_ids")), arrayLen(p.Root.Get("user_aliases"))
		n := ids + aliases
		if ids > MaxRecipients || aliases > MaxRecipients || n <= MaxRecipients {
			return // within the limit, or a single list over it, which the schema reports
		}
		p.Report(ValueAt(Pointer("user_aliases", MaxRecipients-ids)),
			fmt.Sprintf("external_user_ids and user_aliases list %d users together, more than the %d one request takes: split them into batches of %d", n, MaxRecipients, MaxRecipients),
			Note{MemberAt("/external_user_ids"), "counted together with user_aliases"})
	},
}
