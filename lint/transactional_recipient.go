package lint

import "strings"

var TransactionalRecipient = &Rule{
	ID: "transactional-recipient", severity: Error,
	Title: "the transactional recipient does not name exactly one external_user_id or user_alias",
	Doc: `The transactional endpoint sends to one user, named in recipient by exactly one of
external_user_id or user_alias (a user alias object). email and braze_id, which the trigger
endpoints' recipients take, are not documented here [inferred]: an error when one stands in for
the identifier, a warning when it is given next to one. None means nobody to send to; both are
ambiguous. Keep exactly one identifier; an email address for the profile goes in attributes.`,
	Spec:      []string{"TX-4"},
	Endpoints: []Endpoint{TransactionalSend},
	needs:     []string{"recipient"},
	Check: func(p *Pass) {
		r, ok := p.Root.Get("recipient").Object()
		if !ok {
			return
		}
		var buf [2]string
		ids := buf[:0]
		for _, k := range []string{"external_user_id", "user_alias"} {
			if r.Has(k) {
				ids = append(ids, k)
			}
		}
		switch {
		case len(ids) == 2:
			p.Report(MemberAt("/recipient/external_user_id"),
				"recipient names its user by "+strings.Join(ids, " and ")+": keep exactly one identifier",
				Note{MemberAt("/recipient/user_alias"), "another identifier of the same recipient"})
		case len(ids) == 0:
			for _, k := range []string{"email", "braze_id"} {
				if r.Has(k) {
					p.Report(KeyAt(Pointer("recipient", k)),
						k+" is not an identifier of the transactional endpoint: name the user with external_user_id or user_alias")
					return
				}
			}
			p.Report(ValueAt("/recipient"), "recipient names no user: add external_user_id or user_alias")
		}
		if len(ids) > 0 {
			for _, k := range []string{"email", "braze_id"} {
				if r.Has(k) {
					p.emit(Finding{Rule: p.rule, Severity: Warning, At: KeyAt(Pointer("recipient", k)),
						Message: k + " is not documented for the transactional recipient: remove it (an email address for the profile goes in attributes)"})
				}
			}
		}
	},
}
