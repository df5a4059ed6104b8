package lint

// nameTable finds a name among a few fixed ones: the names are sorted into
// slots by nameSlot, so a lookup compares at most the few of one slot
// rather than every name, and hashes nothing.
type nameTable struct {
	names []string
	slots [64][]uint8 // indexes in names
}

func newNameTable(names ...string) *nameTable {
	if len(names) > 255 {
		panic("lint: a nameTable holds at most 255 names")
	}
	t := &nameTable{names: names}
	for i, n := range names {
		s := nameSlot(n)
		t.slots[s] = append(t.slots[s], uint8(i))
	}
	return t
}

// index returns the index of name in the table's names, or -1.
func (t *nameTable) index(name string) int {
	for _, i := range t.slots[nameSlot(name)] {
		if t.names[i] == name {
			return int(i)
		}
	}
	return -1
}
