package lint

var WebPushURL = &Rule{
	ID: "web-push-url", severity: Warning,
	Title: "a web push link is not a web URL",
	Doc: `A web push opens web pages only: custom_uri and the uri of its buttons take an http or https URL,
not a deep link into an app. The docs give no severity, so this is a warning. A value with Liquid
is not checked.`,
	Spec:      []string{"OBJ-WEB-2", "OBJ-WEB-3"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.web_push"},
	Check: func(p *Pass) {
		w, _ := message(p.Root, "web_push")
		// check reads custom_uri, or button i's uri when i >= 0.
		check := func(v Value, i int) {
			if s, ok := v.Str(); ok && !hasLiquid(s) && !isHTTPURL(s) {
				at := []any{"messages", "web_push", "custom_uri"}
				if i >= 0 {
					at = []any{"messages", "web_push", "buttons", i, "uri"}
				}
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not a web URL: a web push opens http or https links only")
			}
		}
		check(w.Get("custom_uri"), -1)
		for i, b := range w.Get("buttons").Elements() {
			check(b.Get("uri"), i)
		}
	},
}
