package schema

import (
	"bytes"
	"encoding/json"
	"slices"
	"sync"
	"unsafe"

	"github.com/brazelint/brazelint/internal/jsonnum"
	"github.com/brazelint/brazelint/internal/runes"
	"github.com/brazelint/brazelint/internal/tape"
)

// ValidTape reports whether the payload scanned into t (its root, node 0) is
// valid against the root schema file, as Valid reports it for the payload
// decoded with the last of repeated members kept. It reads the tape where it
// is and allocates nothing while it checks a valid payload.
//
// When in doubt it says false, and the caller asks the slow path: a payload
// that repeats a member name is never valid here, nor one where it reads a
// member name flagged Absent. (Where it reads no names, in a value its
// schema accepts whatever members it has, a member's absence changes
// nothing: there the flag does not matter.)
func (c *Checker) ValidTape(file string, t *tape.Tape) bool {
	n, ok := c.root(file)
	if !ok || len(t.Nodes) == 0 || len(t.Dups) > 0 {
		return false
	}
	v := tapeValidator{t: t, doubtAbsent: true}
	ok = v.valid(n, 0) && !v.doubt
	if v.scratch != nil && cap(*v.scratch) <= 64<<10 { // let a huge one go with its payload
		scratchPool.Put(v.scratch)
	}
	return ok
}

// scratchPool holds the buffers escaped strings are decoded into when a
// keyword needs their text: the checker is shared, so they cannot be its own.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}

// tapeValidator is one ValidTape call.
type tapeValidator struct {
	t       *tape.Tape
	scratch *[]byte // from scratchPool, on the first escaped string read

	// skips is set when some member names are not to be read: Shadowed by
	// a later repeat, or in absent (null members read as absent, one bit
	// per node). ValidTape reads every name; ValidateTape skips.
	skips  bool
	absent []uint64

	// doubtAbsent is set when a name flagged Absent is a doubt, not to be
	// read either way (ValidTape); doubt, when such a name was read: then
	// no verdict holds, whatever the walk returned (under not or if, a
	// false is no safer than a true).
	doubtAbsent, doubt bool
}

// doubted reports whether the member named at node name is flagged Absent
// while that is a doubt, and notes the doubt.
func (v *tapeValidator) doubted(name int32) bool {
	if v.doubtAbsent && v.t.Nodes[name].Flags&tape.Absent != 0 {
		v.doubt = true
		return true
	}
	return false
}

// skipped reports whether the member named at node name is not read.
func (v *tapeValidator) skipped(name int32) bool {
	return v.t.Nodes[name].Flags&tape.Shadowed != 0 || v.absent != nil && v.absent[name>>6]&(1<<(name&63)) != 0
}

// members is the number of members of the object at node obj that are read.
func (v *tapeValidator) members(obj int32) int {
	nodes := v.t.Nodes
	if !v.skips {
		return int(nodes[obj].Len)
	}
	l := 0
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		if !v.skipped(name) {
			l++
		}
	}
	return l
}

// str returns the text of the string or name at node i, valid until the next
// call: its raw bytes when it has no escapes, else decoded into the scratch.
func (v *tapeValidator) str(i int32) string {
	if v.t.Nodes[i].Flags&tape.Escaped == 0 {
		return bytesString(v.t.Raw(i))
	}
	if v.scratch == nil {
		v.scratch = scratchPool.Get().(*[]byte)
	}
	*v.scratch = v.t.AppendText((*v.scratch)[:0], i)
	return bytesString(*v.scratch)
}

// bytesString views b as a string without copying, for read-only use while
// b stays unchanged.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// raw is the literal of a number (or any non-string value) at node i.
func (v *tapeValidator) raw(i int32) string { return bytesString(v.t.Raw(i)) }

// valid mirrors node.valid for the value at node i, asking what compileNode
// derived from n's keywords.
func (v *tapeValidator) valid(n *node, i int32) bool {
	nd := &v.t.Nodes[i]
	if n == nil || n.accepts&(1<<nd.Kind) != 0 {
		return true
	}
	return v.check(n, i)
}

