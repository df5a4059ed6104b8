package validate

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/lint"
)

// span is a half-open byte range [start, end) of the input.
type span struct{ start, end int }

func nodeSpan(n *tape.Node) span { return span{int(n.Start), int(n.End)} }

// locator resolves the targets of one payload's findings on its tape. Each
// target costs its pointer's length, whatever the number of findings: an
// object or array with many members gets an index on its first lookup, and
// the place found last is remembered (several Liquid findings often share a
// string).
type locator struct {
	t *tape.Tape
	// doc reads t for the Go rules: its index of a large object's names
	// serves the locator too.
	doc *lint.Doc
	// elements indexes large arrays: each element's node.
	elements map[int32][]int32
	// last is the place found last: findings in one string (Liquid's) come
	// one after another. A map of every place would grow with the findings.
	lastPointer string
	last        located
	// texts are the offset maps of the long strings findings point into,
	// by the string's offset, each built once for all its findings.
	texts map[int]*textIndex
	// The located notes, edits and repairs of the payload's findings
	// (locateFinding), kept from payload to payload.
	notes   []lint.Note
	edits   []lint.TargetEdit
	repairs []lint.Repair
}

type located struct {
	key, val span
	ok       bool
}

// indexFrom is the size from which an object or array gets an index rather
// than a walk over its members.
const indexFrom = 16

func newLocator(t *tape.Tape) *locator { return &locator{t: t, doc: lint.NewDoc(t)} }

// reset makes l a locator for the tape doc reads, forgetting what it found
// before.
func (l *locator) reset(doc *lint.Doc, t *tape.Tape) {
	clear(l.elements)
	clear(l.texts)
	clear(l.notes) // let the last payload's strings go
	clear(l.edits)
	clear(l.repairs)
	l.notes, l.edits, l.repairs = l.notes[:0], l.edits[:0], l.repairs[:0]
	l.t, l.doc, l.lastPointer, l.last = t, doc, "", located{}
}

// node returns the node at pointer and its name node (-1 for the root and
// array elements).
func (l *locator) node(pointer string) (val, key int32, ok bool) {
	t := l.t
	val, key = 0, -1
	for rest := pointer; rest != ""; {
		var tok string
		tok, rest = nextToken(rest)
		n := &t.Nodes[val]
		switch n.Kind {
		case tape.Object:
			if key, ok = l.member(val, tok); !ok {
				return 0, 0, false
			}
			val = key + 1
		case tape.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= int(n.Len) || tok != strconv.Itoa(i) {
				return 0, 0, false
			}
			val, key = l.element(val, i), -1
		default:
			return 0, 0, false
		}
	}
	return val, key, true
}

// nextToken splits the first reference token, unescaped, off a pointer that
// is not "": without a slice per pointer, which Split would allocate.
func nextToken(pointer string) (tok, rest string) {
	pointer = strings.TrimPrefix(pointer, "/")
	if i := strings.IndexByte(pointer, '/'); i >= 0 {
		return jsonpointer.Unescape(pointer[:i]), pointer[i:]
	}
	return jsonpointer.Unescape(pointer), ""
}

// member returns the name node of the member named name of object obj. A
// large object is looked up in the index the Go rules' lookups make.
func (l *locator) member(obj int32, name string) (int32, bool) {
	if l.t.Nodes[obj].Len < indexFrom {
		_, key, ok := l.t.Member(obj, name)
		return key, ok
	}
	return l.doc.NameNode(obj, name)
}

// element returns the node of element i, which exists, of array arr.
func (l *locator) element(arr int32, i int) int32 {
	t := l.t
	if t.Nodes[arr].Len < indexFrom {
		e, _ := t.Element(arr, i)
		return e
	}
	idx, built := l.elements[arr]
	if !built {
		idx = make([]int32, 0, t.Nodes[arr].Len)
		for e := arr + 1; e < t.Nodes[arr].Next; e = t.Nodes[e].Next {
			idx = append(idx, e)
		}
		if l.elements == nil {
			l.elements = map[int32][]int32{}
		}
		l.elements[arr] = idx
	}
	return idx[i]
}

