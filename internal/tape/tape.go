// Package tape is a strict JSON scanner that records where every value is.
//
// One pass over the bytes checks what RFC 8259 and brazelint's strict pass
// demand (syntax, UTF-8, escapes and surrogate pairs, numbers, nesting depth)
// and fills a flat tape: one Node per value and per member name, in document
// order, each with its byte span, its parent and the index of its next
// sibling. Duplicate member names are found in the same pass and listed.
//
// A Tape is reused from payload to payload: scanning a payload whose tape
// fits the capacity already grown allocates nothing. The scanner only says
// whether and where the bytes fail; the caller words the error (validate
// asks jsontext, which the fuzz target holds the scanner to).
package tape

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// Kind is the JSON type of a node.
type Kind uint8

const (
	Invalid Kind = iota
	Object
	Array
	String
	Number
	True
	False
	Null
)

// Node flags.
const (
	// Escaped marks a string or name that holds a backslash escape: its
	// text is not its raw bytes.
	Escaped uint8 = 1 << iota
	// Name marks a member name; the member's value is the next node.
	Name
	// Shadowed marks a member name that its object repeats later: a
	// decoded map keeps the last of the repeated members. The scanner
	// leaves it to MarkShadowed.
	Shadowed
	// Absent marks a member name whose member readers are to take as not
	// there (validate marks the null members Braze reads as absent).
	Absent
)

// Node is one value or member name.
type Node struct {
	// Start and End are the node's half-open byte span in the source,
	// quotes and brackets included.
	Start, End int32
	// Next is the index of the node after this one's subtree: the next
	// member's name or the next element, or the container's end. A name's
	// Next is its member's: past the value.
	Next int32
	// Parent is the index of the enclosing object or array; -1 for the root.
	Parent int32
	// Len is the number of members or elements of an object or array.
	Len   int32
	Kind  Kind
	Flags uint8
}

// Dup is a member name that its object already had.
type Dup struct {
	Name  int32 // the repeated name's node
	First int32 // the name's first occurrence in the same object
}

// Tape is a scanned payload. Nodes[0] is the root value.
type Tape struct {
	Nodes []Node
	// Dups lists the repeated member names, in document order.
	Dups []Dup
	src  []byte

	seen map[string]int32 // names of a large object, for duplicates
}

// Error is where and why the bytes fail.
type Error struct {
	Offset int
	Reason Reason
}

// Reason says which check failed.
type Reason uint8

const (
	Syntax   Reason = iota + 1 // not JSON (the caller asks jsontext what exactly)
	TooDeep                    // nesting deeper than the limit
	TooLarge                   // longer than the tape can address
	Trailing                   // a complete value followed by more than white space
	Empty                      // nothing but white space
)

func (e *Error) Error() string {
	switch e.Reason {
	case TooDeep:
		return "tape: nested too deep"
	case TooLarge:
		return "tape: input too large"
	case Trailing:
		return "tape: data after the value"
	case Empty:
		return "tape: no value"
	}
	return "tape: invalid JSON"
}

// Src is the source the tape was scanned from.
func (t *Tape) Src() []byte { return t.src }

// Forget drops the tape's reference to its source, keeping its memory for
// the next Scan: a tape kept for reuse does not keep the last payload.
func (t *Tape) Forget() { t.src = nil }

// Scan reads the one JSON value in src[off:], which may be surrounded by white
// space, into t, replacing what t held. Containers nested more than maxDepth
// deep fail with TooDeep. On failure the Error tells where the first problem
// is, and t holds part of the tape; after a Trailing error it holds the whole
// of the first value.
func (t *Tape) Scan(src []byte, off, maxDepth int) *Error {
	t.Nodes, t.Dups, t.src = t.Nodes[:0], t.Dups[:0], src
	if len(src) >= math.MaxInt32 {
		return &Error{0, TooLarge}
	}
	if len(src) > presizeFrom && cap(t.Nodes) < len(src)/64 {
		// A large payload: size the tape once rather than grow it a
		// quarter at a time. Every node but the root follows a comma, a
		// colon or an opening bracket.
		n := 1
		for _, c := range []byte(",:[{") {
			n += bytes.Count(src[off:], []byte{c})
		}
		t.Nodes = make([]Node, 0, min(n, len(src)/2+1)) // commas in strings count too

	}
	s := scanner{t: t, nodes: t.Nodes, src: src, pos: skipWhite(src, off), maxDepth: maxDepth}
	if s.pos == len(src) {
		return &Error{s.pos, Empty}
	}
	err := s.value(-1, 0)
	t.Nodes = s.nodes
	if err != nil {
		return err
	}
	if len(t.Dups) > 1 { // an inner object's are found before its outer one's
		slices.SortFunc(t.Dups, func(a, b Dup) int { return cmp.Compare(a.Name, b.Name) })
	}
	if s.pos = skipWhite(src, s.pos); s.pos < len(src) {
		return &Error{s.pos, Trailing}
	}
	return nil
}

