package tape

import (
	"bytes"
	"unicode/utf8"
)

// Raw returns the bytes of node i: a string's or name's between its quotes,
// escapes as written; any other value's whole text.
func (t *Tape) Raw(i int32) []byte {
	n := &t.Nodes[i]
	if n.Kind == String {
		return t.src[n.Start+1 : n.End-1]
	}
	return t.src[n.Start:n.End]
}

// Text returns the string or name at node i, its escapes decoded.
func (t *Tape) Text(i int32) string {
	if t.Nodes[i].Flags&Escaped == 0 {
		return string(t.Raw(i))
	}
	return string(t.AppendText(nil, i))
}

// Is reports whether the string or name at node i is s, without allocating
// unless it holds escapes.
func (t *Tape) Is(i int32, s string) bool {
	if t.Nodes[i].Flags&Escaped == 0 {
		return string(t.Raw(i)) == s
	}
	return string(t.AppendText(nil, i)) == s
}

// AppendText appends the string or name at node i to dst, its escapes
// decoded. The tape has checked the escapes.
func (t *Tape) AppendText(dst []byte, i int32) []byte {
	return appendText(dst, t.Raw(i))
}

// appendText appends the checked string body raw to dst, its escapes decoded.
func appendText(dst, raw []byte) []byte {
	for len(raw) > 0 {
		j := bytes.IndexByte(raw, '\\')
		if j < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:j]...)
		raw = raw[j:]
		switch raw[1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := Hex4(raw[2:])
			if 0xD800 <= r && r <= 0xDBFF {
				lo, _ := Hex4(raw[8:])
				r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
				raw = raw[6:]
			}
			dst = utf8.AppendRune(dst, r)
			raw = raw[6:]
			continue
		default: // " \ /
			dst = append(dst, raw[1])
		}
		raw = raw[2:]
	}
	return dst
}

// Member returns the value node of the member of object obj named name, and
// its name node; the last of duplicate names wins, as in a decoded map. It
// reads the members in turn: for many lookups in a large object, build an
// Index.
func (t *Tape) Member(obj int32, name string) (val, key int32, ok bool) {
	for k := obj + 1; k < t.Nodes[obj].Next; k = t.Nodes[k].Next {
		if t.Is(k, name) {
			key, ok = k, true
		}
	}
	return key + 1, key, ok
}

// Element returns the node of the element at index idx of array arr.
func (t *Tape) Element(arr int32, idx int) (int32, bool) {
	if idx < 0 || idx >= int(t.Nodes[arr].Len) {
		return 0, false
	}
	e := arr + 1
	for range idx {
		e = t.Nodes[e].Next
	}
	return e, true
}

// MarkShadowed flags every member name that its object repeats later as
// Shadowed, so that readers see the last of repeated members, as a decoded
// map holds it. It allocates only when the payload repeats a name.
func (t *Tape) MarkShadowed() {
	if len(t.Dups) == 0 {
		return
	}
	latest := make(map[int32]int32, len(t.Dups)) // a name's first occurrence: its latest so far
	for _, d := range t.Dups {
		prev, ok := latest[d.First]
		if !ok {
			prev = d.First
		}
		t.Nodes[prev].Flags |= Shadowed
		latest[d.First] = d.Name
	}
}
