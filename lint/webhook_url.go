package lint

var WebhookURL = &Rule{
	ID: "webhook-url", severity: Error,
	Title: "a webhook url is not an absolute http(s) URL",
	Doc: `The webhook's url must be an absolute http or https URL with a host, such as
https://example.com/hook. Liquid is allowed: the literal text before the first tag must then
start the URL (https://example.com/{{...}}), and a url that starts with a tag is not checked,
since only Braze knows what it renders to.`,
	Spec:      []string{"OBJ-WEBHOOK-1"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.webhook"},
	Check: func(p *Pass) {
		w, _ := message(p.Root, "webhook")
		s, ok := w.Get("url").Str()
		if !ok || s == "" {
			return
		}
		if i := liquidStart(s); i < len(s) {
			if i == 0 {
				return
			}
			s = s[:i] + "x" // the literal prefix, completed with a stand-in for the tag
		}
		if !isHTTPURL(s) {
			p.Report(ValueAt(Pointer("messages", "webhook", "url")), "messages.webhook.url is not an absolute http or https URL: write it as https://host/path")
		}
	},
}
