package lint

import "encoding/json"

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
				elems, _ := array(p.Root[list])
				for i, v := range elems {
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
			for i, r := range recipients(p.Root) {
				for _, k := range identifierKeys {
					id, ok := identity(r[k])
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
func identity(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, v != ""
	case json.Number:
		return integer(v)
	case map[string]any:
		name, ok1 := str(v["alias_name"])
		label, ok2 := str(v["alias_label"])
		return name + "\x00" + label, ok1 && ok2
	}
	return "", false
}
