package lint

var CreatedUserContact = &Rule{
	ID: "created-user-contact", severity: Info,
	Title: "a recipient created by the send has no email or phone",
	Doc: `With send_to_existing_only: false Braze creates a missing user from the recipient's attributes
before it sends. To reach that new user by email or SMS, attributes must carry the delivery
field: email, or the phone attribute the workspace uses for SMS (plus a subscription state if
opt-in must change in the same call). An email-only campaign triggered for a profile without an
email address keeps retrying for about two hours before it gives up; email in attributes avoids
the wait. Campaigns on other channels need neither, so this is advice only. Recipients named by
email already give the address.`,
	Spec:      []string{"TS-39", "TS-57"},
	Endpoints: triggers,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		// Only recipients with an attributes object can be reported: a
		// missing one is send-to-existing-needs-attributes' to report.
		objects := p.attributeObjects()
		for o := range objects {
			attrs, i := &objects[o], objects[o].recipient
			if attrs.members < 0 || attrs.empty() || attrs.field(attrEmail).Exists() || attrs.field(attrPhone).Exists() {
				continue // the transactional recipient; or empty attributes, as above
			}
			r := &p.recipients[attrs.members]
			if !r.sendToExistingOnly.IsFalse() || r.has(idUserAlias) || r.has(idEmail) {
				continue
			}
			pointer, message := p.recipientMessage(i, "attributes", " creates a missing user from attributes that hold no email or phone, so an email or SMS campaign cannot reach the new user (an email-only one waits about two hours for an address): add email or phone if the campaign sends email or SMS")
			p.Report(KeyAt(pointer), message)
		}
	},
}
