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
	// Delims marks a string or name whose text may hold a Liquid
	// delimiter: its bytes hold {{ or {%, or a \u escape, which may spell
	// either. The Liquid rules read only such strings (LIQ-4).
	Delims
	// NonASCII marks a string or name whose bytes hold one at or above
	// 0x80: its code points are fewer than its bytes.
	NonASCII
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
	// Delims says whether some string or name is flagged Delims.
	Delims bool
	// ASCII says that the scan succeeded and every byte from the offset
	// it started at is below 0x80, so that each byte is a column.
	ASCII bool
	// OneLine says that the scan succeeded and read no line break: a
	// string cannot hold one, so the text from the offset is one line.
	OneLine bool
	breaks  bool // a line break was read
	src     []byte

	seen   map[string]int32 // names of a large object, for duplicates
	frames []frame          // the open containers while scanning
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
	t.Nodes, t.Dups, t.Delims, t.ASCII, t.OneLine, t.breaks, t.src = t.Nodes[:0], t.Dups[:0], false, false, false, false, src
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
	p, err := t.scan(src, t.skipWhite(src, off), maxDepth)
	if cap(t.frames) > 256 {
		t.frames = nil // let a deep payload's stack go
	}
	if err != nil {
		return err
	}
	if len(t.Dups) > 1 { // a large object's are found when it closes
		slices.SortFunc(t.Dups, func(a, b Dup) int { return cmp.Compare(a.Name, b.Name) })
	}
	if p = t.skipWhite(src, p); p < len(src) {
		t.ASCII = false // the bytes after the value were not read
		return &Error{p, Trailing}
	}
	t.OneLine = !t.breaks
	return nil
}

// frame is an open object or array.
type frame struct {
	node   int32 // the container's node
	n      int32 // its members or elements so far
	name   int32 // the name of the member being read
	object bool
	// escaped says whether a name so far holds an escape.
	escaped bool
	// names and sigs are the first smallObject names, for duplicates.
	names [smallObject]int32
	sigs  [smallObject]uint64
	// sigBits has a bit set for each signature in sigs, by its hash: a
	// name whose bit is clear repeats none of them.
	sigBits uint64
}

// scan reads the value at p, the first byte that is not white space, into
// t.Nodes and t.Dups, and returns the position after it. It is one loop over
// the bytes, with the open containers on a stack of frames, so that the
// common steps stay in registers rather than go through calls.
func (t *Tape) scan(src []byte, p, maxDepth int) (int, *Error) {
	if p == len(src) {
		return p, &Error{p, Empty}
	}
	nodes, frames := t.Nodes, t.frames[:0]
	var flagged uint8 // every string's and name's flags, or'd
	var f *frame      // the innermost open container
	var n *Node       // the node just added
	parent := int32(-1)
	reason := Syntax
value: // a value at p, which is not white space
	if p >= len(src) {
		goto fail
	}
	switch c := src[p]; c {
	case '"':
		q, flags, ok := plainRun(src, p+1), uint8(0), true
		if q < len(src) && src[q] == '"' {
			q++
		} else if q, flags, ok = stringRest(src, q); !ok {
			nodes = appendFailed(nodes, String, p, parent)
			p = q
			goto fail
		}
		nodes = appendLeaf(nodes, String, p, q, parent, flags)
		flagged |= flags
		p = q
	case '{', '[':
		if len(frames) >= maxDepth {
			reason = TooDeep
			goto fail
		}
		i := int32(len(nodes))
		kind, closer := Object, byte('}')
		if c == '[' {
			kind, closer = Array, ']'
		}
		nodes, n = addNode(nodes)
		n.Start, n.End, n.Next, n.Parent, n.Len = int32(p), 0, 0, parent, 0
		n.Kind, n.Flags = kind, 0
		if p = t.skipWhite(src, p+1); p < len(src) && src[p] == closer {
			p++
			nodes[i].End, nodes[i].Next = int32(p), i+1
			break
		}
		if len(frames) == cap(frames) {
			frames = slices.Grow(frames, 1)
		}
		frames = frames[:len(frames)+1]
		f = &frames[len(frames)-1]
		f.node, f.n, f.object, f.escaped, f.sigBits = i, 0, kind == Object, false, 0
		parent = i
		if f.object {
			goto name
		}
		goto value
	case 't', 'f', 'n':
		kind, word := True, "true"
		if c == 'f' {
			kind, word = False, "false"
		} else if c == 'n' {
			kind, word = Null, "null"
		}
		if !bytes.HasPrefix(src[p:], []byte(word)) {
			goto fail
		}
		nodes = appendLeaf(nodes, kind, p, p+len(word), parent, 0)
		p += len(word)
	default:
		if c != '-' && (c < '0' || '9' < c) {
			goto fail
		}
		q, ok := numberEnd(src, p)
		if !ok {
			nodes = appendFailed(nodes, Number, p, parent)
			p = q
			goto fail
		}
		nodes = appendLeaf(nodes, Number, p, q, parent, 0)
		p = q
	}
next: // a value has been read: what follows it in its container
	if len(frames) == 0 {
		// A byte at or above 0x80 fails outside strings, so the strings'
		// flags tell whether any byte read is one.
		t.Nodes, t.frames, t.Delims, t.ASCII = nodes, frames, flagged&Delims != 0, flagged&NonASCII == 0
		return p, nil
	}
	f = &frames[len(frames)-1]
	if f.object {
		nodes[f.name].Next = int32(len(nodes))
	}
	f.n++
	if p = t.skipWhite(src, p); p >= len(src) {
		goto fail
	}
	if c := src[p]; c == ',' {
		p = t.skipWhite(src, p+1)
		if f.object {
			goto name
		}
		goto value
	} else if f.object && c == '}' || !f.object && c == ']' {
		p++
		n = &nodes[f.node]
		n.End, n.Next, n.Len = int32(p), int32(len(nodes)), f.n
		frames = frames[:len(frames)-1]
		parent = n.Parent
		if f.object && f.n > smallObject {
			t.largeDuplicates(nodes, f.node)
		}
		goto next
	}
	goto fail
name: // a member's name at p, in the object f
	{
		if p >= len(src) || src[p] != '"' {
			goto fail
		}
		q, flags, ok := plainRun(src, p+1), uint8(0), true
		if q < len(src) && src[q] == '"' {
			q++
		} else if q, flags, ok = stringRest(src, q); !ok {
			nodes = appendFailed(nodes, String, p, parent)
			p = q
			goto fail
		}
		name := int32(len(nodes))
		nodes = appendLeaf(nodes, String, p, q, parent, flags|Name)
		flagged |= flags
		f.name = name
		if f.n < smallObject {
			// Checked for duplicates at once, against the names before
			// it, by their signatures first, and only when its
			// signature's bit is set.
			f.escaped = f.escaped || flags&Escaped != 0
			sig := nameSig(src, p, q)
			bit := uint64(1) << (sig * 0x9E3779B97F4A7C15 >> 58) // a Fibonacci hash
			if f.sigBits&bit != 0 || f.escaped {
				for j, prev := range f.names[:f.n] {
					if (f.sigs[j] == sig || f.escaped) && sameName(src, &nodes[prev], &nodes[name]) {
						t.Dups = append(t.Dups, Dup{name, prev})
						break
					}
				}
			}
			f.names[f.n], f.sigs[f.n], f.sigBits = name, sig, f.sigBits|bit
		}
		if p = t.skipWhite(src, q); p >= len(src) || src[p] != ':' {
			goto fail
		}
		p = t.skipWhite(src, p+1)
		goto value
	}
fail:
	t.Nodes, t.frames, t.Delims = nodes, frames, flagged&Delims != 0
	return p, &Error{p, reason}
}

