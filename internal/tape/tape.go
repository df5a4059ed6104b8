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
	"math"
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

	seen  map[string]int32 // names of a large object, for duplicates
	names [smallObject]int32
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
	s := scanner{t: t, src: src, pos: skipWhite(src, off), maxDepth: maxDepth}
	if s.pos == len(src) {
		return &Error{s.pos, Empty}
	}
	if err := s.value(-1, 0); err != nil {
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

type scanner struct {
	t        *Tape
	src      []byte
	pos      int
	maxDepth int
}

func (s *scanner) fail(r Reason) *Error { return &Error{s.pos, r} }

func (s *scanner) push(kind Kind, parent int32) int32 {
	i := int32(len(s.t.Nodes))
	s.t.Nodes = append(s.t.Nodes, Node{Start: int32(s.pos), Parent: parent, Kind: kind})
	return i
}

// value reads the value at s.pos, which is not white space.
func (s *scanner) value(parent int32, depth int) *Error {
	if s.pos >= len(s.src) {
		return s.fail(Syntax)
	}
	switch c := s.src[s.pos]; c {
	case '{':
		return s.object(parent, depth+1)
	case '[':
		return s.array(parent, depth+1)
	case '"':
		return s.str(parent, 0)
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
	n := &s.t.Nodes[i]
	n.End, n.Next = int32(s.pos), int32(len(s.t.Nodes))
}

func (s *scanner) literal(parent int32, kind Kind, word string) *Error {
	if !bytes.HasPrefix(s.src[s.pos:], []byte(word)) {
		return s.fail(Syntax)
	}
	i := s.push(kind, parent)
	s.pos += len(word)
	s.end(i)
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
	for {
		if s.pos >= len(s.src) || s.src[s.pos] != '"' {
			return s.fail(Syntax)
		}
		name := int32(len(s.t.Nodes))
		if err := s.str(obj, Name); err != nil {
			return err
		}
		if s.pos = skipWhite(s.src, s.pos); s.pos >= len(s.src) || s.src[s.pos] != ':' {
			return s.fail(Syntax)
		}
		s.pos = skipWhite(s.src, s.pos+1)
		if err := s.value(obj, depth); err != nil {
			return err
		}
		s.t.Nodes[name].Next = int32(len(s.t.Nodes))
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
	s.t.Nodes[obj].Len = n
	s.duplicates(obj)
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
	s.t.Nodes[arr].Len = n
	return nil
}

// str reads the string at s.pos (its opening quote) as a value or a name.
func (s *scanner) str(parent int32, flags uint8) *Error {
	i := s.push(String, parent)
	src := s.src
	p := s.pos + 1
	for {
		// The common bytes first: printable ASCII that is not a quote or
		// a backslash.
		for p < len(src) && src[p] >= 0x20 && src[p] < utf8.RuneSelf && src[p] != '"' && src[p] != '\\' {
			p++
		}
		if p >= len(src) {
			s.pos = p
			return s.fail(Syntax)
		}
		switch c := src[p]; {
		case c == '"':
			s.pos = p + 1
			s.end(i)
			s.t.Nodes[i].Flags = flags
			return nil
		case c == '\\':
			flags |= Escaped
			n, ok := escape(src[p:])
			if !ok {
				s.pos = p
				return s.fail(Syntax)
			}
			p += n
		case c < 0x20:
			s.pos = p
			return s.fail(Syntax)
		default:
			r, n := utf8.DecodeRune(src[p:])
			if r == utf8.RuneError && n <= 1 {
				s.pos = p
				return s.fail(Syntax)
			}
			p += n
		}
	}
}

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
	i := s.push(Number, parent)
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
		s.pos = p
		return s.fail(Syntax)
	}
	if p < len(src) && src[p] == '.' {
		if p++; p >= len(src) || src[p] < '0' || src[p] > '9' {
			s.pos = p
			return s.fail(Syntax)
		}
		p = digits(src, p)
	}
	if p < len(src) && (src[p] == 'e' || src[p] == 'E') {
		if p++; p < len(src) && (src[p] == '+' || src[p] == '-') {
			p++
		}
		if p >= len(src) || src[p] < '0' || src[p] > '9' {
			s.pos = p
			return s.fail(Syntax)
		}
		p = digits(src, p)
	}
	s.pos = p
	s.end(i)
	return nil
}

func digits(b []byte, p int) int {
	for p < len(b) && '0' <= b[p] && b[p] <= '9' {
		p++
	}
	return p
}

func skipWhite(b []byte, p int) int {
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

// duplicates lists the repeated names of the object at obj, which has just
// been read.
func (s *scanner) duplicates(obj int32) {
	t := s.t
	n := t.Nodes[obj].Len
	if n < 2 {
		return
	}
	if n <= smallObject {
		names := t.names[:0]
		for name := obj + 1; name < t.Nodes[obj].Next; name = t.Nodes[name].Next {
			for _, prev := range names {
				if t.sameName(prev, name) {
					t.Dups = append(t.Dups, Dup{name, prev})
					break
				}
			}
			names = append(names, name)
		}
		return
	}
	if t.seen == nil {
		t.seen = make(map[string]int32, n)
	}
	clear(t.seen)
	var buf []byte
	for name := obj + 1; name < t.Nodes[obj].Next; name = t.Nodes[name].Next {
		text := t.Raw(name)
		if t.Nodes[name].Flags&Escaped != 0 {
			buf = t.AppendText(buf[:0], name)
			text = buf
		}
		if first, ok := t.seen[string(text)]; ok {
			t.Dups = append(t.Dups, Dup{name, first})
			continue
		}
		t.seen[string(text)] = name
	}
	if n > 1024 {
		t.seen = nil // let a huge map go with its payload
	}
}

// sameName reports whether two names are the same text.
func (t *Tape) sameName(a, b int32) bool {
	if (t.Nodes[a].Flags|t.Nodes[b].Flags)&Escaped == 0 {
		return bytes.Equal(t.Raw(a), t.Raw(b))
	}
	return string(t.AppendText(nil, a)) == string(t.AppendText(nil, b))
}
