package schema

import (
	"encoding/binary"
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
)

// compiled is what compileNode derives from a node's keywords for the tape
// path.
type compiled struct {
	checks   uint16
	typeMask uint8 // the types admitted, when types is not empty
	// orderedTypes is orderedTypes(types), the Want of its type errors,
	// which share it (read only, as an enum error its Want).
	orderedTypes []string

	// enumStrings is the enum, when every member of it is a string: then
	// nothing but one of these strings is equal to a member.
	enumStrings []string
	// constString is the const, when it is a string.
	constString   string
	constIsString bool

	// props locates the names an object's member walk looks for; nil when
	// they do not fit (the walk then asks the maps).
	props *propTable

	// The nodes applied to members, elements and the value itself, $ref-only
	// nodes passed.
	additionalPass, itemsPass, refPass *node
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
}

// propTable is a perfect hash of the member names an object schema names
// (properties, required, dependentRequired), each with a bit, so that one
// walk over the members finds each one's schema and notes which names are
// there.
type propTable struct {
	seed     uint32
	shift    uint8
	slots    []int8 // index into entries; -1: none
	entries  []propEntry
	required uint64 // the bits of the required names
	depends  []dependBits
}

type propEntry struct {
	name string
	// head and tail are the first and last 8 bytes of a name of 8 or more,
	// compared as words before the rest.
	head, tail uint64
	node       *node // the declared schema, $ref-only nodes passed; nil: not declared
	schema     *node // the declared schema itself, whose location errors name
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
	p := &propTable{entries: make([]propEntry, len(names))}
	for k, name := range names {
		s, declared := n.properties[name]
		p.entries[k] = propEntry{name: name, node: passRefs(s), schema: s, declared: declared}
		if len(name) >= 8 {
			p.entries[k].head, p.entries[k].tail = words(name)
		}
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
// its own. Names that agree in length and in their first, middle and last
// bytes never part: then there is none.
func (p *propTable) findSeed(names []string) bool {
	lg := bits.Len(uint(len(names)))
	seed := uint32(0x9E3779B9)
	for b := lg; b <= lg+2 && b <= 8; b++ {
		p.slots = make([]int8, 1<<b)
		p.shift = uint8(32 - b)
	seeds:
		for range maxPropSeeds {
			seed = seed*1664525 + 1013904223
			p.seed = seed | 1
			for i := range p.slots {
				p.slots[i] = -1
			}
			for k, name := range names {
				h := p.hash(name)
				if p.slots[h] >= 0 {
					continue seeds
				}
				p.slots[h] = int8(k)
			}
			return true
		}
	}
	return false
}

func (p *propTable) hash(s string) uint32 {
	var x uint32
	if l := len(s); l > 0 {
		x = uint32(l) | uint32(s[0])<<8 | uint32(s[l/2])<<16 | uint32(s[l-1])<<24
	}
	return (x * p.seed) >> p.shift
}

// lookup returns the index of the entry named s; -1 when none is.
func (p *propTable) lookup(s string) int {
	k := int(p.slots[p.hash(s)])
	if k >= 0 && p.entries[k].is(s) {
		return k
	}
	return -1
}

// is reports whether the entry is named s, without a call for the short
// names most are.
func (e *propEntry) is(s string) bool {
	if len(s) != len(e.name) {
		return false
	}
	if len(s) < 8 {
		for i := range len(s) {
			if s[i] != e.name[i] {
				return false
			}
		}
		return true
	}
	head, tail := words(s)
	return head == e.head && tail == e.tail && (len(s) <= 16 || s[8:len(s)-8] == e.name[8:len(s)-8])
}

// words returns the first and last 8 bytes of s, which has 8 or more.
func words(s string) (head, tail uint64) {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[len(b)-8:])
}

// declared returns the schema n declares for the member named name, as
// n.properties holds it.
// declaredName is declared, and also returns the declared name as the
// schema holds it, a string no payload holds; "" when it cannot say.
func (n *node) declaredName(name string) (*node, string, bool) {
	if p := n.props; p != nil && len(p.entries) > 0 {
		if k := p.lookup(name); k >= 0 && p.entries[k].declared {
			return p.entries[k].schema, p.entries[k].name, true
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
		if k := p.lookup(name); k >= 0 && p.entries[k].declared {
			return p.entries[k].schema, true
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
