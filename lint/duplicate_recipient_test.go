package lint

import (
	"strconv"
	"strings"
	"testing"
)

// TestIDSet holds idSet to a map's answers for lists short and long (the
// short ones are compared in turn, the long ones hashed), with ids of every
// length from 0 to 40 and ids that differ in one byte only.
func TestIDSet(t *testing.T) {
	var ids []userID
	for n := range 41 {
		for _, c := range []byte{'a', 'b'} {
			for at := range n {
				s := []byte(strings.Repeat("x", n))
				s[at] = c
				ids = append(ids, userID{text: string(s)})
			}
		}
	}
	ids = append(ids, userID{}, userID{key: 1}, userID{text: "a", label: "b"}, userID{text: "ab"}, userID{text: "a", label: "b", key: 2})
	for i := range 300 {
		ids = append(ids, userID{text: strconv.Itoa(i)})
	}
	p := &Pass{} // one set, reused as Run does
	for _, size := range []int{2, shortIDList / 2, shortIDList/2 + 1, 64, len(ids)} {
		for start := 0; start < len(ids); start += size {
			list := ids[start:min(start+size, len(ids))]
			set := p.userIDs(2 * len(list)) // each listed twice
			first := map[userID]int{}
			// Each id twice, the second time after the whole list.
			for round := range 2 {
				for i, id := range list {
					at := round*len(list) + i
					got, dup := set.add(id, at)
					want, wantDup := first[id]
					if !wantDup {
						first[id] = at
					}
					if dup != wantDup || (dup && got != want) {
						t.Fatalf("size %d: add(%q, %d) = %d, %v; want %d, %v", size, id, at, got, dup, want, wantDup)
					}
				}
			}
		}
	}
}
