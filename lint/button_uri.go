package lint

var ButtonURI = &Rule{
	ID: "button-uri", severity: Warning,
	Title: "a push button's action and uri do not go together",
	Doc: `An Android or web push button with action URI or DEEP_LINK opens its uri, so it needs one; with
OPEN_APP or CLOSE (or no action, which means OPEN_APP) a uri is ignored.`,
	Spec:      []string{"OBJ-ANDROID-10", "OBJ-ANDROID-11", "OBJ-WEB-3"},
	Endpoints: inlineMessages,
	Check: func(p *Pass) {
		for _, key := range []string{"android_push", "web_push"} {
			m, _ := message(p.Root, key)
			buttons, _ := array(m["buttons"])
			for i, v := range buttons {
				b, ok := object(v)
				if !ok {
					continue
				}
				at := []any{"messages", key, "buttons", i}
				action, _ := str(b["action"])
				opens := action == "URI" || action == "DEEP_LINK"
				switch {
				case opens && !has(b, "uri"):
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" has action "+action+" but no uri: add the link it opens")
				case !opens && has(b, "uri") && (action == "" || action == "OPEN_APP" || action == "CLOSE"):
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
