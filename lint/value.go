package lint

import (
	"iter"
	"slices"
	"unsafe"

	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/lint/liquid"
)

// Doc is a payload as the Go rules read it: the tape the strict pass filled,
// read in place. Reading it allocates nothing, except to decode the few
// strings that hold escapes.
type Doc struct {
	t *tape.Tape
	// dirty is set when some member names are Shadowed or Absent, so that
	// member counts must skip them.
	dirty bool
	// index holds the member names of objects large enough that reading
	// their members in turn for every lookup would cost too much; elements,
	// the element nodes of such arrays.
	index    map[int32]map[string]int32
	elements map[int32][]int32
	// names holds, per object node read, a filter of its member names
	// (nameBit), or 0 until the object is first read: most lookups ask for
	// a member that is not there, and the filter answers those at once.
	names []uint64
	// top holds the value nodes of root members most rules read, looked
	// up once a payload: 0 until looked up, -1 when absent.
	top [len(topNames)]int32
	// text holds decoded escaped strings. A full chunk is replaced, never
	// written again, so a string handed out stays valid for the payload;
	// the last chunk is reused by the next payload, once the findings that
	// could hold its strings have copied them (Pass.emit).
	text []byte
	// pass is the Pass of Run, reused from payload to payload; runs are
	// the rules of runFrom that apply to each endpoint (Doc.running).
	pass    Pass
	runFrom []*Rule
	runs    map[Endpoint][]runRule
	// audience is the payload's audience, read on first use (readAudience);
	// path is the buffer its walk builds paths in, and walking is set
	// during the walk.
	audience audienceList
	path     []any
	walking  bool
}

// NewDoc reads a scanned tape whose root is an object. Repeated member
// names read as their last occurrence.
func NewDoc(t *tape.Tape) *Doc {
	d := &Doc{}
	d.Reset(t)
	return d
}

// Reset makes d read t, forgetting what it read before.
func (d *Doc) Reset(t *tape.Tape) {
	t.MarkShadowed()
	d.t, d.dirty, d.text = t, len(t.Dups) > 0, d.text[:0]
	d.names = slices.Grow(d.names[:0], len(t.Nodes))[:len(t.Nodes)]
	clear(d.names)
	clear(d.top[:])
	clear(d.index)
	clear(d.elements)
	d.audience.read = 0
}

// maxKept bounds what a Doc keeps for its next payload: templates, their
// size, and decoded text, so that one large payload does not pin memory in
// a pool of Docs.
const maxKept = 1 << 12

// Trim lets go of the payload, and of the memory d kept for reuse beyond
// what a typical payload needs: call it before putting d in a pool.
func (d *Doc) Trim() {
	clear(d.index) // their names point into the payload
	clear(d.elements)
	if cap(d.text) > 16*maxKept {
		d.text = nil
	}
	p := &d.pass
	if len(p.parsed) > maxKept/16 {
		clear(p.parsed[maxKept/16:])
		p.parsed = p.parsed[:maxKept/16]
	}
	for i, t := range p.parsed {
		if t.Capacity() > maxKept {
			p.parsed[i] = new(liquid.Template)
		}
	}
	if cap(p.liquid) > maxKept/16 {
		p.liquid, p.refs = nil, nil
	}
	if cap(d.audience.nodes) > maxKept || cap(d.audience.filters) > maxKept {
		d.audience = audienceList{}
	}
}

// Remove makes the member whose name is node name of the tape read as not
// there: validate removes the null members Braze reads as absent.
func (d *Doc) Remove(name int32) {
	d.t.Nodes[name].Flags |= tape.Absent
	d.dirty = true
	clear(d.top[:])
	d.audience.read = 0
}

// topNames are the root members that top remembers.
var topNames = [...]string{"messages", "recipients"}

const (
	topMessages = iota
	topRecipients
)

