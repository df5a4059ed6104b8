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
				users := p.Root.Get(list)
				if users.Len() < 2 {
					continue
				}
				seen := p.userIDs(users.Len())
				for i, v := range users.Elements() {
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
			if p.Root.Get("recipients").Len() < 2 {
				return
			}
			seen := p.userIDs(p.Root.Get("recipients").Len())
			for i, r := range recipients(p.Root) {
				for _, k := range identifierKeys {
					id, ok := identity(r.Get(k))
					if !ok {
						continue
					}
					id.key = k
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

// userIDs returns an empty map for a list of n identifiers: the Pass's,
// reused from list to list and payload to payload, unless the list is long.
func (p *Pass) userIDs(n int) map[userID]int {
	if n > MaxRecipients*4 {
		return make(map[userID]int, n) // sized once; not kept
	}
	if p.ids == nil {
		p.ids = make(map[userID]int, MaxRecipients)
	}
	clear(p.ids)
	return p.ids
}

// userID is an identifier as compared: which member holds it (on
// /campaigns/trigger/send), and its text, or an alias's name and label.
type userID struct{ key, text, label string }

// identity renders an identifier for comparison: ids as their text (a number
// and the same digits as a string are one user once Braze converts them), an
// alias object as its name and label.
func identity(v Value) (userID, bool) {
	switch {
	case v.IsString():
		s, _ := v.Str()
		return userID{text: s}, s != ""
	case v.IsNumber():
		s, ok := integer(v)
		return userID{text: s}, ok
	case v.IsObject():
		name, ok1 := v.Get("alias_name").Str()
		label, ok2 := v.Get("alias_label").Str()
		return userID{text: name, label: label}, ok1 && ok2
	}
	return userID{}, false
}
