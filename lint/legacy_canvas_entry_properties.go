package lint

var LegacyCanvasEntryProperties = &Rule{
	ID: "legacy-canvas-entry-properties", severity: Info,
	Title: "canvas_entry_properties is the older name of context",
	Doc: `Braze now calls the Canvas personalization object context, read in the Canvas as
{{context.${key}}}; canvas_entry_properties is its older name, which the docs say stays backwards
compatible (INC-47). A note, top-level or per recipient: rename it to context when you next touch
the request, and its templates to context.${key}.`,
	Spec:      []string{"CV-6", "SCH-28", "SCH-32", "INC-47"},
	Endpoints: canvasTriggers,
	needs:     []string{"canvas_entry_properties", "recipients"},
	Check: func(p *Pass) {
		const msg = "canvas_entry_properties is the older name of context, still accepted: rename it to context"
		reportKeyEverywhere(p, "canvas_entry_properties", msg)
	},
}

// reportKeyEverywhere reports msg at the name of each member called name, at
// the top level and in each recipient: the members a Canvas trigger reads in
// both places.
func reportKeyEverywhere(p *Pass, name, msg string) {
	if p.Root.Has(name) {
		p.Report(KeyAt(Pointer(name)), msg)
	}
	for i, r := range recipients(p.Root) {
		if r.Has(name) {
			p.Report(KeyAt(Pointer("recipients", i, name)), msg)
		}
	}
}
