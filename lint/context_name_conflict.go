package lint

var ContextNameConflict = &Rule{
	ID: "context-name-conflict", severity: Warning,
	Title: "context and canvas_entry_properties are both given",
	Doc: `context and canvas_entry_properties are two names of the same Canvas data (CV-6). Given side by
side in one object, which one Braze reads, or whether it merges them, is undocumented [inferred].
Merge them into context and remove canvas_entry_properties.`,
	Spec:      []string{"CV-6", "INC-47"},
	Endpoints: canvasTriggers,
	needs:     []string{"context", "canvas_entry_properties", "recipients"},
	Check: func(p *Pass) {
		// i is the recipient's index, or -1 for the top level.
		check := func(context, legacyContext Value, i int) {
			if !context.Exists() || !legacyContext.Exists() {
				return
			}
			legacy, current := Pointer("canvas_entry_properties"), Pointer("context")
			if i >= 0 {
				legacy, current = Pointer("recipients", i, "canvas_entry_properties"), Pointer("recipients", i, "context")
			}
			p.Report(MemberAt(legacy),
				"canvas_entry_properties is the older name of context, and both are given: which one Braze reads is undocumented; merge them into context",
				Note{MemberAt(current), "the current name"})
		}
		check(p.Root.Get("context"), p.Root.Get("canvas_entry_properties"), -1)
		for _, m := range p.recipientList() {
			check(m.context, m.canvasEntryProperties, m.index)
		}
	},
}
