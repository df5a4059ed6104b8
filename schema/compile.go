package schema

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/brazelint/brazelint/internal/tape"
)

// The tape path asks the same few questions of every payload. compileNode
// answers the schema's side of them once, when the Checker is built: which
// kinds a type list admits, which strings an enum holds, and where in an
// object's member walk each declared, required or dependent name falls.

// Type bits: what a node's type list admits.
const (
	typeNull uint8 = 1 << iota
	typeBoolean
	typeString
	typeArray
	typeObject
	typeNumber
	typeInteger
)

var typeBits = map[string]uint8{"null": typeNull, "boolean": typeBoolean, "string": typeString,
	"array": typeArray, "object": typeObject, "number": typeNumber, "integer": typeInteger}

// kindBits is the type bit of each tape kind; a number is an integer only
// when its value says so.
var kindBits = [...]uint8{tape.Null: typeNull, tape.True: typeBoolean, tape.False: typeBoolean,
	tape.String: typeString, tape.Array: typeArray, tape.Object: typeObject, tape.Number: typeNumber}

// Check bits: which checks a node asks of a value; a node with none accepts
// every value.
const (
	checkNever   uint16 = 1 << iota // the false schema
	checkTypes                      // types
	checkEnum                       // enum
	checkConst                      // const
	checkApplied                    // $ref, allOf, not or if
	checkObject                     // a keyword about objects
	checkArray                      // minItems, maxItems or items
	checkString                     // minLength, maxLength, pattern or format
	checkNumber                     // minimum or maximum

	// Which of checkString's keywords a node has.
	checkLength  // minLength or maxLength
	checkPattern // pattern
	checkFormat  // format
)

// compiled is what compileNode derives from a node's keywords for the tape
// path. Its head, what a visit reads, fits one cache line: node puts it
// first, and nodes are allocated 64-byte aligned (their size class is a
// multiple of 64).
type compiled struct {
	checks   uint16
	typeMask uint8 // the types admitted, when types is not empty
	// accepts has bit 1<<kind for each tape kind whose every value the
	// node accepts without a look: no keyword of it can fail one. The tape
	// path reads it before it calls check at all.
	accepts uint8
	// The limits, as int32 (no tape holds more): -1 for none.
	lenMin, lenMax, itemsMin, itemsMax, propsMin, propsMax int32
	closed                                                 bool // additionalProperties: false
	// named says that props is there with names to look up and that there
	// are no propertyNames: validNamed's case.
	named bool

	// props locates the names an object's member walk looks for; nil when
	// they do not fit (the walk then asks the maps).
	props *propTable

	// The nodes applied to members and elements, $ref-only nodes passed.
	additionalPass, itemsPass *node
	// applies is what the node applies to the value itself; nil when
	// nothing (checkApplied).
	applies *applied

	// The rest is read when a check asks.

	// orderedTypes is orderedTypes(types), the Want of its type errors,
	// which share it (read only, as an enum error its Want).
	orderedTypes []string

	// enumStrings is the enum, when every member of it is a string: then
	// nothing but one of these strings is equal to a member.
	enumStrings []string
	// constString is the const, when it is a string.
	constString   string
	constIsString bool

	refPass *node // the node $ref applies, $ref-only nodes passed
}

// applied is what a node applies to the value itself.
type applied struct {
	// all is what $ref and allOf apply, unconditionally: the chains
	// through nodes that do nothing else flattened, nodes that accept
	// everything left out (compileApplied).
	all                   []*node
	not, ifN, then, elseN *node
}

// limit32 is a keyword's limit as compiled holds it.
func limit32(l int) int32 {
	if l < 0 {
		return -1
	}
	return int32(min(l, math.MaxInt32))
}