// topMember returns the member topNames[which] of root, which for the root
// of a Doc is looked up once a payload.
func topMember(root Value, which int) Value {
	if root.i != 0 || !root.IsObject() {
		return root.Get(topNames[which])
	}
	d := root.d
	k := d.top[which]
	if k == 0 {
		k = -1
		if i, ok := d.member(0, topNames[which]); ok {
			k = i
		}
		d.top[which] = k
	}
	if k < 0 {
		return Value{}
	}
	return Value{d, k}
}

// Root is the payload's top-level object.
func (d *Doc) Root() Value { return Value{d, 0} }

// Src is the payload's bytes.
func (d *Doc) Src() []byte { return d.t.Src() }

// holds reports whether s points into the payload or into d's decoded text:
// such a string must be copied before it outlives the pass.
func (d *Doc) holds(s string) bool {
	if d == nil || len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	in := func(b []byte) bool {
		if cap(b) == 0 {
			return false
		}
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(b[:1])))
		return lo <= p && p < lo+uintptr(cap(b))
	}
	return in(d.t.Src()) || in(d.text)
}

// str returns the string or member name at node i. A string without escapes
// is read in place.
func (d *Doc) str(i int32) string {
	n := &d.t.Nodes[i]
	raw := d.t.Raw(i)
	if len(raw) == 0 {
		return ""
	}
	if n.Flags&tape.Escaped == 0 {
		return unsafe.String(unsafe.SliceData(raw), len(raw))
	}
	// The decoded text is never longer than the escaped one.
	if cap(d.text)-len(d.text) < len(raw) {
		d.text = make([]byte, 0, max(len(raw), 4096))
	}
	start := len(d.text)
	d.text = d.t.AppendText(d.text, i)
	b := d.text[start:]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// smallObject is the most members an object has for its lookups to read the
// members in turn; a larger one gets an index.
const smallObject = 16

// nameBit is the bit of a member name in an object's filter, picked from
// its length and its first and last bytes, which tell most member names of
// the schemas apart. Bit 0 also marks the filter as made: names that pick
// it always pass.
func nameBit(name string) uint64 { return 1 << nameSlot(name) }

// nameSlot is the position of nameBit's bit.
func nameSlot(name string) uint {
	if len(name) == 0 {
		return 0
	}
	return (uint(len(name))*31 + uint(name[0])*7 + uint(name[len(name)-1])) & 63
}

// filter returns the name filter of object obj, making it on first use. An
// escaped name sets every bit: its bytes are not its text.
func (d *Doc) filter(obj int32) uint64 {
	if f := d.names[obj]; f != 0 {
		return f
	}
	t := d.t
	f := uint64(1)
	for k := obj + 1; k < t.Nodes[obj].Next; k = t.Nodes[k].Next {
		n := &t.Nodes[k]
		if n.Flags&tape.Escaped != 0 {
			f = ^uint64(0)
			break
		}
		raw := t.Src()[n.Start+1 : n.End-1]
		f |= nameBit(unsafe.String(unsafe.SliceData(raw), len(raw)))
	}
	d.names[obj] = f
	return f
}

// largeIndex returns the index of the names of object obj, one of more
// than smallObject members, made on first use: each name's last node.
func (d *Doc) largeIndex(obj int32) map[string]int32 {
	if idx, ok := d.index[obj]; ok {
		return idx
	}
	t := d.t
	idx := make(map[string]int32, t.Nodes[obj].Len)
	for k := obj + 1; k < t.Nodes[obj].Next; k = t.Nodes[k].Next {
		if t.Nodes[k].Flags&tape.Shadowed == 0 {
			idx[d.str(k)] = k
		}
	}
	if d.index == nil {
		d.index = map[int32]map[string]int32{}
	}
	d.index[obj] = idx
	return idx
}

// NameNode returns the name node of the member of the object at node obj
// named name, the last of repeated names, whether or not the rules read it
// as absent: what locates a finding's pointer. A large object is looked up
// in the index the rules' lookups share, made once for both.
func (d *Doc) NameNode(obj int32, name string) (int32, bool) {
	if d.t.Nodes[obj].Len > smallObject {
		k, ok := d.largeIndex(obj)[name]
		return k, ok
	}
	_, k, ok := d.t.Member(obj, name)
	return k, ok
}

// member returns the value node of the member of object obj named name.
func (d *Doc) member(obj int32, name string) (int32, bool) {
	if d.filter(obj)&nameBit(name) == 0 {
		return 0, false
	}
	t := d.t
	if t.Nodes[obj].Len > smallObject {
		k, ok := d.largeIndex(obj)[name]
		if !ok || t.Nodes[k].Flags&tape.Absent != 0 {
			return 0, false
		}
		return k + 1, true
	}
	nodes, src := t.Nodes, t.Src()
	for k := obj + 1; k < nodes[obj].Next; k = nodes[k].Next {
		n := &nodes[k]
		switch {
		case n.Flags&(tape.Shadowed|tape.Escaped) == 0:
			// The common case, compared in place: most names differ in
			// length, and the rest in their first bytes.
			if int(n.End-n.Start)-2 != len(name) || string(src[n.Start+1:n.End-1]) != name {
				continue
			}
		case n.Flags&tape.Shadowed != 0 || !t.Is(k, name):
			continue
		}
		return k + 1, n.Flags&tape.Absent == 0
	}
	return 0, false
}

// Value is one JSON value of the payload, or absent: the zero Value is
// absent. A value of another type than asked reads as absent too (ok ==
// false): type errors are the schema's to report, and a Go rule that fired
// on them as well would report one defect twice.
//
// Strings read from a Value point into the payload: a rule may keep them
// for the pass, and what it reports is copied.
type Value struct {
	d *Doc
	i int32
}

func (v Value) node() *tape.Node { return &v.d.t.Nodes[v.i] }

func (v Value) kind() tape.Kind {
	if v.d == nil {
		return tape.Invalid
	}
	return v.node().Kind
}

// Exists reports whether the value is there (null included).
func (v Value) Exists() bool { return v.d != nil }

// KeySpan is the half-open byte span in the payload of the name of the
// member whose value v is, quotes included; ok is false for an element, the
// root or a missing value. A finding at a member the rule has at hand is
// located by it without reading its pointer again (SpanAt).
func (v Value) KeySpan() (start, end int, ok bool) {
	if v.d == nil || v.i == 0 {
		return 0, 0, false
	}
	name := &v.d.t.Nodes[v.i-1]
	if name.Flags&tape.Name == 0 || name.Parent != v.node().Parent {
		return 0, 0, false
	}
	return int(name.Start), int(name.End), true
}

// IsNull reports whether the value is the literal null.
func (v Value) IsNull() bool { return v.kind() == tape.Null }

// IsObject, IsArray, IsString, IsNumber and IsBool report the value's type.
func (v Value) IsObject() bool { return v.kind() == tape.Object }
func (v Value) IsArray() bool  { return v.kind() == tape.Array }
func (v Value) IsString() bool { return v.kind() == tape.String }
func (v Value) IsNumber() bool { return v.kind() == tape.Number }
func (v Value) IsBool() bool   { k := v.kind(); return k == tape.True || k == tape.False }

// IsScalar reports whether the value is a string, number or boolean.
func (v Value) IsScalar() bool {
	switch v.kind() {
	case tape.String, tape.Number, tape.True, tape.False:
		return true
	}
	return false
}

// Object returns v when it is an object.
func (v Value) Object() (Value, bool) { return v, v.IsObject() }

// Array returns v when it is an array.
func (v Value) Array() (Value, bool) { return v, v.IsArray() }

// Str returns the string v holds, its escapes decoded.
func (v Value) Str() (string, bool) {
	if v.kind() != tape.String {
		return "", false
	}
	return v.d.str(v.i), true
}

// Bool returns the boolean v holds.
func (v Value) Bool() (b, ok bool) {
	switch v.kind() {
	case tape.True:
		return true, true
	case tape.False:
		return false, true
	}
	return false, false
}

// Number returns the text of the number v holds, as written (json.Number's).
func (v Value) Number() (string, bool) {
	if v.kind() != tape.Number {
		return "", false
	}
	raw := v.d.t.Raw(v.i)
	return unsafe.String(unsafe.SliceData(raw), len(raw)), true
}

// Raw returns the value's JSON text as written in the payload.
func (v Value) Raw() []byte {
	if v.d == nil {
		return nil
	}
	n := v.node()
	return v.d.t.Src()[n.Start:n.End]
}

// Get returns the member of object v named name; absent when v is no object
// or has no such member.
func (v Value) Get(name string) Value {
	if v.kind() != tape.Object {
		return Value{}
	}
	if i, ok := v.d.member(v.i, name); ok {
		return Value{v.d, i}
	}
	return Value{}
}

// Has reports whether object v has the member name, whatever its value.
func (v Value) Has(name string) bool { return v.Get(name).Exists() }

// Len is the number of elements of an array or members of an object; 0 for
// any other value.
func (v Value) Len() int {
	switch v.kind() {
	case tape.Array:
		return int(v.node().Len)
	case tape.Object:
		if !v.d.dirty {
			return int(v.node().Len)
		}
		// Counted here, not by ranging over Members: a Value passed to
		// that closure would escape, and with it whatever holds it.
		n := 0
		nodes := v.d.t.Nodes
		for k := v.i + 1; k < nodes[v.i].Next; k = nodes[k].Next {
			if nodes[k].Flags&(tape.Shadowed|tape.Absent) == 0 {
				n++
			}
		}
		return n
	}
	return 0
}

// Index returns element i of array v; absent when there is none. A large
// array gets an index of its elements on first use: to visit them all,
// range over Elements.
func (v Value) Index(i int) Value {
	if v.kind() != tape.Array {
		return Value{}
	}
	n := v.node()
	if i < 0 || i >= int(n.Len) {
		return Value{}
	}
	if n.Len <= smallObject {
		e, _ := v.d.t.Element(v.i, i)
		return Value{v.d, e}
	}
	elems, ok := v.d.elements[v.i]
	if !ok {
		elems = make([]int32, 0, n.Len)
		for e := v.i + 1; e < n.Next; e = v.d.t.Nodes[e].Next {
			elems = append(elems, e)
		}
		if v.d.elements == nil {
			v.d.elements = map[int32][]int32{}
		}
		v.d.elements[v.i] = elems
	}
	return Value{v.d, elems[i]}
}

// Elements yields the index and value of each element of array v.
func (v Value) Elements() iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if v.kind() != tape.Array {
			return
		}
		nodes := v.d.t.Nodes
		for i, e := 0, v.i+1; e < nodes[v.i].Next; i, e = i+1, nodes[e].Next {
			if !yield(i, Value{v.d, e}) {
				return
			}
		}
	}
}

// Members yields the name and value of each member of object v, in the
// order written; of repeated names only the last.
func (v Value) Members() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		if v.kind() != tape.Object {
			return
		}
		nodes := v.d.t.Nodes
		for k := v.i + 1; k < nodes[v.i].Next; k = nodes[k].Next {
			if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 {
				continue
			}
			if !yield(v.d.str(k), Value{v.d, k + 1}) {
				return
			}
		}
	}
}

// Kind names the value's JSON type as messages do: "an object", "a string",
// "null"; "absent" for the zero Value.
func (v Value) Kind() string {
	switch v.kind() {
	case tape.Object:
		return "an object"
	case tape.Array:
		return "an array"
	case tape.String:
		return "a string"
	case tape.Number:
		return "a number"
	case tape.True, tape.False:
		return "a boolean"
	case tape.Null:
		return "null"
	}
	return "absent"
}
