package lint

var PushPriorityRange = &Rule{
	ID: "push-priority-range", severity: Warning,
	Title: "an Android or Kindle push priority is outside -2..2",
	Doc: `priority takes a whole number from -2 (lowest) to 2 (highest); 0 is the default. Braze silently
turns any other value into 0, so the push goes out at default priority.`,
	Spec:      []string{"OBJ-ANDROID-4", "OBJ-KINDLE-3"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.android_push", "messages.kindle_push"},
	Check: func(p *Pass) {
		for _, key := range []string{"android_push", "kindle_push"} {
			m, _ := message(p.Root, key)
			v := m.Get("priority")
			switch n, _ := v.Number(); n {
			case "-2", "-1", "0", "1", "2":
				continue // the usual spellings, read without parsing
			}
			if n, whole := integer(v); whole {
				if n == "-2" || n == "-1" || n == "0" || n == "1" || n == "2" {
					continue
				}
			} else if !v.IsNumber() {
				continue // not a number: a type error
			}
			p.Report(ValueAt(Pointer("messages", key, "priority")), "messages."+key+".priority must be a whole number from -2 to 2: Braze turns other values into 0")
		}
	},
}
