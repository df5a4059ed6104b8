package lint

import "strconv"

// appleMaxBytes is Apple's payload limit as Braze documents it; past
// appleNearBytes push-near-size-limit warns.
const (
	appleMaxBytes  = 1912
	appleNearBytes = 1700
)

var PushTooLarge = &Rule{
	ID: "push-too-large", severity: Error,
	Title: "a push message is larger than the platform allows",
	Doc: `Push services cap the payload, and Braze answers with an error when the message exceeds the cap:
on Android, alert plus extra may take at most 4,000 bytes; on Apple, alert, extra and the other
parameters at most 1,912 bytes. brazelint counts UTF-8 bytes of alert and of extra written as
compact JSON for Android, and of the whole compact apple_push object for Apple (an
approximation of what Braze sends). Shorten the text or move data out of extra.`,
	Spec:      []string{"OBJ-ANDROID-2", "OBJ-APPLE-3", "OBJ-GEN-7"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.android_push", "messages.apple_push"},
	Check: func(p *Pass) {
		if a, ok := message(p.Root, "android_push"); ok {
			alert, _ := a.Get("alert").Str()
			n := len(alert) + compactLen(a.Get("extra"))
			if n > 4000 {
				p.Report(ValueAt(Pointer("messages", "android_push")), "messages.android_push alert and extra take "+strconv.Itoa(n)+" bytes, more than the 4000 Android allows: shorten them")
			}
		}
		if a, ok := message(p.Root, "apple_push"); ok {
			if n, over := compactOver(a, appleMaxBytes); over {
				p.Report(ValueAt(Pointer("messages", "apple_push")), "messages.apple_push takes "+strconv.Itoa(n)+" bytes, more than the 1912 Apple allows: shorten alert or extra")
			}
		}
	},
}
