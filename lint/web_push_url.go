package lint

var WebPushURL = &Rule{
	ID: "web-push-url", severity: Warning,
	Title: "a web push link is not a web URL",
	Doc: `A web push opens web pages only: custom_uri and the uri of its buttons take an http or https URL,
not a deep link into an app. The docs give no severity, so this is a warning. A value with Liquid
is not checked.`,
	Spec:      []string{"OBJ-WEB-2", "OBJ-WEB-3"},
	Endpoints: inlineMessages,
	Check: func(p *Pass) {
		w, _ := message(p.Root, "web_push")
		// check reports obj's member named by the last token of at.
		check := func(obj map[string]any, at ...any) {
			if s, ok := str(obj[at[len(at)-1].(string)]); ok && !hasLiquid(s) && !isHTTPURL(s) {
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not a web URL: a web push opens http or https links only")
			}
		}
		check(w, "messages", "web_push", "custom_uri")
		buttons, _ := array(w["buttons"])
		for i, v := range buttons {
			b, _ := object(v)
			check(b, "messages", "web_push", "buttons", i, "uri")
		}
	},
}
