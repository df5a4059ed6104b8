package lint

var AliasNotCreatable = &Rule{
	ID: "alias-not-creatable", severity: Error,
	Title: "send_to_existing_only: false on a recipient identified by user_alias",
	Doc: `/campaigns/trigger/send cannot create alias-only users: a recipient identified by user_alias
must already exist, so send_to_existing_only: false is not supported with it. Remove
send_to_existing_only, or identify the user by external_user_id or email to create them.`,
	Spec:      []string{"TS-35", "ALIAS-5", "REC-4", "INC-12", "CV-15"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			if i := m.index; m.has(idUserAlias) && m.sendToExistingOnly.IsFalse() {
				p.Report(MemberAt(Pointer("recipients", i, "send_to_existing_only")),
					"send_to_existing_only: false cannot create users identified by user_alias, who must already exist: remove it, or identify the user by external_user_id or email",
					Note{MemberAt(Pointer("recipients", i, "user_alias")), "user alias"})
			}
		}
	},
}