// addNode appends a zero node to nodes and returns it, for the caller to
// set its fields in place: a node literal copied in would wait on store
// forwarding.
func addNode(nodes []Node) ([]Node, *Node) {
	nodes = append(nodes, Node{})
	return nodes, &nodes[len(nodes)-1]
}

// appendLeaf appends a finished node with no children, from start to end.
func appendLeaf(nodes []Node, kind Kind, start, end int, parent int32, flags uint8) []Node {
	i := int32(len(nodes))
	nodes, n := addNode(nodes)
	n.Start, n.End, n.Next, n.Parent, n.Len = int32(start), int32(end), i+1, parent, 0
	n.Kind, n.Flags = kind, flags
	return nodes
}

// appendFailed appends the node of a string or number that fails, as far
// as it was read.
func appendFailed(nodes []Node, kind Kind, start int, parent int32) []Node {
	return append(nodes, Node{Start: int32(start), Parent: parent, Kind: kind})
}

// plainRun returns the position of the first byte from p on that a string
// body does not take as it is, reading whole words only: it may stop short
// of that byte in the last seven bytes of src.
func plainRun(src []byte, p int) int {
	for p <= len(src)-8 {
		if m := specials(binary.LittleEndian.Uint64(src[p:])); m != 0 {
			return p + bits.TrailingZeros64(m)>>3
		}
		p += 8
	}
	return p
}

