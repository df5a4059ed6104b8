package lint

var SendToExistingNeedsAttributes = &Rule{
	ID: "send-to-existing-needs-attributes", severity: Error,
	Title: "send_to_existing_only: false without attributes",
	Doc: `send_to_existing_only: false asks Braze to create the user when absent, from the recipient's
attributes, and then send. Without attributes, or with an empty object, the profile is not
populated and the create-then-send does not happen. Add the attributes (for email or SMS to new
users, at least email or phone), or remove send_to_existing_only to message existing users only.
Recipients identified by user_alias are reported by alias-not-creatable instead.
The recipient object page asks for the same (REC-11) and would make it a warning, but where an
endpoint fact makes it an error, as TS-34 does here, the error is the one finding: there is no
separate warning (INC-56).`,
	Spec:      []string{"TS-34", "REC-5", "REC-11", "INC-13", "INC-56", "CV-15"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			i := m.index
			if !m.sendToExistingOnly.IsFalse() || m.has(idUserAlias) {
				continue
			}
			var notes []Note
			if attrs := m.attributes; attrs.Exists() {
				if !attrs.IsObject() || attrs.Len() > 0 {
					continue // populated, or a type error the schema reports
				}
				notes = append(notes, Note{ValueAt(Pointer("recipients", i, "attributes")), "empty"})
			}
			p.Report(MemberAt(Pointer("recipients", i, "send_to_existing_only")),
				"send_to_existing_only: false creates missing users from attributes, but "+Path("recipients", i)+" has none: add attributes, or remove send_to_existing_only",
				notes...)
		}
	},
}
