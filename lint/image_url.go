package lint

var ImageURL = &Rule{
	ID: "image-url", severity: Warning,
	Title: "an Android big picture url is not an http(s) URL",
	Doc: `An Android Big Picture notification takes its image from extra.appboy_image_url, which must be a
web URL (a 2:1 image of at least 600x300). Anything else shows no picture.`,
	Spec:      []string{"OBJ-ANDROID-8"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.android_push"},
	Check: func(p *Pass) {
		a, _ := message(p.Root, "android_push")
		if v := a.Get("extra").Get("appboy_image_url"); v.Exists() {
			if s, _ := v.Str(); !hasLiquid(s) && !isHTTPURL(s) {
				at := []any{"messages", "android_push", "extra", "appboy_image_url"}
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not an http or https URL: the big picture needs a web URL")
			}
		}
	},
}