// scanner reads one payload. It grows its own copy of the tape's nodes,
// which Scan hands back to the tape when it is done.
type scanner struct {
	t        *Tape
	nodes    []Node
	src      []byte
	pos      int
	maxDepth int
}

func (s *scanner) fail(r Reason) *Error { return &Error{s.pos, r} }

// add appends a node to the tape and returns it. The caller sets every
// field: a node written field by field in place costs less than a
// composite literal copied in, which stalls the store forwarding.
func (s *scanner) add() *Node {
	n := len(s.nodes)
	if n == cap(s.nodes) {
		s.nodes = slices.Grow(s.nodes, 1)
	}
	s.nodes = s.nodes[:n+1]
	return &s.nodes[n]
}

func (s *scanner) push(kind Kind, parent int32) int32 {
	i := int32(len(s.nodes))
	n := s.add()
	n.Start, n.End, n.Next, n.Parent, n.Len = int32(s.pos), 0, 0, parent, 0
	n.Kind, n.Flags = kind, 0
	return i
}

// leaf appends a finished node with no children, from s.pos to end.
func (s *scanner) leaf(kind Kind, parent int32, end int, flags uint8) {
	i := int32(len(s.nodes))
	n := s.add()
	n.Start, n.End, n.Next, n.Parent, n.Len = int32(s.pos), int32(end), i+1, parent, 0
	n.Kind, n.Flags = kind, flags
	s.pos = end
}

// failLeaf leaves the failed leaf's node on the tape, as far as it was read,
// and fails at p.
func (s *scanner) failLeaf(kind Kind, parent int32, p int) *Error {
	s.push(kind, parent)
	s.pos = p
	return s.fail(Syntax)
}

// value reads the value at s.pos, which is not white space.
func (s *scanner) value(parent int32, depth int) *Error {
	if s.pos >= len(s.src) {
		return s.fail(Syntax)
	}
	switch c := s.src[s.pos]; c {
	case '"':
		return s.str(parent, 0)
	case '{':
		return s.object(parent, depth+1)
	case '[':
		return s.array(parent, depth+1)
	case 't':
		return s.literal(parent, True, "true")
	case 'f':
		return s.literal(parent, False, "false")
	case 'n':
		return s.literal(parent, Null, "null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			return s.number(parent)
		}
		return s.fail(Syntax)
	}
}

func (s *scanner) end(i int32) {
	n := &s.nodes[i]
	n.End, n.Next = int32(s.pos), int32(len(s.nodes))
}

func (s *scanner) literal(parent int32, kind Kind, word string) *Error {
	if !bytes.HasPrefix(s.src[s.pos:], []byte(word)) {
		return s.fail(Syntax)
	}
	s.leaf(kind, parent, s.pos+len(word), 0)
	return nil
}

func (s *scanner) object(parent int32, depth int) *Error {
	if depth > s.maxDepth {
		return s.fail(TooDeep)
	}
	obj := s.push(Object, parent)
	s.pos = skipWhite(s.src, s.pos+1)
	n := int32(0)
	if s.pos < len(s.src) && s.src[s.pos] == '}' {
		s.pos++
		s.end(obj)
		return nil
	}
	// The first smallObject names are checked for duplicates as they
	// are read, each against the ones before it by a signature first.
	var names [smallObject]int32
	var sigs [smallObject]uint64
	escaped := false
	for {
		if s.pos >= len(s.src) || s.src[s.pos] != '"' {
			return s.fail(Syntax)
		}
		name := int32(len(s.nodes))
		if err := s.str(obj, Name); err != nil {
			return err
		}
		if n < smallObject {
			nd := &s.nodes[name]
			escaped = escaped || nd.Flags&Escaped != 0
			sig := nameSig(s.src, nd)
			for j, prev := range names[:n] {
				if (sigs[j] == sig || escaped) && s.sameName(prev, name) {
					s.t.Dups = append(s.t.Dups, Dup{name, prev})
					break
				}
			}
			names[n], sigs[n] = name, sig
		}
		if s.pos = skipWhite(s.src, s.pos); s.pos >= len(s.src) || s.src[s.pos] != ':' {
			return s.fail(Syntax)
		}
		s.pos = skipWhite(s.src, s.pos+1)
		if err := s.value(obj, depth); err != nil {
			return err
		}
		s.nodes[name].Next = int32(len(s.nodes))
		n++
		if s.pos = skipWhite(s.src, s.pos); s.pos >= len(s.src) {
			return s.fail(Syntax)
		}
		if s.src[s.pos] == '}' {
			s.pos++
			break
		}
		if s.src[s.pos] != ',' {
			return s.fail(Syntax)
		}
		s.pos = skipWhite(s.src, s.pos+1)
	}
	s.end(obj)
	s.nodes[obj].Len = n
	if n > smallObject {
		s.largeDuplicates(obj)
	}
	return nil
}

