package lint

import "fmt"

// contextNames are the two names of the Canvas context object: context, and
// canvas_entry_properties, its older name (CV-6).
var contextNames = []string{"context", "canvas_entry_properties"}

var ContextTooLarge = &Rule{
	ID: "context-too-large", severity: Error,
	Title: "a Canvas context object is larger than 50 KB",
	Doc: `The Canvas context object (context, or its older name canvas_entry_properties) may be at most 50
KB. brazelint measures it as compact JSON (51,200 bytes at most, as for trigger_properties), so
indentation in the file does not count: an error for the top-level object. A recipient's own
context overrides the top-level keys it repeats, and a warning says when one recipient's merged
context is over the limit [inferred]. Move bulky data out of the request, or fetch it in the
Canvas with Connected Content.`,
	Spec:      []string{"CV-5", "CV-6", "CV-14", "SCH-28", "SCH-29"},
	Endpoints: canvasTriggers,
	Check: func(p *Pass) {
		top := map[string]any{}
		for _, name := range contextNames {
			ctx, ok := object(p.Root[name])
			if !ok {
				continue
			}
			for k, v := range ctx {
				top[k] = v
			}
			if n := compactSize(ctx); n > MaxTriggerPropertiesBytes {
				p.Report(ValueAt(Pointer(name)),
					fmt.Sprintf("%s is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", name, n, MaxTriggerPropertiesBytes))
			}
		}
		for i, r := range recipients(p.Root) {
			for _, name := range contextNames {
				ctx, ok := object(r[name])
				if !ok {
					continue
				}
				merged := make(map[string]any, len(top)+len(ctx))
				for k, v := range top {
					merged[k] = v
				}
				for k, v := range ctx {
					merged[k] = v
				}
				if n := compactSize(merged); n > MaxTriggerPropertiesBytes {
					p.emit(Finding{Rule: p.rule, Severity: Warning, At: ValueAt(Pointer("recipients", i, name)),
						Message: fmt.Sprintf("%s merged with the top-level context is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", Path("recipients", i, name), n, MaxTriggerPropertiesBytes)})
				}
			}
		}
	},
}
