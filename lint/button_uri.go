package lint

var ButtonURI = &Rule{
	ID: "button-uri", severity: Warning,
	Title: "a push button's action and uri do not go together",
	Doc: `An Android or web push button with action URI or DEEP_LINK opens its uri, so it needs one; with
OPEN_APP or CLOSE (or no action, which means OPEN_APP) a uri is ignored.`,
	Spec:      []string{"OBJ-ANDROID-10", "OBJ-ANDROID-11", "OBJ-WEB-3"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.android_push", "messages.web_push"},
	Check: func(p *Pass) {
		for _, key := range []string{"android_push", "web_push"} {
			m, _ := message(p.Root, key)
			for i, b := range m.Get("buttons").Elements() {
				if !b.IsObject() {
					continue
				}
				action, _ := b.Get("action").Str()
				opens := action == "URI" || action == "DEEP_LINK"
				switch {
				case opens && !b.Has("uri"):
					at := []any{"messages", key, "buttons", i}
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" has action "+action+" but no uri: add the link it opens")
				case !opens && b.Has("uri") && (action == "" || action == "OPEN_APP" || action == "CLOSE"):
					at := []any{"messages", key, "buttons", i}
					what := action
					if what == "" {
						what = "OPEN_APP (the default)"
					}
					p.Report(KeyAt(Pointer(append(at, "uri")...)), Path(append(at, "uri")...)+" is ignored with action "+what+": set action to URI or DEEP_LINK, or remove uri")
				}
			}
		}
	},
}