// compileNode fills n.compiled from n's keywords.
func compileNode(n *node) {
	c := &n.compiled
	for _, t := range n.types {
		c.typeMask |= typeBits[t] // an unknown type admits nothing
	}
	c.orderedTypes = orderedTypes(n.types)
	if n.enum != nil {
		strs := make([]string, 0, len(n.enum))
		for _, e := range n.enum {
			if s, ok := e.(string); ok {
				strs = append(strs, s)
			}
		}
		if len(strs) == len(n.enum) {
			c.enumStrings = strs
		}
	}
	if n.hasConst {
		c.constString, c.constIsString = n.constant.(string)
	}
	c.props = newPropTable(n)
	c.additionalPass, c.itemsPass, c.refPass = passRefs(n.additional), passRefs(n.items), passRefs(n.ref)
	c.lenMin, c.lenMax = limit32(n.minLength), limit32(n.maxLength)
	c.itemsMin, c.itemsMax = limit32(n.minItems), limit32(n.maxItems)
	c.propsMin, c.propsMax = limit32(n.minProps), limit32(n.maxProps)
	c.closed = n.noExtra
	set := func(bit uint16, on bool) {
		if on {
			c.checks |= bit
		}
	}
	set(checkNever, n.never)
	set(checkTypes, len(n.types) > 0)
	set(checkEnum, n.enum != nil)
	set(checkConst, n.hasConst)
	set(checkApplied, n.ref != nil || n.allOf != nil || n.not != nil || n.ifN != nil)
	set(checkObject, n.properties != nil || n.required != nil || n.dependent != nil || n.additional != nil ||
		n.noExtra || n.propNames != nil || n.minProps >= 0 || n.maxProps >= 0)
	set(checkArray, n.items != nil || n.minItems >= 0 || n.maxItems >= 0)
	set(checkString, n.minLength >= 0 || n.maxLength >= 0 || n.pattern != nil || n.format != nil)
	set(checkNumber, n.minimum != nil || n.maximum != nil)
	set(checkLength, n.minLength >= 0 || n.maxLength >= 0)
	set(checkPattern, n.pattern != nil)
	set(checkFormat, n.format != nil)
	c.named = c.props != nil && len(c.props.entries) > 0 && n.propNames == nil
	c.accepts = acceptedKinds(n)
}

// kindChecks is the check bit of the keywords about each tape kind.
var kindChecks = [...]uint16{tape.Object: checkObject, tape.Array: checkArray, tape.String: checkString,
	tape.Number: checkNumber}

// acceptedKinds is n.accepts, from n.checks and n.typeMask: a kind is
// accepted outright when n has no check but its types and those about the
// kind, its types admit every value of the kind (an integer type does not
// admit every number) and it has no check about the kind.
func acceptedKinds(n *node) uint8 {
	c := &n.compiled
	if c.checks&^(checkTypes|checkObject|checkArray|checkString|checkNumber) != 0 {
		return 0
	}
	var acc uint8
	for k := tape.Object; k <= tape.Null; k++ {
		if c.checks&checkTypes != 0 && c.typeMask&kindBits[k] == 0 {
			continue
		}
		if int(k) < len(kindChecks) && c.checks&kindChecks[k] != 0 {
			continue
		}
		acc |= 1 << k
	}
	return acc
}

