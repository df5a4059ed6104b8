package lint

var CanvasTriggerProperties = &Rule{
	ID: "canvas-trigger-properties", severity: Warning,
	Title: "trigger_properties on a Canvas endpoint, which reads context",
	Doc: `A Canvas reads its request personalization as {{context.${key}}} (older:
canvas_entry_properties); trigger_properties and api_trigger_properties are campaign-only
(TP-5, REC-6). trigger_properties in a Canvas trigger, top-level or per recipient, is not what the
Canvas's templates read: rename it to context.`,
	Spec:      []string{"CV-7", "REC-6", "TP-5"},
	Endpoints: canvasTriggers,
	needs:     []string{"trigger_properties", "recipients"},
	Check: func(p *Pass) {
		const msg = "trigger_properties is read by campaigns only; a Canvas reads context: rename it to context"
		reportKeyEverywhere(p, "trigger_properties", msg)
	},
}
