package lint

import "strconv"

var PushNearSizeLimit = &Rule{
	ID: "push-near-size-limit", severity: Warning,
	Title: "an Apple push is close to the 1,912-byte limit",
	Doc: `brazelint measures an apple_push as compact JSON, which approximates what Braze sends to Apple.
Between 1,700 and 1,912 bytes the estimate is too close to call: Liquid that renders longer, or
what Braze adds, can push it over. Shorten alert or extra.`,
	Spec:      []string{"OBJ-APPLE-3"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.apple_push"},
	Check: func(p *Pass) {
		if a, ok := message(p.Root, "apple_push"); ok {
			if n, over := compactOver(a, appleNearBytes); over && n <= appleMaxBytes {
				p.Report(ValueAt(Pointer("messages", "apple_push")), "messages.apple_push takes "+strconv.Itoa(n)+" bytes, close to the 1912 Apple allows: shorten alert or extra")
			}
		}
	},
}