// check is valid for a node that does not accept the value outright.
func (v *tapeValidator) check(n *node, i int32) bool {
	if n.checks&checkNever != 0 {
		return false
	}
	nd := &v.t.Nodes[i]
	if n.checks&checkTypes != 0 && (int(nd.Kind) >= len(kindBits) || n.typeMask&kindBits[nd.Kind] == 0) && !v.hasTypeIn(n.typeMask, i) {
		return false
	}
	if n.checks&checkEnum != 0 && !v.inEnum(n, i) {
		return false
	}
	if n.checks&checkConst != 0 && !v.isConst(n, i) {
		return false
	}
	if n.checks&checkApplied != 0 && !v.validApplied(n, i) {
		return false
	}
	switch nd.Kind {
	case tape.Object:
		if n.checks&checkObject == 0 {
			return true
		}
		switch {
		case n.named && !v.skips:
			return v.validNamed(n, i)
		case n.props != nil:
			return v.validMembers(n, i)
		}
		return v.validObject(n, i)
	case tape.Array:
		if n.checks&checkArray == 0 {
			return true
		}
		l := int(nd.Len)
		if n.itemsMin >= 0 && l < int(n.itemsMin) || n.itemsMax >= 0 && l > int(n.itemsMax) {
			return false
		}
		if items := n.itemsPass; items != nil && items.checks != 0 {
			nodes := v.t.Nodes
			for e := i + 1; e < nd.Next; e = nodes[e].Next {
				if items.accepts&(1<<nodes[e].Kind) == 0 && !v.check(items, e) {
					return false
				}
			}
		}
	case tape.String:
		if n.checks&checkString == 0 {
			return true
		}
		if n.checks&checkLength != 0 {
			if nd.Flags&(tape.Escaped|tape.NonASCII) == 0 { // a byte a character
				if l := nd.End - nd.Start - 2; l < n.lenMin || n.lenMax >= 0 && l > n.lenMax {
					return false
				}
			} else if !v.validLength(n, i) {
				return false
			}
		}
		if n.checks&checkPattern != 0 && !n.pattern.MatchString(v.str(i)) {
			return false
		}
		if n.checks&checkFormat != 0 && n.format(v.str(i)) != nil {
			return false
		}
	case tape.Number:
		if n.checks&checkNumber != 0 {
			d, ok := jsonnum.Parse(v.raw(i))
			if !ok || n.minimum != nil && d.Cmp(n.minDec) < 0 || n.maximum != nil && d.Cmp(n.maxDec) > 0 {
				return false
			}
		}
	}
	return true
}

// validApplied reports whether the value at node i is valid against the
// nodes n applies to it: its $ref, allOf, not and if/then/else.
func (v *tapeValidator) validApplied(n *node, i int32) bool {
	a := n.applies
	for _, s := range a.all {
		if !v.valid(s, i) {
			return false
		}
	}
	if a.not != nil && v.valid(a.not, i) {
		return false
	}
	if a.ifN != nil {
		if v.valid(a.ifN, i) {
			return v.valid(a.then, i)
		}
		return v.valid(a.elseN, i)
	}
	return true
}

// inEnum reports whether the value at node i is equal to a member of n's
// enum.
func (v *tapeValidator) inEnum(n *node, i int32) bool {
	if n.enumStrings != nil {
		return v.t.Nodes[i].Kind == tape.String && slices.Contains(n.enumStrings, v.str(i))
	}
	return slices.ContainsFunc(n.enum, func(e any) bool { return v.equal(i, e) })
}

// isConst reports whether the value at node i is equal to n's const.
func (v *tapeValidator) isConst(n *node, i int32) bool {
	if n.constIsString {
		return v.t.Nodes[i].Kind == tape.String && v.str(i) == n.constString
	}
	return v.equal(i, n.constant)
}

// hasTypeIn reports whether the value at node i has one of the types in
// mask.
func (v *tapeValidator) hasTypeIn(mask uint8, i int32) bool {
	k := v.t.Nodes[i].Kind
	if int(k) < len(kindBits) && mask&kindBits[k] != 0 {
		return true
	}
	return k == tape.Number && mask&typeInteger != 0 && isInteger(v.raw(i))
}