func (s *scanner) array(parent int32, depth int) *Error {
	if depth > s.maxDepth {
		return s.fail(TooDeep)
	}
	arr := s.push(Array, parent)
	s.pos = skipWhite(s.src, s.pos+1)
	n := int32(0)
	if s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
		s.end(arr)
		return nil
	}
	for {
		if err := s.value(arr, depth); err != nil {
			return err
		}
		n++
		if s.pos = skipWhite(s.src, s.pos); s.pos >= len(s.src) {
			return s.fail(Syntax)
		}
		if s.src[s.pos] == ']' {
			s.pos++
			break
		}
		if s.src[s.pos] != ',' {
			return s.fail(Syntax)
		}
		s.pos = skipWhite(s.src, s.pos+1)
	}
	s.end(arr)
	s.nodes[arr].Len = n
	return nil
}

// str reads the string at s.pos (its opening quote) as a value or a name.
func (s *scanner) str(parent int32, flags uint8) *Error {
	src := s.src
	p := s.pos + 1
	for {
		p = plainRun(src, p)
		if p >= len(src) {
			return s.failLeaf(String, parent, p)
		}
		switch c := src[p]; {
		case c == '"':
			s.leaf(String, parent, p+1, flags)
			return nil
		case c == '\\':
			flags |= Escaped
			n, ok := escape(src[p:])
			if !ok {
				return s.failLeaf(String, parent, p)
			}
			p += n
		case c < 0x20:
			return s.failLeaf(String, parent, p)
		default:
			r, n := utf8.DecodeRune(src[p:])
			if r == utf8.RuneError && n <= 1 {
				return s.failLeaf(String, parent, p)
			}
			p += n
		}
	}
}

// Masks for testing the eight bytes of a word at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainRun returns the position of the first byte from p on that a string
// body cannot take as it is: a quote, a backslash, a control byte or the
// start of a multi-byte rune; len(b) if there is none.
func plainRun(b []byte, p int) int {
	for p <= len(b)-8 {
		w := binary.LittleEndian.Uint64(b[p:])
		quote, slash := w^(ones*'"'), w^(ones*'\\')
		// A byte's high bit is set when the byte is a quote (its xor is
		// zero), a backslash, below 0x20 or at least 0x80. A borrow only
		// sets bits above a byte that is itself one of these, so the
		// lowest set bit is exact.
		m := ((quote-ones)&^quote | (slash-ones)&^slash | (w - ones*0x20) | w) & highs
		if m != 0 {
			return p + bits.TrailingZeros64(m)>>3
		}
		p += 8
	}
	for p < len(b) && plain[b[p]] {
		p++
	}
	return p
}

// plain holds the bytes a string body takes as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// escape returns the length of the valid escape sequence that b starts
// with: a surrogate pair counts as one sequence, and a lone surrogate is
// invalid.
func escape(b []byte) (int, bool) {
	if len(b) < 2 {
		return 0, false
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, true
	case 'u':
		r, ok := Hex4(b[2:])
		if !ok {
			return 0, false
		}
		switch {
		case 0xDC00 <= r && r <= 0xDFFF:
			return 0, false // a low surrogate first
		case 0xD800 <= r && r <= 0xDBFF:
			if len(b) < 12 || b[6] != '\\' || b[7] != 'u' {
				return 0, false
			}
			lo, ok := Hex4(b[8:])
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return 0, false
			}
			return 12, true
		}
		return 6, true
	}
	return 0, false
}

