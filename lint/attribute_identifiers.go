package lint

var AttributeIdentifiers = &Rule{
	ID: "attribute-identifiers", severity: Error,
	Title: "an attributes object holds both external_id and user_alias",
	Doc: `external_id and user_alias exclude each other within one user attributes object: Braze returns
an error when both are given (ATTR-18, INC-46). To add an alias to a user who has an external id,
call /users/alias/new instead; here keep only the one that names the recipient. Either of them
alone inside a recipient's attributes is fine: production services send user_alias and
_update_existing_only there (INC-38, which withdrew ATTR-3's warning). A member set to null
counts as absent.`,
	Spec:      []string{"ATTR-18", "ATTR-3", "ATTR-19", "INC-31", "INC-38", "INC-46"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		objects := p.attributeObjects()
		for o := range objects {
			if absentOrNull(objects[o].field(attrExternalID)) || absentOrNull(objects[o].field(attrUserAlias)) {
				continue // absent or null
			}
			i := objects[o].recipient
			p.Report(MemberAt(Pointer(attributePath(i, "user_alias")...)),
				Path(attributePath(i)...)+" holds both external_id and user_alias, which Braze rejects in one attributes object: keep one, and add an alias to an identified user with /users/alias/new",
				Note{MemberAt(Pointer(attributePath(i, "external_id")...)), "external_id of the same attributes object"})
		}
	},
}

// The indexes in builtinAttributes of the fields the attribute rules read.
var (
	attrExternalID = mustBuiltin("external_id")
	attrUserAlias  = mustBuiltin("user_alias")
	attrEmail      = mustBuiltin("email")
	attrPhone      = mustBuiltin("phone")
)
