package lint

var ContextNameConflict = &Rule{
	ID: "context-name-conflict", severity: Warning,
	Title: "context and canvas_entry_properties are both given",
	Doc: `context and canvas_entry_properties are two names of the same Canvas data (CV-6). Given side by
side in one object, which one Braze reads, or whether it merges them, is undocumented [inferred].
Merge them into context and remove canvas_entry_properties.`,
	Spec:      []string{"CV-6", "INC-47"},
	Endpoints: canvasTriggers,
	Check: func(p *Pass) {
		check := func(obj map[string]any, tokens ...any) {
			if has(obj, "context") && has(obj, "canvas_entry_properties") {
				p.Report(MemberAt(Pointer(append(tokens, "canvas_entry_properties")...)),
					"canvas_entry_properties is the older name of context, and both are given: which one Braze reads is undocumented; merge them into context",
					Note{MemberAt(Pointer(append(tokens, "context")...)), "the current name"})
			}
		}
		check(p.Root)
		for i, r := range recipients(p.Root) {
			check(r, "recipients", i)
		}
	},
}
