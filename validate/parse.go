package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// doc is a payload that passed the strict pass: its bytes, where its JSON text
// starts (after a byte order mark), its tape and the Go rules' reading of it.
type doc struct {
	src  []byte
	body int
	tape *tape.Tape
	lint lint.Doc

	// What Bytes needs per payload, kept with the document so that a
	// clean payload allocates nothing: the locator, the selection of
	// findings, and emit, made once per document.
	loc  locator
	sel  selection
	emit func(lint.Finding) // locates a finding and offers it to sel
}

// docs are reused across payloads: a tape that has grown to a payload's size
// scans the next one without allocating.
var docs = sync.Pool{New: func() any { return newDoc() }}

func newDoc() *doc {
	d := &doc{tape: new(tape.Tape)}
	d.emit = func(f lint.Finding) {
		if r, found := locateFinding(&d.loc, f); found {
			d.sel.add(r)
		}
	}
	return d
}

// maxPooledNodes bounds the tapes kept for reuse, so that one huge payload
// does not pin its tape's memory.
const maxPooledNodes = 1 << 16

// maxPooledFindings and maxPooledLines bound the selection's memory a pooled
// document keeps.
const (
	maxPooledFindings = 1 << 10
	maxPooledLines    = 1 << 12
)

// release returns the document for reuse; d is unusable after.
func (d *doc) release() {
	if d != nil && cap(d.tape.Nodes) <= maxPooledNodes {
		d.src = nil
		d.sel.reset(0, nil)
		if cap(d.sel.kept) > maxPooledFindings {
			d.sel.kept, d.sel.flat = nil, nil // Fix's uncapped judging kept them all
		}
		if cap(d.sel.lines.starts) > maxPooledLines {
			d.sel.lines.starts = nil
		}
		d.loc.reset(nil, nil)
		d.lint.Trim()
		d.tape.Forget()
		docs.Put(d)
	}
}

// parse is the strict pass over the raw bytes. It reads src onto a tape,
// which the schema checker and the Go rules read, and reports what is wrong
// with the bytes themselves. ok is false when nothing more can be checked;
// d is non-nil exactly when ok.
//
// The tape's scanner decides; when it rejects the bytes, jsontext reads them
// again to word the error as precisely as it can (the fuzz targets hold the
// two to the same verdicts).
func parse(src []byte, c Config) (d *doc, diags []lint.Finding, ok bool) {
	if len(src) > c.maxBytes() {
		return nil, []lint.Finding{{Rule: lint.InputTooLarge, At: lint.SpanAt("", c.maxBytes(), len(src)),
			Message: tooLargeMessage(c.maxBytes())}}, false
	}
	body := 0
	if bytes.HasPrefix(src, bom) {
		body = len(bom)
		diags = append(diags, lint.Finding{Rule: lint.JSONBOM, At: lint.SpanAt("", 0, body),
			Message: "the payload starts with a byte order mark, which RFC 8259 forbids in transmitted JSON: save the file as UTF-8 without BOM",
			Fix:     &lint.Repair{Message: "remove the byte order mark", Edits: []lint.TargetEdit{{At: lint.SpanAt("", 0, body)}}}})
	}
	d = docs.Get().(*doc)
	t := d.tape
	err := t.Scan(src, body, c.maxDepth())
	// Data after a whole object is reported, and the object still checked.
	trailing := err != nil && err.Reason == tape.Trailing
	if err != nil && !trailing || t.Nodes[0].Kind != tape.Object {
		d.release()
		return nil, append(diags, reject(src, body, c)...), false
	}
	d.src, d.body = src, body
	diags = append(diags, duplicates(t)...)
	if trailing {
		diags = append(diags, lint.Finding{Rule: lint.JSONTrailingData, At: lint.SpanAt("", err.Offset, len(src)),
			Message: "data follows the JSON object: a request body holds exactly one value, remove the rest"})
	}
	return d, diags, true
}

func tooLargeMessage(limit int) string {
	return fmt.Sprintf("the payload is larger than the %d-byte limit: raise the limit if it is genuine", limit)
}

