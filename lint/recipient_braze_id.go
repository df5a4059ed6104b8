package lint

var RecipientBrazeID = &Rule{
	ID: "recipient-braze-id", severity: Warning,
	Title: "a recipient uses braze_id, which this endpoint does not document",
	Doc: `The generic recipient object lists braze_id as an identifier, but the /campaigns/trigger/send
page documents only external_user_id, user_alias and email. brazelint accepts braze_id as the
recipient's one identifier (conservative reading of INC-10) and warns: prefer a documented one.`,
	Spec:      []string{"TS-25", "REC-2", "INC-10", "CV-12"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			if i := m.index; m.has(idBrazeID) {
				p.Report(KeyAt(Pointer("recipients", i, "braze_id")),
					"braze_id is not documented for /campaigns/trigger/send recipients: identify the user by external_user_id, user_alias or email")
			}
		}
	},
}
