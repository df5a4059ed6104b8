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
	needs:     []string{"context", "canvas_entry_properties", "recipients"},
	Check: func(p *Pass) {
		var top [2]Value // the objects of contextNames, absent when not objects
		for j, name := range contextNames {
			ctx, ok := p.Root.Get(name).Object()
			if !ok {
				continue
			}
			top[j] = ctx
			if n, over := compactOver(ctx, MaxTriggerPropertiesBytes); over {
				p.Report(ValueAt(Pointer(name)),
					fmt.Sprintf("%s is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", name, n, MaxTriggerPropertiesBytes))
			}
		}
		for _, m := range p.recipientList() {
			i := m.index
			for j, v := range [...]Value{m.context, m.canvasEntryProperties} {
				name := contextNames[j]
				ctx, ok := v.Object()
				if !ok {
					continue
				}
				if n := mergedContextLen(top, ctx); n > MaxTriggerPropertiesBytes {
					p.emit(Finding{Rule: p.rule, Severity: Warning, At: ValueAt(Pointer("recipients", i, name)),
						Message: fmt.Sprintf("%s merged with the top-level context is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", Path("recipients", i, name), n, MaxTriggerPropertiesBytes)})
				}
			}
		}
	},
}

// mergedContextLen is the compact length of a recipient's context ctx
// merged over the top-level context objects top (in contextNames' order, a
// later one's member overriding an earlier one's of the same name), without
// building the merged object.
func mergedContextLen(top [2]Value, ctx Value) int {
	count, n := 0, 0
	for _, v := range ctx.Members() {
		count++
		n += memberLen(v)
	}
	for j, obj := range top {
		for k, v := range obj.Members() {
			if ctx.Has(k) || j == 0 && top[1].Has(k) {
				continue // overridden
			}
			count++
			n += memberLen(v)
		}
	}
	return n + 2 + max(count-1, 0) // braces and commas
}
