package lint

var MissingTarget = &Rule{
	ID: "missing-target", severity: Error,
	Title: "the request names no users, segment or audience",
	Doc: `A /messages/send request must say who receives it: external_user_ids or user_aliases for listed
users, segment_id for a dashboard segment, or audience for a connected audience. Empty arrays
count as absent. The docs' body comment omits user_aliases from this list, but user aliases
plainly name users (INC-4), so they count.`,
	Spec:      []string{"MS-23", "MS-26", "INC-4", "SCH-14", "SCH-15", "INC-55"},
	Endpoints: inlineMessages,
	Check: func(p *Pass) {
		for _, k := range []string{"external_user_ids", "user_aliases", "segment_id", "audience"} {
			if namesUsers(p.Root.Get(k)) {
				return
			}
		}
		p.Report(ValueAt(""), "the request names no recipients: add external_user_ids or user_aliases for listed users, or segment_id or audience with broadcast: true")
	},
}