// compileApplied fills n.applies, once compileNode has compiled every node:
// it reads their checks.
func compileApplied(n *node) {
	if n.checks&checkApplied == 0 {
		return
	}
	var out []*node
	var add func(m *node, depth int) bool
	add = func(m *node, depth int) bool {
		m = passRefs(m)
		switch {
		case m == nil || m.checks == 0:
			return true
		case depth > 16:
			return false
		case m.checks == checkApplied && m.not == nil && m.ifN == nil:
			// Nothing but $ref and allOf: apply what they apply.
			if !add(m.ref, depth+1) {
				return false
			}
			for _, s := range m.allOf {
				if !add(s, depth+1) {
					return false
				}
			}
			return true
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
		return true
	}
	ok := add(n.ref, 0)
	for _, s := range n.allOf {
		ok = ok && add(s, 0)
	}
	if !ok { // too deep, or a cycle: apply them as they are
		out = nil
		if n.refPass != nil {
			out = append(out, n.refPass)
		}
		out = append(out, n.allOf...)
	}
	n.applies = &applied{all: out, not: n.not, ifN: n.ifN, then: n.then, elseN: n.elseN}
}

// propTable is a perfect hash of the member names an object schema names
// (properties, required, dependentRequired), each with a bit, so that one
// walk over the members finds each one's schema and notes which names are
// there.
type propTable struct {
	seed  uint64
	shift uint8
	// slots are the entries where the names hash, one load from the hash
	// to the comparison; a slot no name hashes to has length -1.
	slots    []propEntry
	entries  []propEntry // by bit
	required uint64      // the bits of the required names
	depends  []dependBits
	// names and schemas are the entries' names and the declared schemas
	// themselves, whose locations errors name (nil: not declared).
	names   []string
	schemas []*node
}

// propEntry is what a lookup reads of a name: 32 bytes, two a cache line.
type propEntry struct {
	// head and tail are nameWords(name): a name is compared as these words,
	// and then its middle bytes when it is longer than 16.
	head, tail uint64
	node       *node // the declared schema, $ref-only nodes passed; nil: not declared
	length     int32
	bit        int8 // the entry's index in entries
	declared   bool
}

// dependBits is one dependentRequired member: when the name with bit prop is
// there, every name in needs must be.
type dependBits struct{ prop, needs uint64 }

// maxPropSeeds bounds the search for a seed that hashes the names apart.
const maxPropSeeds = 4096

func newPropTable(n *node) *propTable {
	var names []string
	for name := range n.properties {
		names = append(names, name)
	}
	names = append(names, n.required...)
	for prop, needs := range n.dependent {
		names = append(names, prop)
		names = append(names, needs...)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) > 64 {
		return nil
	}
	p := &propTable{entries: make([]propEntry, len(names)), names: names, schemas: make([]*node, len(names))}
	for k, name := range names {
		s, declared := n.properties[name]
		p.schemas[k] = s
		p.entries[k] = propEntry{node: passRefs(s), length: int32(len(name)), bit: int8(k), declared: declared}
		p.entries[k].head, p.entries[k].tail = nameWords(stringBytes(name))
	}
	index := func(name string) uint64 {
		k, _ := slices.BinarySearch(names, name)
		return 1 << k
	}
	for _, r := range n.required {
		p.required |= index(r)
	}
	props := make([]string, 0, len(n.dependent))
	for prop := range n.dependent {
		props = append(props, prop)
	}
	slices.Sort(props)
	for _, prop := range props {
		d := dependBits{prop: index(prop)}
		for _, r := range n.dependent[prop] {
			d.needs |= index(r)
		}
		p.depends = append(p.depends, d)
	}
	if !p.findSeed(names) {
		return nil
	}
	return p
}

// findSeed looks for a seed and table size that give every name a slot of
// its own. Names that agree in length and in their first and last 8 bytes
// never part: then there is none.
func (p *propTable) findSeed(names []string) bool {
	lg := bits.Len(uint(len(names)))
	seed := uint64(0x9E3779B97F4A7C15)
	for b := lg; b <= lg+2 && b <= 8; b++ {
		taken := make([]bool, 1<<b) // the search's slots: the entries are copied in once
		p.shift = uint8(64 - b)
	seeds:
		for range maxPropSeeds {
			seed = seed*6364136223846793005 + 1442695040888963407
			p.seed = seed | 1
			clear(taken)
			for k := range names {
				e := &p.entries[k]
				h := p.hash(e.head, e.tail, int(e.length))
				if taken[h] {
					continue seeds
				}
				taken[h] = true
			}
			p.slots = make([]propEntry, 1<<b)
			for i := range p.slots {
				p.slots[i].length = -1
			}
			for _, e := range p.entries {
				p.slots[p.hash(e.head, e.tail, int(e.length))] = e
			}
			return true
		}
	}
	return false
}

// hash is the slot of the name of length l whose nameWords are head and
// tail.
func (p *propTable) hash(head, tail uint64, l int) uint32 {
	return uint32(((head ^ bits.RotateLeft64(tail, 31) ^ uint64(l)) * p.seed) >> p.shift)
}

// lookup returns the index of the entry named name; -1 when none is. When
// name's capacity reaches 8 bytes or more, its first word is read at once.
func (p *propTable) lookup(name []byte) int {
	head, tail := nameWords(name)
	return p.find(name, head, tail)
}

// find is lookup once name's words are read; validNamed does it inline.
func (p *propTable) find(name []byte, head, tail uint64) int {
	if e := &p.slots[p.hash(head, tail, len(name))]; e.head == head && e.tail == tail &&
		int(e.length) == len(name) && (len(name) <= 16 || p.middleIs(e.bit, name)) {
		return int(e.bit)
	}
	return -1
}

// middleIs reports whether the bytes of name between its first and last 8
// are those of entry k's, which is as long.
func (p *propTable) middleIs(k int8, name []byte) bool {
	return string(name[8:len(name)-8]) == p.names[k][8:len(name)-8]
}

// lookupString is lookup for a name held as a string.
func (p *propTable) lookupString(name string) int { return p.lookup(stringBytes(name)) }

// nameWords returns the first 8 bytes of name as a little-endian word,
// zeros past its end, and its last 8 when it is longer than 8 (else 0). A
// name read in the payload has the rest of the payload after it, within
// its capacity: then a short name's word is one load, masked.
func nameWords(name []byte) (head, tail uint64) {
	l := len(name)
	switch {
	case l > 8:
		return binary.LittleEndian.Uint64(name), binary.LittleEndian.Uint64(name[l-8:])
	case cap(name) >= 8:
		return binary.LittleEndian.Uint64(name[:8]) & (^uint64(0) >> (64 - 8*l)), 0 // l == 0: >> 64 is 0
	}
	for i := l - 1; i >= 0; i-- {
		head = head<<8 | uint64(name[i])
	}
	return head, 0
}

// stringBytes views s as bytes, for reading only.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// declared returns the schema n declares for the member named name, as
// n.properties holds it.
// declaredName is declared, and also returns the declared name as the
// schema holds it, a string no payload holds; "" when it cannot say.
func (n *node) declaredName(name string) (*node, string, bool) {
	if p := n.props; p != nil && len(p.entries) > 0 {
		if k := p.lookupString(name); k >= 0 && p.entries[k].declared {
			return p.schemas[k], p.names[k], true
		}
		return nil, "", false
	}
	s, ok := n.declared(name)
	return s, "", ok
}

func (n *node) declared(name string) (*node, bool) {
	p := n.props
	if p == nil {
		s, ok := n.properties[name]
		return s, ok
	}
	if len(p.entries) > 0 {
		if k := p.lookupString(name); k >= 0 && p.entries[k].declared {
			return p.schemas[k], true
		}
	}
	return nil, false
}

// passRefs returns the node that validates as n does: n, or the node its
// $ref leads to when $ref is all n says (annotations aside).
func passRefs(n *node) *node {
	m := n
	for hops := 0; m != nil && m.ref != nil && m.onlyRef(); hops++ {
		if hops == 64 { // a cycle of nothing but $ref: leave it to valid
			return n
		}
		m = m.ref
	}
	return m
}

// onlyRef reports whether $ref is n's only keyword that affects validity.
func (n *node) onlyRef() bool {
	return !n.never && n.types == nil && n.enum == nil && !n.hasConst && n.required == nil &&
		n.properties == nil && n.additional == nil && !n.noExtra && n.items == nil && n.propNames == nil &&
		n.dependent == nil && n.minItems < 0 && n.maxItems < 0 && n.minLength < 0 && n.maxLength < 0 &&
		n.minProps < 0 && n.maxProps < 0 && n.minimum == nil && n.maximum == nil && n.format == nil &&
		n.pattern == nil && n.allOf == nil && n.not == nil && n.ifN == nil && n.then == nil && n.elseN == nil
}
