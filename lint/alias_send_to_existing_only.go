package lint

var AliasSendToExistingOnly = &Rule{
	ID: "alias-send-to-existing-only", severity: Warning,
	Title: "send_to_existing_only: true on a recipient identified by user_alias",
	Doc: `Older Braze wording says send_to_existing_only cannot be used with user aliases at all; newer
wording forbids only false. true is the default, so the member adds nothing: remove it to satisfy
both readings. Braze's own trigger example does this (EX-13).`,
	Spec:      []string{"TS-36", "REC-4", "INC-12", "EX-13", "CV-15", "EX-25"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			if i := m.index; m.has(idUserAlias) && m.sendToExistingOnly.IsTrue() {
				p.Report(MemberAt(Pointer("recipients", i, "send_to_existing_only")),
					"older Braze docs forbid send_to_existing_only with user_alias, and true is the default: remove it",
					Note{MemberAt(Pointer("recipients", i, "user_alias")), "user alias"})
			}
		}
	},
}