// locate returns the spans of the name (zero for array elements and the root)
// and the value of the member or element at pointer.
func (l *locator) locate(pointer string) (key, val span, ok bool) {
	v, k, ok := l.node(pointer)
	if !ok {
		return span{}, span{}, false
	}
	if k >= 0 {
		key = nodeSpan(&l.t.Nodes[k])
	}
	return key, nodeSpan(&l.t.Nodes[v]), true
}

// resolve turns a target into the byte span it covers. A PartSpan target
// is located already.
func (l *locator) resolve(at lint.Target) (span, bool) {
	if at.Part == lint.PartSpan {
		return span{at.Start, at.End}, true
	}
	loc := l.last
	if at.Pointer != l.lastPointer || l.lastPointer == "" && !loc.ok {
		loc.key, loc.val, loc.ok = l.locate(at.Pointer)
		l.lastPointer, l.last = at.Pointer, loc
	}
	if !loc.ok {
		return span{}, false
	}
	key, val, src := loc.key, loc.val, l.t.Src()
	switch {
	case at.Part == lint.PartText:
		if val.end-val.start < textIndexMin || src[val.start] != '"' {
			return textSpan(src, val, at.Start, at.End), true
		}
		x := l.texts[val.start]
		if x == nil {
			if l.texts == nil {
				l.texts = map[int]*textIndex{}
			}
			x = newTextIndex(src, val)
			l.texts[val.start] = x
		}
		return x.span(src, at.Start, at.End), true
	case at.Part == lint.PartKey && key != span{}:
		return key, true
	case at.Part == lint.PartMember && key != span{}:
		return span{key.start, val.end}, true
	}
	return val, true
}

// pointers builds the JSON pointers of tape nodes, for the diagnostics the
// strict pass reports. An element's index is counted once per array.
type pointers struct {
	t       *tape.Tape
	indexes map[int32]int // element node to its index, for arrays walked
}

func newPointers(t *tape.Tape) *pointers { return &pointers{t: t} }

// of returns the pointer of value node i.
func (p *pointers) of(i int32) string {
	var toks []any
	for i > 0 {
		n := &p.t.Nodes[i]
		parent := n.Parent
		if p.t.Nodes[parent].Kind == tape.Object {
			toks = append(toks, p.t.Text(i-1))
		} else {
			toks = append(toks, p.index(parent, i))
		}
		i = parent
	}
	for a, b := 0, len(toks)-1; a < b; a, b = a+1, b-1 {
		toks[a], toks[b] = toks[b], toks[a]
	}
	return jsonpointer.Build(toks...)
}

func (p *pointers) index(arr, elem int32) int {
	if p.indexes == nil {
		p.indexes = map[int32]int{}
	}
	if i, ok := p.indexes[elem]; ok {
		return i
	}
	i := 0
	for e := arr + 1; e < p.t.Nodes[arr].Next; e = p.t.Nodes[e].Next {
		p.indexes[e] = i
		i++
	}
	return p.indexes[elem]
}

func newDecoder(b []byte) *jsontext.Decoder {
	return jsontext.NewDecoder(bytes.NewBuffer(b), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// skipSpace returns the offset of the first byte at or after off in b that is
// not white space, a colon or a comma: the start of the next token.
func skipSpace(b []byte, off int) int {
	for off < len(b) {
		switch b[off] {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// skipWhite returns the offset of the first byte at or after off in b that is
// not JSON white space.
func skipWhite(b []byte, off int) int {
	for off < len(b) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\n' || b[off] == '\r') {
		off++
	}
	return off
}

// openingQuote returns the offset of the opening quote of the JSON string that
// ends b.
func openingQuote(b []byte) int {
	for i := len(b) - 2; i >= 0; i-- {
		if b[i] != '"' {
			continue
		}
		backslashes := 0
		for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i
		}
	}
	return 0
}
