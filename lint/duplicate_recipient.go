package lint

var DuplicateRecipient = &Rule{
	ID: "duplicate-recipient", severity: Warning,
	Title: "the same user is listed twice",
	Doc: `Braze dedupes users named twice in one request: the user gets one message. On
/campaigns/trigger/send that message uses the trigger_properties of the later entry (array order
decides), so the earlier entry's are lost. Remove the duplicate, or send the two in separate
requests. Ids written as a number and as a string count as the same, and
numbers are compared by value (1e3 is 1000).`,
	Spec: []string{"MS-17", "TS-22", "REC-8", "EX-19", "SCH-23"},
	Check: func(p *Pass) {
		switch targeting(p.Endpoint) {
		case TargetUserLists:
			for _, list := range []string{"external_user_ids", "user_aliases"} {
				seen := map[string]int{}
				for i, v := range p.Doc.Get(list).Elements() {
					id, ok := identity(v)
					if !ok {
						continue
					}
					if j, dup := seen[id]; dup {
						p.Report(ValueAt(Pointer(list, i)), Path(list, i)+" repeats "+Path(list, j)+": Braze sends one message; remove one",
							Note{ValueAt(Pointer(list, j)), "first listed here"})
						continue
					}
					seen[id] = i
				}
			}
		case TargetRecipients:
			seen := map[string]int{}
			for i, r := range recipientsOf(p.Doc) {
				for _, k := range identifierKeys {
					id, ok := identity(r.Get(k))
					if !ok {
						continue
					}
					id = k + "\x00" + id
					if j, dup := seen[id]; dup {
						p.Report(MemberAt(Pointer("recipients", i, k)),
							Path("recipients", i)+" names the same user as "+Path("recipients", j)+": Braze sends one message, with the trigger_properties of the user's last entry; remove one, or send them in separate requests",
							Note{MemberAt(Pointer("recipients", j, k)), "first listed here"})
						break
					}
					seen[id] = i
				}
			}
		}
	},
}

// identity renders an identifier for comparison: ids as their text (a number
// and the same digits as a string are one user once Braze converts them), an
// alias object as its name and label.
func identity(v Value) (string, bool) {
	switch {
	case v.IsString():
		s, _ := v.Str()
		return s, s != ""
	case v.IsNumber():
		return integerOf(v)
	case v.IsObject():
		name, ok1 := v.Get("alias_name").Str()
		label, ok2 := v.Get("alias_label").Str()
		return name + "\x00" + label, ok1 && ok2
	}
	return "", false
}