// validLength checks minLength and maxLength of the string at node i,
// counting its characters only when its byte length leaves them in doubt:
// a character is 1 to 4 bytes, or an escape of 2 to 12.
func (v *tapeValidator) validLength(n *node, i int32) bool {
	most := int(v.t.Nodes[i].End-v.t.Nodes[i].Start) - 2
	least := (most + 3) / 4
	switch flags := v.t.Nodes[i].Flags; {
	case flags&tape.Escaped != 0:
		least = (most + 11) / 12
	case flags&tape.NonASCII == 0:
		least = most // a byte a character
	}
	lo, hi := int(n.lenMin), int(n.lenMax)
	if (lo < 0 || least >= lo) && (hi < 0 || most <= hi) {
		return true
	}
	l := v.runeCount(i)
	return (lo < 0 || l >= lo) && (hi < 0 || l <= hi)
}

// runeCount is the length in characters of the string at node i, its
// escapes decoded: each escape is one character (a surrogate pair, which
// is two escapes, one).
func (v *tapeValidator) runeCount(i int32) int {
	raw := v.t.Raw(i)
	if v.t.Nodes[i].Flags&tape.Escaped == 0 {
		return runes.Count(raw)
	}
	n := 0
	for len(raw) > 0 {
		j := bytes.IndexByte(raw, '\\')
		if j < 0 {
			return n + runes.Count(raw)
		}
		n += runes.Count(raw[:j]) + 1
		raw = raw[j:]
		switch {
		case raw[1] != 'u':
			raw = raw[2:]
		case isHighSurrogate(raw[2:]):
			raw = raw[12:] // and its low half, which the tape has checked
		default:
			raw = raw[6:]
		}
	}
	return n
}

func isHighSurrogate(hex []byte) bool {
	r, _ := tape.Hex4(hex)
	return 0xD800 <= r && r <= 0xDBFF
}

// validObject mirrors node.validObject for the object at node obj, reading
// only the members that are not skipped.
func (v *tapeValidator) validObject(n *node, obj int32) bool {
	nodes := v.t.Nodes
	if n.minProps >= 0 || n.maxProps >= 0 {
		l := v.members(obj)
		if n.minProps >= 0 && l < n.minProps || n.maxProps >= 0 && l > n.maxProps {
			return false
		}
	}
	for _, r := range n.required {
		if !v.has(obj, r) {
			return false
		}
	}
	for prop, needs := range n.dependent {
		if v.has(obj, prop) {
			for _, r := range needs {
				if !v.has(obj, r) {
					return false
				}
			}
		}
	}
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		if v.skips && v.skipped(name) {
			continue
		}
		if v.doubted(name) || n.propNames != nil && !v.valid(n.propNames, name) {
			return false
		}
		if s, declared := n.properties[v.str(name)]; declared {
			if !v.valid(s, name+1) {
				return false
			}
			continue
		}
		if n.noExtra || n.additional != nil && !v.valid(n.additional, name+1) {
			return false
		}
	}
	return true
}

// validMembers is validObject in one walk over the members, with n.props:
// each member's name is looked up once, and the names there are noted as
// bits for required and dependentRequired.
func (v *tapeValidator) validMembers(n *node, obj int32) bool {
	nodes := v.t.Nodes
	p := n.props
	var there uint64
	count := 0
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		if v.skips && v.skipped(name) {
			continue
		}
		count++
		if v.doubted(name) || n.propNames != nil && !v.valid(n.propNames, name) {
			return false
		}
		if len(p.entries) == 0 {
			// Nothing to look up.
		} else if k := p.lookupString(v.str(name)); k >= 0 {
			there |= 1 << k
			if e := &p.entries[k]; e.declared {
				if !v.valid(e.node, name+1) {
					return false
				}
				continue
			}
		}
		if n.closed || n.additionalPass != nil && !v.valid(n.additionalPass, name+1) {
			return false
		}
	}
	return n.membersFit(count, there)
}