// reject words what is wrong with bytes the tape's scanner rejected, reading
// them with jsontext.
func reject(src []byte, body int, c Config) []lint.Finding {
	// Strict about UTF-8: invalid bytes are reported here.
	dec := jsontext.NewDecoder(bytes.NewBuffer(src[body:]), jsontext.AllowDuplicateNames(true))
	p := &parser{src: src, body: body, dec: dec, maxDepth: c.maxDepth()}
	root, err := p.value()
	if err == io.EOF { // nothing but white space
		return []lint.Finding{{Rule: lint.JSONSyntax, At: lint.SpanAt("", body, body), Message: "the payload is empty: it must be a JSON object"}}
	}
	if errors.Is(err, errTooDeep) { // already recorded
		return p.diags
	}
	if err != nil {
		return append(p.diags, p.syntaxError(err))
	}
	diags := p.diags
	rootEnd := body + int(p.dec.InputOffset())
	if _, err := p.dec.ReadToken(); !errors.Is(err, io.EOF) {
		at := rootEnd + skipWhite(src[rootEnd:], 0)
		return append(diags, lint.Finding{Rule: lint.JSONTrailingData, At: lint.SpanAt("", at, len(src)),
			Message: "data follows the JSON object: a request body holds exactly one value, remove the rest"})
	}
	if _, isObject := root.(map[string]any); !isObject {
		start := body + skipWhite(src[body:], 0)
		return append(diags, lint.Finding{Rule: lint.JSONNotObject, At: lint.SpanAt("", start, rootEnd),
			Message: "the payload is " + jsonKind(root) + ", not an object: the request body must be one JSON object"})
	}
	// jsontext reads what the scanner refused: a disagreement the fuzz
	// targets exist to catch. Refuse the payload rather than check it half.
	return append(diags, lint.Finding{Rule: lint.JSONSyntax, At: lint.SpanAt("", body, body), Message: "the payload cannot be read as JSON"})
}

// duplicates reports each member name its object already had, with the
// first occurrence as related location.
func duplicates(t *tape.Tape) []lint.Finding {
	if len(t.Dups) == 0 {
		return nil
	}
	ps := newPointers(t)
	diags := make([]lint.Finding, 0, len(t.Dups))
	for _, dup := range t.Dups {
		ptr := ps.of(dup.Name + 1)
		member := "a duplicate member" // a name no schema declares is payload data
		if name := t.Text(dup.Name); lint.Declared(name) {
			member = "duplicate member " + name
		}
		first := t.Nodes[dup.First]
		second := t.Nodes[dup.Name]
		diags = append(diags, lint.Finding{Rule: lint.JSONDuplicateKey, At: lint.SpanAt(ptr, int(second.Start), int(second.End)),
			Message: member + ": parsers keep only one of the values, remove one",
			Related: []lint.Note{{At: lint.SpanAt(ptr, int(first.Start), int(first.End)), Message: "first occurrence"}}})
	}
	return diags
}

// parser reads one JSON value recursively with jsontext, only to word the
// errors of bytes the tape's scanner rejected; recursion is bounded by
// maxDepth.
type parser struct {
	src      []byte
	body     int
	dec      *jsontext.Decoder
	maxDepth int
	depth    int
	inName   bool // reading a member name, for a precise syntax message
	diags    []lint.Finding
}

// errTooDeep stops decoding; the diagnostic is already recorded.
var errTooDeep = errors.New("too deep")

func (p *parser) value() (any, error) {
	if p.dec.PeekKind() == '"' {
		return p.str()
	}
	tok, err := p.dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case '{', '[':
		if p.depth++; p.depth > p.maxDepth {
			at := p.body + int(p.dec.InputOffset()) - 1
			p.diags = append(p.diags, lint.Finding{Rule: lint.JSONTooDeep, At: lint.SpanAt(string(p.dec.StackPointer()), at, at+1),
				Message: fmt.Sprintf("objects and arrays are nested more than %d deep: flatten the payload", p.maxDepth)})
			return nil, errTooDeep
		}
		defer func() { p.depth-- }()
		if tok.Kind() == '[' {
			return p.array()
		}
		return p.object()
	case '0':
		return json.Number(tok.String()), nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	default:
		return nil, nil
	}
}

func (p *parser) object() (any, error) {
	obj := make(map[string]any)
	first := map[string]span{} // each name's first occurrence, for duplicates
	for p.inName = true; p.dec.PeekKind() != '}'; p.inName = true {
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.inName = false
		end := p.body + int(p.dec.InputOffset())
		at := span{openingQuote(p.src[:end]), end}
		if f, dup := first[key]; dup {
			p.duplicate(key, at, f)
		} else {
			first[key] = at
		}
		if obj[key], err = p.value(); err != nil {
			return nil, err
		}
	}
	p.inName = false
	_, err := p.dec.ReadToken()
	return obj, err
}

// str reads the string (or member name) next in the input. A string the
// schemas declare, such as a member name or an enum value, is the one shared
// copy: payloads repeat them, and a copy each is most of the parse's
// allocation.
func (p *parser) str() (string, error) {
	v, err := p.dec.ReadValue()
	if err != nil {
		return "", err
	}
	if raw := v[1 : len(v)-1]; bytes.IndexByte(raw, '\\') < 0 {
		if len(raw) <= maxShared { // hashing a long body to find it is not shared costs more than it saves
			if s, ok := sharedStrings()[string(raw)]; ok {
				return s, nil
			}
		}
		return string(raw), nil
	}
	b, err := jsontext.AppendUnquote(nil, v)
	return string(b), err
}

