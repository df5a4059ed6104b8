package lint

var CanvasSubscriptionGroups = &Rule{
	ID: "canvas-subscription-groups", severity: Warning,
	Title: "a Canvas recipient's attributes update subscription groups",
	Doc: `A Canvas trigger applies a recipient's attributes before the Canvas is processed, but unlike
/campaigns/trigger/send its page says subscription groups cannot be updated this way by default.
The change may not happen, and the user may then not be subscribed to the channel. Update the
subscription group with /subscription/status/set or /users/track before triggering the Canvas.`,
	Spec:      []string{"CV-16"},
	Endpoints: canvasTriggers,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		for i, attrs := range attributeObjects(p.Root) {
			if attrs.Has("subscription_groups") {
				p.Report(KeyAt(Pointer(attributePath(i, "subscription_groups")...)),
					"a Canvas trigger cannot update subscription groups by default: update them with /subscription/status/set before triggering")
			}
		}
	},
}