// validNamed is validMembers for the common case (n.named, and every
// member is read). It looks each name up by its raw bytes unless it has
// escapes.
func (v *tapeValidator) validNamed(n *node, obj int32) bool {
	nodes := v.t.Nodes
	src := v.t.Src()
	src = src[:len(src):len(src)] // a name's word is read within the payload only
	p := n.props
	var there uint64
	end := nodes[obj].Next
	for name := obj + 1; name < end; name = nodes[name].Next {
		nd := &nodes[name]
		var e *propEntry // the name's entry; nil: none
		if nd.Flags&(tape.Escaped|tape.Absent) == 0 {
			// p.lookup, inlined by hand: the compiler finds it too costly.
			b := src[nd.Start+1 : nd.End-1]
			head, tail := nameWords(b)
			if s := &p.slots[p.hash(head, tail, len(b))]; s.head == head && s.tail == tail &&
				int(s.length) == len(b) && (len(b) <= 16 || p.middleIs(s.bit, b)) {
				e = s
			}
		} else if v.doubted(name) {
			return false
		} else if k := p.lookupString(v.str(name)); k >= 0 {
			e = &p.entries[k]
		}
		if e != nil {
			there |= 1 << e.bit
			if e.declared {
				if s := e.node; s.accepts&(1<<nodes[name+1].Kind) == 0 && !v.check(s, name+1) {
					return false
				}
				continue
			}
		}
		if n.closed || n.additionalPass != nil && !v.valid(n.additionalPass, name+1) {
			return false
		}
	}
	return n.membersFit(int(nodes[obj].Len), there)
}

// membersFit checks the member count of an object against n's
// minProperties and maxProperties, and the names there (bits of n.props)
// against its required and dependentRequired.
func (n *node) membersFit(count int, there uint64) bool {
	p := n.props
	if n.propsMin >= 0 && count < int(n.propsMin) || n.propsMax >= 0 && count > int(n.propsMax) {
		return false
	}
	if there&p.required != p.required {
		return false
	}
	for _, d := range p.depends {
		if there&d.prop != 0 && there&d.needs != d.needs {
			return false
		}
	}
	return true
}

// has reports whether the object at node obj has a member named name.
func (v *tapeValidator) has(obj int32, name string) bool {
	nodes := v.t.Nodes
	for k := obj + 1; k < nodes[obj].Next; k = nodes[k].Next {
		if v.str(k) == name && !(v.skips && v.skipped(k)) {
			return !v.doubted(k)
		}
	}
	return false
}

// equal mirrors equal for the value at node i and a decoded schema value:
// numbers by value, objects and arrays member by member.
func (v *tapeValidator) equal(i int32, e any) bool {
	nd := &v.t.Nodes[i]
	switch nd.Kind {
	case tape.Null:
		return e == nil
	case tape.True:
		return e == true
	case tape.False:
		return e == false
	case tape.String:
		s, ok := e.(string)
		return ok && v.str(i) == s
	case tape.Number:
		b, ok := e.(json.Number)
		if !ok {
			return false
		}
		a := v.raw(i)
		if a == string(b) {
			return true
		}
		x, ok1 := jsonnum.Parse(a)
		y, ok2 := jsonnum.Parse(string(b))
		return ok1 && ok2 && x == y
	case tape.Array:
		b, ok := e.([]any)
		if !ok || len(b) != int(nd.Len) {
			return false
		}
		k := 0
		for el := i + 1; el < nd.Next; el = v.t.Nodes[el].Next {
			if !v.equal(el, b[k]) {
				return false
			}
			k++
		}
		return true
	case tape.Object:
		b, ok := e.(map[string]any)
		if !ok || len(b) != v.members(i) {
			return false
		}
		for name := i + 1; name < nd.Next; name = v.t.Nodes[name].Next {
			if v.skips && v.skipped(name) {
				continue
			}
			if v.doubted(name) {
				return false
			}
			bv, ok := b[v.str(name)]
			if !ok || !v.equal(name+1, bv) {
				return false
			}
		}
		return true
	}
	return false
}