// maxShared is the longest string str looks up; schema names are shorter.
const maxShared = 40

// sharedStrings are the strings str shares, from the embedded schemas.
var sharedStrings = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	if checker, err := schema.Fast(); err == nil {
		for _, s := range checker.Strings() {
			m[s] = s
		}
	}
	return m
})

func (p *parser) array() (any, error) {
	arr := []any{}
	for p.dec.PeekKind() != ']' {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
	_, err := p.dec.ReadToken()
	return arr, err
}

// duplicate reports the member name just read, at, which the enclosing object
// already has, with its first occurrence as related location.
func (p *parser) duplicate(key string, at, first span) {
	ptr := string(p.dec.StackPointer())
	member := "a duplicate member" // a name no schema declares is payload data
	if lint.Declared(key) {
		member = "duplicate member " + key
	}
	p.diags = append(p.diags, lint.Finding{Rule: lint.JSONDuplicateKey, At: lint.SpanAt(ptr, at.start, at.end),
		Message: member + ": parsers keep only one of the values, remove one",
		Related: []lint.Note{{At: lint.SpanAt(ptr, first.start, first.end), Message: "first occurrence"}}})
}

// syntaxError turns a decoding error into the diagnostic that locates it.
func (p *parser) syntaxError(err error) lint.Finding {
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return lint.Finding{Rule: lint.JSONSyntax, At: lint.SpanAt("", p.body, p.body), Message: "the payload cannot be read as JSON"}
	}
	off := p.body + int(se.ByteOffset)
	d := lint.Finding{Rule: lint.JSONSyntax, At: lint.SpanAt(string(se.JSONPointer), off, off)}
	if errors.Is(err, io.ErrUnexpectedEOF) || off >= len(p.src) {
		d.At.Start, d.At.End = len(p.src), len(p.src)
		d.Message = "unexpected end of input: the JSON is incomplete, close every open string, object and array"
		return d
	}
	r, size := utf8.DecodeRune(p.src[off:])
	d.At.End = off + size
	text := se.Err.Error()
	afterDigit := off > 0 && '0' <= p.src[off-1] && p.src[off-1] <= '9'
	switch {
	case r == utf8.RuneError && size <= 1 || strings.Contains(text, "invalid UTF-8"):
		d.Rule = lint.JSONInvalidUTF8
		d.Message = "invalid UTF-8 byte: save the payload as UTF-8"
	case r == '\uFEFF':
		d.Message = "byte order mark inside the JSON text: remove it"
	case r == ',' && strings.Contains(text, "start of value"):
		d.Message = "trailing comma: remove it, JSON allows no comma before a closing bracket"
	case r == '/' || r == '#':
		d.Message = "comments are not allowed in JSON: remove it"
	case p.inName && strings.Contains(text, "start of"):
		d.Message = "expected a member name in double quotes"
	case strings.Contains(text, "after object name"):
		d.Message = "expected ':' after the member name"
	case strings.Contains(text, "in number") || r == '+' || r == '.' || afterDigit && (r == 'x' || r == 'X' || '0' <= r && r <= '9'):
		d.Message = "invalid number: JSON numbers have no leading zeros, plus signs, leading dots or hex"
	case strings.Contains(text, "after object value"):
		d.Message = "expected ',' or '}' after the object member: a comma is missing, or a bracket is unbalanced"
	case strings.Contains(text, "after array element"):
		d.Message = "expected ',' or ']' after the array element: a comma is missing, or a bracket is unbalanced"
	case strings.Contains(text, "surrogate"):
		d.Message = "invalid \\u escape: a lone UTF-16 surrogate is not a character, pair it or remove it"
	case strings.Contains(text, "escape"):
		d.Message = "invalid escape sequence: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"
	case strings.Contains(text, "in string"):
		d.Message = "control character in a string: escape it, e.g. \\n for a line break"
	case r == '\'':
		d.Message = "expected a JSON value: strings take double quotes, not single"
	case strings.Contains(text, "in literal") || unicode.IsLetter(r):
		d.Message = "invalid literal: JSON has only true, false and null, in lower case; strings take double quotes"
	case strings.Contains(text, "start of value"):
		d.Message = "expected a JSON value: a string in double quotes, a number, an object, an array, true, false or null"
	default:
		d.Message = "invalid JSON here"
	}
	return d
}

// jsonKind names the JSON type of a decoded value, with its article.
func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	default:
		return "null"
	}
}