// stringRest reads a string body from p on, the bytes before p being
// plain. It returns the position past the closing quote and the string's
// flags, or the position of the first byte that fails. The scanner reads
// most strings, plain up to their closing quote, with plainRun alone.
func stringRest(src []byte, p int) (int, uint8, bool) {
	var flags uint8
	for {
		// Plain bytes sixteen, then eight at a time: see specials.
		for p <= len(src)-16 {
			b := src[p : p+16]
			if m := specials(binary.LittleEndian.Uint64(b)); m != 0 {
				p += bits.TrailingZeros64(m) >> 3
				goto special
			}
			if m := specials(binary.LittleEndian.Uint64(b[8:])); m != 0 {
				p += 8 + bits.TrailingZeros64(m)>>3
				goto special
			}
			p += 16
		}
		if p <= len(src)-8 {
			if m := specials(binary.LittleEndian.Uint64(src[p:])); m != 0 {
				p += bits.TrailingZeros64(m) >> 3
				goto special
			}
			p += 8
		}
		for p < len(src) && plain[src[p]] {
			p++
		}
		if p >= len(src) {
			return p, 0, false
		}
	special:
		switch c := src[p]; {
		case c == '"':
			return p + 1, flags, true
		case c == '{':
			if p+1 < len(src) && (src[p+1] == '{' || src[p+1] == '%') {
				flags |= Delims
			}
			p++
		case c == '\\':
			flags |= Escaped
			if p+1 < len(src) && src[p+1] == 'u' {
				flags |= Delims
			}
			n, ok := escape(src[p:])
			if !ok {
				return p, 0, false
			}
			p += n
		case c < 0x20:
			return p, 0, false
		default:
			r, n := utf8.DecodeRune(src[p:])
			if r == utf8.RuneError && n <= 1 {
				return p, 0, false
			}
			flags |= NonASCII
			p += n
		}
	}
}

// specials marks the bytes of w, read little-endian, that a string body
// does not take as they are: a byte's high bit in the result is set when it
// is a quote, a backslash, an opening brace, below 0x20 or at least 0x80.
// Only the lowest mark is exact: a subtraction borrows out of a byte only
// when that byte is itself marked, and may then mark the bytes above it.
// (A byte that is none of these is 0x20-0x7f and differs from each of the
// three, so none of the subtractions borrows from it or sets its high bit.)
func specials(w uint64) uint64 {
	quote := (w ^ ones*'"') - ones
	slash := (w ^ ones*'\\') - ones
	brace := (w ^ ones*'{') - ones
	return (quote | slash | brace | (w - ones*0x20) | w) & highs
}

// Masks for testing the eight bytes of a word at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plain holds the bytes a string body takes as they are, without a look:
// not a brace, which may open a Liquid delimiter.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '{'
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

// numberEnd reads the number at p as RFC 8259 spells it: no leading zeros,
// plus signs, bare dots or hex. It returns the position past it, or the
// position of the first byte that fails.
func numberEnd(src []byte, p int) (int, bool) {
	if src[p] == '-' {
		p++
	}
	switch {
	case p < len(src) && src[p] == '0':
		p++
	case p < len(src) && '1' <= src[p] && src[p] <= '9':
		p = digits(src, p)
	default:
		return p, false
	}
	if p < len(src) && src[p] == '.' {
		if p++; p >= len(src) || src[p] < '0' || src[p] > '9' {
			return p, false
		}
		p = digits(src, p)
	}
	if p < len(src) && (src[p] == 'e' || src[p] == 'E') {
		if p++; p < len(src) && (src[p] == '+' || src[p] == '-') {
			p++
		}
		if p >= len(src) || src[p] < '0' || src[p] > '9' {
			return p, false
		}
		p = digits(src, p)
	}
	return p, true
}

func digits(b []byte, p int) int {
	for p < len(b) && '0' <= b[p] && b[p] <= '9' {
		p++
	}
	return p
}

// skipWhite returns the position of the first byte from p on that is not
// white space. Compact JSON has none, so that case is tried first.
func (t *Tape) skipWhite(b []byte, p int) int {
	if p < len(b) && b[p] > ' ' {
		return p
	}
	return t.skipSpaces(b, p)
}

// skipSpaces is skipWhite's loop; it notes a line break in t.breaks.
func (t *Tape) skipSpaces(b []byte, p int) int {
	for ; p < len(b); p++ {
		switch b[p] {
		case ' ', '\t':
		case '\n', '\r':
			t.breaks = true
		default:
			return p
		}
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
func (t *Tape) largeDuplicates(nodes []Node, obj int32) {
	if t.seen == nil {
		t.seen = make(map[string]int32, nodes[obj].Len)
	}
	clear(t.seen)
	var buf []byte
	k := 0
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		nd := &nodes[name]
		text := t.src[nd.Start+1 : nd.End-1]
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

// nameSig is a signature of the name from start to end, its quotes
// included: names of the same raw bytes have the same one. It holds the
// length and the first eight bytes.
func nameSig(src []byte, start, end int) uint64 {
	p, l := start+1, end-start-2
	var w uint64
	if p <= len(src)-8 {
		w = binary.LittleEndian.Uint64(src[p:])
	} else {
		var b [8]byte // near the end, where the name is shorter
		copy(b[:], src[p:end-1])
		w = binary.LittleEndian.Uint64(b[:])
	}
	// Masked rather than tested: names shorter and longer than eight
	// bytes mix unpredictably.
	w &= ^uint64(0) >> (64 - 8*min(l, 8))
	return w ^ uint64(l)<<56
}

// sameName reports whether the names a and b of src are the same text.
func sameName(src []byte, a, b *Node) bool {
	if (a.Flags|b.Flags)&Escaped == 0 {
		return a.End-a.Start == b.End-b.Start && bytes.Equal(src[a.Start:a.End], src[b.Start:b.End])
	}
	return sameText(src, a, b)
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
