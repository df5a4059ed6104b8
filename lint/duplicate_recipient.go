package lint

import (
	"hash/maphash"
	"unsafe"

	"github.com/brazelint/brazelint/internal/tape"
)

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
			for _, list := range [...]string{"external_user_ids", "user_aliases"} {
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
					id.key = uint8(n + 1)
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
// lists users. Its seeded hash keeps a crafted list linear.
type idSet struct {
	seed  maphash.Seed
	slots []idSlot // a power of two, at most half full
	ids   []userID
	at    []int
	// short is set for a list of at most shortIDList identifiers (a
	// recipient may name up to 4): slots is unused.
	short bool
}

type idSlot struct {
	hash uint64
	id   int32 // 1 + the index in ids; 0: empty
}

// shortIDList is the longest list whose identifiers idSet compares in turn
// rather than by hash: for a few, comparing costs less than hashing, and
// a crafted list this short cannot take long.
const shortIDList = 8

// reset empties s for n identifiers.
func (s *idSet) reset(n int) {
	clear(s.ids) // their strings are the last payload's
	s.ids, s.at = s.ids[:0], s.at[:0]
	if cap(s.ids) < n { // sized once: a long list would grow them many times
		s.ids, s.at = make([]userID, 0, n), make([]int, 0, n)
	}
	if s.short = n <= shortIDList; s.short {
		return // no table
	}
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
}

// add records id, listed at i, unless it is there: then it returns where it
// was first listed.
func (s *idSet) add(id userID, i int) (first int, dup bool) {
	if s.short {
		for j := range s.ids {
			if s.ids[j] == id {
				return s.at[j], true
			}
		}
		s.ids, s.at = append(s.ids, id), append(s.at, i)
		return 0, false
	}
	h := maphash.String(s.seed, id.text) + uint64(id.key)
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

// userID is an identifier as compared: its text, or an alias's name and
// label, and which member holds it (on /campaigns/trigger/send: 1 + its
// index in identifierKeys).
type userID struct {
	text, label string
	key         uint8
}

// identity renders an identifier for comparison: ids as their text (a number
// and the same digits as a string are one user once Braze converts them), an
// alias object as its name and label.
func identity(v Value) (userID, bool) {
	if !v.Exists() {
		return userID{}, false
	}
	switch n := v.node(); {
	case n.Kind == tape.String && n.Flags&tape.Escaped == 0:
		// In place, as Doc.str reads it: most ids.
		raw := v.d.t.Src()[n.Start+1 : n.End-1]
		return userID{text: unsafe.String(unsafe.SliceData(raw), len(raw))}, len(raw) > 0
	case v.IsString():
		s, _ := v.Str()
		return userID{text: s}, s != ""
	case v.IsNumber():
		s, ok := integer(v)
		return userID{text: s}, ok
	case v.IsObject():
		return aliasIdentity(v)
	}
	return userID{}, false
}

// aliasIdentity is identity for an alias object, v.Get("alias_name") and
// v.Get("alias_label") read in one walk of its members.
func aliasIdentity(v Value) (userID, bool) {
	d := v.d
	nodes := d.t.Nodes
	var name, label Value
	for k := v.i + 1; k < nodes[v.i].Next; k = nodes[k].Next {
		if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 {
			continue // Get reads the last of repeated names, and not a removed one
		}
		switch d.str(k) {
		case "alias_name":
			name = Value{d, k + 1}
		case "alias_label":
			label = Value{d, k + 1}
		}
	}
	n, ok1 := name.Str()
	l, ok2 := label.Str()
	return userID{text: n, label: l}, ok1 && ok2
}
