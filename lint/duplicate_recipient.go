package lint

import "hash/maphash"

var DuplicateRecipient = &Rule{
	ID: "duplicate-recipient", severity: Warning,
	Title: "the same user is listed twice",
	Doc: `Braze dedupes users named twice in one request: the user gets one message. On
/campaigns/trigger/send that message uses the trigger_properties of the later entry (array order
decides), so the earlier entry's are lost. Remove the duplicate, or send the two in separate
requests. Ids written as a number and as a string count as the same, and
numbers are compared by value (1e3 is 1000).`,
	Spec:  []string{"MS-17", "TS-22", "REC-8", "EX-19", "SCH-23"},
	needs: []string{"external_user_ids", "user_aliases", "recipients"},
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
					if j, dup := seen.add(id, i); dup {
						p.Report(ValueAt(Pointer(list, i)), Path(list, i)+" repeats "+Path(list, j)+": Braze sends one message; remove one",
							Note{ValueAt(Pointer(list, j)), "first listed here"})
					}
				}
			}
		case TargetRecipients:
			if p.Root.Get("recipients").Len() < 2 {
				return
			}
			seen := p.userIDs(p.Root.Get("recipients").Len())
			for _, m := range p.recipientList() {
				i := m.index
				for n, k := range identifierKeys {
					if !m.has(n) {
						continue // most recipients name one identifier: no lookup for the others
					}
					id, ok := identity(m.id[n])
					if !ok {
						continue
					}
					id.key = k
					if j, dup := seen.add(id, i); dup {
						p.Report(MemberAt(Pointer("recipients", i, k)),
							Path("recipients", i)+" names the same user as "+Path("recipients", j)+": Braze sends one message, with the trigger_properties of the user's last entry; remove one, or send them in separate requests",
							Note{MemberAt(Pointer("recipients", j, k)), "first listed here"})
						break
					}
				}
			}
		}
	},
}

// userIDs returns an empty set for a list of n identifiers: the Pass's,
// reused from list to list and payload to payload unless the list is long.
func (p *Pass) userIDs(n int) *idSet {
	if n > MaxRecipients*4 {
		s := new(idSet)
		s.reset(n)
		return s // sized once; not kept
	}
	p.ids.reset(n)
	return &p.ids
}

// idSet is a set of identifiers, each with where it was first listed. It is
// an open-addressed table of hashes rather than a map: a map of userID
// hashes three strings a key, and this rule runs on every payload that
// lists users.
type idSet struct {
	seed  maphash.Seed
	slots []idSlot // a power of two, at most half full
	ids   []userID
	at    []int
}

type idSlot struct {
	hash uint64
	id   int32 // 1 + the index in ids; 0: empty
}

// reset empties s for n identifiers.
func (s *idSet) reset(n int) {
	if s.seed == (maphash.Seed{}) {
		s.seed = maphash.MakeSeed()
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(s.slots) < size {
		s.slots = make([]idSlot, size)
	} else {
		s.slots = s.slots[:size]
		clear(s.slots)
	}
	clear(s.ids) // their strings are the last payload's
	s.ids, s.at = s.ids[:0], s.at[:0]
	if cap(s.ids) < n { // sized once: a long list would grow them many times
		s.ids, s.at = make([]userID, 0, n), make([]int, 0, n)
	}
}

// add records id, listed at i, unless it is there: then it returns where it
// was first listed.
func (s *idSet) add(id userID, i int) (first int, dup bool) {
	h := maphash.String(s.seed, id.text) + uint64(len(id.key))
	if id.label != "" {
		h ^= maphash.String(s.seed, id.label) * 31
	}
	mask := uint64(len(s.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		e := &s.slots[k]
		if e.id == 0 {
			s.ids, s.at = append(s.ids, id), append(s.at, i)
			*e = idSlot{h, int32(len(s.ids))}
			return 0, false
		}
		if e.hash == h && s.ids[e.id-1] == id {
			return s.at[e.id-1], true
		}
	}
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