// Hex4 reads the four hex digits b starts with, as \u escapes spell them.
func Hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a number as RFC 8259 spells it: no leading zeros, plus signs,
// bare dots or hex.
func (s *scanner) number(parent int32) *Error {
	src, p := s.src, s.pos
	if src[p] == '-' {
		p++
	}
	switch {
	case p < len(src) && src[p] == '0':
		p++
	case p < len(src) && '1' <= src[p] && src[p] <= '9':
		p = digits(src, p)
	default:
		return s.failLeaf(Number, parent, p)
	}
	if p < len(src) && src[p] == '.' {
		if p++; p >= len(src) || src[p] < '0' || src[p] > '9' {
			return s.failLeaf(Number, parent, p)
		}
		p = digits(src, p)
	}
	if p < len(src) && (src[p] == 'e' || src[p] == 'E') {
		if p++; p < len(src) && (src[p] == '+' || src[p] == '-') {
			p++
		}
		if p >= len(src) || src[p] < '0' || src[p] > '9' {
			return s.failLeaf(Number, parent, p)
		}
		p = digits(src, p)
	}
	s.leaf(Number, parent, p, 0)
	return nil
}

func digits(b []byte, p int) int {
	for p < len(b) && '0' <= b[p] && b[p] <= '9' {
		p++
	}
	return p
}

// skipWhite returns the position of the first byte from p on that is not
// white space. Compact JSON has none, so that case is tried first.
func skipWhite(b []byte, p int) int {
	if p < len(b) && b[p] > ' ' {
		return p
	}
	return skipSpaces(b, p)
}

func skipSpaces(b []byte, p int) int {
	for p < len(b) && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t') {
		p++
	}
	return p
}

// presizeFrom is the payload size from which Scan counts the tape's nodes
// before growing it.
const presizeFrom = 64 << 10

// smallObject is the most members compared pairwise for duplicates; a larger
// object's names go through a map, so the check stays linear.
const smallObject = 12

// largeDuplicates lists the repeated names of the large object at obj, which
// has just been read, past its first smallObject names.
func (s *scanner) largeDuplicates(obj int32) {
	t, nodes := s.t, s.nodes
	if t.seen == nil {
		t.seen = make(map[string]int32, nodes[obj].Len)
	}
	clear(t.seen)
	var buf []byte
	k := 0
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		nd := &nodes[name]
		text := s.src[nd.Start+1 : nd.End-1]
		if nd.Flags&Escaped != 0 {
			buf = appendText(buf[:0], text)
			text = buf
		}
		if first, ok := t.seen[string(text)]; ok {
			if k >= smallObject { // the first ones' are listed already
				t.Dups = append(t.Dups, Dup{name, first})
			}
		} else {
			t.seen[string(text)] = name
		}
		k++
	}
	if nodes[obj].Len > 1024 {
		t.seen = nil // let a huge map go with its payload
	}
}

// nameSig is a signature of the name nd: names of the same raw bytes have
// the same one. It holds the length and the first eight bytes.
func nameSig(src []byte, nd *Node) uint64 {
	p, l := int(nd.Start)+1, int(nd.End-nd.Start)-2
	var w uint64
	if p <= len(src)-8 {
		w = binary.LittleEndian.Uint64(src[p:])
		if l < 8 {
			w &= 1<<(8*l) - 1
		}
	} else {
		for i := 0; i < l && i < 8; i++ {
			w |= uint64(src[p+i]) << (8 * i)
		}
	}
	return w ^ uint64(l)<<56
}

// sameName reports whether the names a and b are the same text.
func (s *scanner) sameName(a, b int32) bool {
	x, y := &s.nodes[a], &s.nodes[b]
	if (x.Flags|y.Flags)&Escaped == 0 {
		return x.End-x.Start == y.End-y.Start && bytes.Equal(s.src[x.Start:x.End], s.src[y.Start:y.End])
	}
	return sameText(s.src, x, y)
}

// sameText reports whether two string nodes of src are the same text, their
// escapes decoded.
func sameText(src []byte, a, b *Node) bool {
	return string(appendText(nil, src[a.Start+1:a.End-1])) == string(appendText(nil, src[b.Start+1:b.End-1]))
}

// sameName reports whether two names are the same text.
func (t *Tape) sameName(a, b int32) bool {
	return sameText(t.src, &t.Nodes[a], &t.Nodes[b])
}
