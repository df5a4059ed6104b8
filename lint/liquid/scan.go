// Package liquid scans Braze's dialect of Liquid: the delimiters, `${...}`
// personalization references, tag names and block nesting, filter names and the
// arguments of Braze's own tags, each with its byte offsets in the template, so
// that a finding points at the offending character.
//
// It is not a Liquid engine: it renders nothing and evaluates nothing. A
// general Liquid parser (github.com/osteele/liquid, the maintained Go port) was
// measured against the rules brazelint needs: it reports line numbers only,
// keeps an unclosed `{{` as literal text, checks filters only when rendering,
// accepts parentheses in conditions and rejects `&&` outright, and parsing
// every templated string with it costs 30–50% of validating a payload. Its
// tests use it as an oracle: what this scanner finds well nested, it parses.
package liquid

import (
	"strings"
	"unicode/utf8"
)

// Template is a scanned template. Offsets are byte offsets into Src.
type Template struct {
	Src string
	// Nodes are the output and tag nodes in source order of their opening
	// delimiter; an output nested in another node's arguments (LIQ-8) comes
	// after its parent, with Parent set.
	Nodes []Node
	// Errors are the syntax errors: unclosed delimiters and references,
	// misnested blocks, malformed Braze tags, and the likely mistakes marked
	// Warning. Scanning stops at the first unclosed delimiter, since what
	// follows has no sure reading.
	Errors []Error

	// The memory of a scan, kept for the next when the Template is reused
	// (ParseInto): every node's tokens and filters are subslices of these.
	toks    []Token
	filters []Filter
	open    []int
}

// Kind tells outputs from tags.
type Kind uint8

const (
	Output Kind = iota + 1 // {{ ... }}
	Tag                    // {% ... %}
)

// Node is one output or tag.
type Node struct {
	Kind       Kind
	Start, End int    // the whole node, delimiters included
	Name       string // a tag's name ("#" for an inline comment); "" for an output
	NameStart  int
	// ArgStart and ArgEnd delimit the expression of an output or the
	// arguments of a tag, whitespace control and surrounding spaces excluded.
	ArgStart, ArgEnd int
	// Toks are the expression tokens of an output or of a standard tag's
	// arguments. A nested output is one Nested token. Braze's own tags have
	// their own argument syntax and no tokens: their rules read Args.
	Toks   []Token
	Parent int // index of the enclosing node, or -1
	// filters are the filters of the node's own expression (Filters).
	filters []Filter
	// Open is, for an end tag or an intermediate tag (else, elsif, when),
	// the index of the block's opening tag, or -1.
	Open int
}

// Args returns the node's argument text.
func (t *Template) Args(n *Node) string { return t.Src[n.ArgStart:n.ArgEnd] }

// Error is a syntax error.
type Error struct {
	Start, End int
	Message    string
	// Related is another place the error involves (the opening tag of a
	// block that a wrong end tag meets), or {-1, -1}.
	RelatedStart, RelatedEnd int
	RelatedMessage           string
	// Warning marks a construct that parses but is likely a mistake, such
	// as an output opened with three braces (LIQ-45).
	Warning bool
}

// HasDelims reports whether s contains `{{` or `{%`: a string without them is
// plain text and costs nothing more (LIQ-4).
func HasDelims(s string) bool {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if s[i+1] == '{' || s[i+1] == '%' {
			return true
		}
		s = s[i+1:]
	}
}

// Parse scans src.
func Parse(src string) *Template {
	t := new(Template)
	ParseInto(t, src)
	return t
}

// ParseInto scans src into t, reusing the memory of what t held: a template
// scanned into a Template that has held one as large allocates nothing.
func ParseInto(t *Template, src string) {
	if t.Nodes == nil {
		// Most templates are a few outputs: size the node list once.
		t.Nodes = make([]Node, 0, strings.Count(src, "{{")+strings.Count(src, "{%"))
	}
	*t = Template{Src: src, Nodes: t.Nodes[:0], Errors: t.Errors[:0], toks: t.toks[:0], filters: t.filters[:0], open: t.open[:0]}
	s := scanner{t: t}
	s.run()
}

type scanner struct {
	t     *Template
	depth int // nesting of outputs within arguments, bounded
	// noEndRawFrom is an offset from which no endraw tag follows, once a
	// search for one has failed (0: none has). A search from later finds
	// none either, so a comment holding many unclosed raw blocks is scanned
	// once, not once per block.
	noEndRawFrom int
}

// maxNesting bounds outputs nested in arguments: templates nest one or two
// deep, and hostile input must not recurse without limit.
const maxNesting = 16

func (s *scanner) errorf(start, end int, msg string) {
	s.t.Errors = append(s.t.Errors, Error{Start: start, End: end, Message: msg, RelatedStart: -1, RelatedEnd: -1})
}

func (s *scanner) run() {
	src := s.t.Src
	pos := 0
	for pos < len(src) {
		i := nextDelim(src, pos)
		if i < 0 {
			break
		}
		var next int
		var ok bool
		first := len(s.t.Nodes)
		if src[i+1] == '{' {
			next, ok = s.output(i, -1)
		} else {
			next, ok = s.tag(i)
		}
		if !ok {
			s.t.Nodes = s.t.Nodes[:first] // drop the half-read node
			return                        // unclosed: the rest has no sure reading
		}
		pos = next
	}
	for _, i := range s.t.open {
		n := &s.t.Nodes[i]
		s.errorf(n.Start, n.End, "the "+n.Name+" block is never closed: add {% end"+n.Name+" %}")
	}
}

// nextDelim returns the offset of the next `{{` or `{%` at or after pos.
func nextDelim(src string, pos int) int {
	for pos < len(src) {
		i := strings.IndexByte(src[pos:], '{')
		if i < 0 {
			return -1
		}
		i += pos
		if i+1 < len(src) && (src[i+1] == '{' || src[i+1] == '%') {
			return i
		}
		pos = i + 1
	}
	return -1
}

// output scans the output that opens at start and returns the offset after
// it. ok is false when it is not closed.
func (s *scanner) output(start, parent int) (end int, ok bool) {
	src := s.t.Src
	idx := len(s.t.Nodes)
	s.t.Nodes = append(s.t.Nodes, Node{Kind: Output, Start: start, Parent: parent, Open: -1})
	argStart := start + 2
	if argStart < len(src) && src[argStart] == '-' {
		argStart++
	}
	j := argStart
	for j < len(src) {
		if c := src[j]; c != '$' && c != '{' && c != '}' { // what no case below starts with
			j++
			continue
		}
		switch {
		case strings.HasPrefix(src[j:], "${"), strings.HasPrefix(src[j:], "{{"):
			k, ok := s.inner(j, idx)
			if !ok {
				return 0, false
			}
			j = k
		case strings.HasPrefix(src[j:], "{%"):
			s.errorf(start, start+2, "this {{ is not closed before the next {%: add }}")
			return 0, false
		case strings.HasPrefix(src[j:], "}}"):
			argEnd := j
			if argEnd > argStart && src[argEnd-1] == '-' {
				argEnd--
			}
			n := &s.t.Nodes[idx]
			n.End = j + 2
			n.ArgStart, n.ArgEnd = trimSpace(src, argStart, argEnd)
			n.Toks = s.tokens(n.ArgStart, n.ArgEnd, idx)
			n.filters = s.filters(n.Toks)
			if src[start+2] == '{' && !strings.HasPrefix(src[start+2:], "{{") {
				// {{{x}}} is Mustache, not Braze: an output opens with
				// exactly two braces (LIQ-45). A closing }}} is normal
				// ({{${first_name}}}), and {{{{x}}}} is an output in an
				// output (LIQ-8).
				s.t.Errors = append(s.t.Errors, Error{Start: start, End: start + 3, RelatedStart: -1, RelatedEnd: -1, Warning: true,
					Message: "{{{ is not Braze personalization: an output opens with two braces, as in {{${first_name}}}"})
			}
			return j + 2, true
		default:
			j++
		}
	}
	s.errorf(start, start+2, "this {{ is never closed: add }}")
	return 0, false
}

// inner scans the `${...}` reference or the nested output that starts at j
// inside the node at idx, and returns the offset after it; a nested output's
// Parent is idx.
func (s *scanner) inner(j, idx int) (int, bool) {
	if s.t.Src[j] == '$' {
		return s.reference(j)
	}
	if s.depth >= maxNesting {
		s.errorf(j, j+2, "outputs are nested too deep")
		return 0, false
	}
	s.depth++
	defer func() { s.depth-- }()
	return s.output(j, idx)
}

// reference skips the `${...}` at start and returns the offset after it. A
// name holds any character but braces (`${zip code}`), and never runs into the
// end of the tag around it. Nor does it end at the `}}` that closes the output
// around it: in `{{ ${first_name | default: 'x' }}` the `${` is what is
// unclosed, while `{{${first_name}}}` closes both.
func (s *scanner) reference(start int) (int, bool) {
	src := s.t.Src
	for j := start + 2; j < len(src); j++ {
		if src[j] == '}' {
			if j+1 < len(src) && src[j+1] == '}' && (j+2 == len(src) || src[j+2] != '}') {
				break
			}
			return j + 1, true
		}
		if src[j] == '{' || src[j] == '%' && j+1 < len(src) && src[j+1] == '}' {
			break
		}
	}
	s.errorf(start, start+2, "this ${ is never closed: add } after the attribute name")
	return 0, false
}

// tag scans the tag that opens at start.
func (s *scanner) tag(start int) (end int, ok bool) {
	src := s.t.Src
	idx := len(s.t.Nodes)
	s.t.Nodes = append(s.t.Nodes, Node{Kind: Tag, Start: start, Parent: -1, Open: -1})
	j := start + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	j = skipSpaces(src, j)
	nameStart := j
	if j < len(src) && src[j] == '#' {
		j++
	} else {
		for j < len(src) && isNameByte(src[j], j > nameStart) {
			j++
		}
	}
	name := src[nameStart:j]
	argStart := j
	for j < len(src) {
		if c := src[j]; c != '%' && c != '$' && c != '{' { // what nothing below starts with
			j++
			continue
		}
		if strings.HasPrefix(src[j:], "%}") {
			argEnd := j
			if argEnd > argStart && src[argEnd-1] == '-' {
				argEnd--
			}
			n := &s.t.Nodes[idx]
			n.End = j + 2
			n.Name, n.NameStart = name, nameStart
			n.ArgStart, n.ArgEnd = trimSpace(src, argStart, argEnd)
			if expressionTags[name] {
				n.Toks = s.tokens(n.ArgStart, n.ArgEnd, idx)
				n.filters = s.filters(n.Toks)
			}
			return s.block(idx)
		}
		if name == "#" { // an inline comment: nothing in it is Liquid
			j++
			continue
		}
		switch {
		case strings.HasPrefix(src[j:], "${"), strings.HasPrefix(src[j:], "{{"):
			k, ok := s.inner(j, idx)
			if !ok {
				return 0, false
			}
			j = k
			continue
		case strings.HasPrefix(src[j:], "{%"):
			s.errorf(start, start+2, "this {% is not closed before the next {%: add %}")
			return 0, false
		}
		j++
	}
	s.errorf(start, start+2, "this {% is never closed: add %}")
	return 0, false
}

// block applies the tag at idx to the stack of open blocks and returns the
// offset where scanning goes on: after the tag, or after the end tag of a raw
// or comment block, whose body is not Liquid (LIQ-23).
func (s *scanner) block(idx int) (int, bool) {
	n := &s.t.Nodes[idx]
	name := n.Name
	switch {
	case name == "":
		s.errorf(n.Start, n.End, "this tag has no name: write the tag after {%")
	case name == "raw" || name == "comment":
		end, ok := s.skipBody(n.End, name)
		if !ok {
			s.errorf(n.Start, n.End, "the "+name+" block is never closed: add {% end"+name+" %}")
			return 0, false
		}
		return end, true
	case blockTags[name]:
		s.t.open = append(s.t.open, idx)
	case name == "endraw" || name == "endcomment":
		s.errorf(n.Start, n.End, name+" has no "+name[3:]+" block to close: remove it, or add the opening {% "+name[3:]+" %}")
	case strings.HasPrefix(name, "end") && blockTags[name[3:]]:
		s.closeBlock(idx, name[3:])
	default:
		if parents, ok := intermediateTags[name]; ok {
			s.intermediate(idx, parents)
		}
	}
	if name == "abort_message" {
		s.abortArgs(n)
	}
	if condTags[name] {
		for _, tok := range n.Toks {
			if tok.Kind == LParen || tok.Kind == RParen {
				s.errorf(tok.Start, tok.End, "parentheses do not group conditions in Liquid: remove them, and split the condition into nested if tags if the order matters")
				break
			}
		}
	}
	return n.End, true
}

// closeBlock matches an end tag against the open blocks (LIQ-17).
func (s *scanner) closeBlock(idx int, name string) {
	n := &s.t.Nodes[idx]
	for k := len(s.t.open) - 1; k >= 0; k-- {
		open := &s.t.Nodes[s.t.open[k]]
		if open.Name != name {
			continue
		}
		n.Open = s.t.open[k]
		if k < len(s.t.open)-1 {
			inner := &s.t.Nodes[s.t.open[len(s.t.open)-1]]
			s.t.Errors = append(s.t.Errors, Error{Start: n.Start, End: n.End,
				Message:      "end" + name + " closes the " + name + " block while " + article(inner.Name) + " block inside it is still open: add {% end" + inner.Name + " %} before it",
				RelatedStart: inner.Start, RelatedEnd: inner.End, RelatedMessage: "the open " + inner.Name + " block"})
		}
		s.t.open = s.t.open[:k]
		return
	}
	if len(s.t.open) > 0 {
		inner := &s.t.Nodes[s.t.open[len(s.t.open)-1]]
		s.t.Errors = append(s.t.Errors, Error{Start: n.Start, End: n.End,
			Message:      "end" + name + " does not match the open " + inner.Name + " block: close it with {% end" + inner.Name + " %}",
			RelatedStart: inner.Start, RelatedEnd: inner.End, RelatedMessage: "the open " + inner.Name + " block"})
		s.t.open = s.t.open[:len(s.t.open)-1] // reported here, not again as never closed
		return
	}
	s.errorf(n.Start, n.End, "end"+name+" has no "+name+" block to close: remove it, or add the opening {% "+name+" %}")
}

// intermediate checks that else, elsif or when sits directly in a block that
// takes it.
func (s *scanner) intermediate(idx int, parents []string) {
	n := &s.t.Nodes[idx]
	if len(s.t.open) > 0 {
		top := s.t.open[len(s.t.open)-1]
		for _, p := range parents {
			if s.t.Nodes[top].Name == p {
				n.Open = top
				return
			}
		}
	}
	s.errorf(n.Start, n.End, n.Name+" is outside any "+strings.Join(parents, ", ")+" block: move it inside one, or remove it")
}

// abortArgs checks abort_message's arguments: nothing, () or one quoted
// string in parentheses (LIQ-20).
func (s *scanner) abortArgs(n *Node) {
	a := strings.TrimSpace(s.t.Src[n.ArgStart:n.ArgEnd])
	if a == "" {
		return
	}
	if len(a) >= 2 && a[0] == '(' && a[len(a)-1] == ')' {
		inner := strings.TrimSpace(a[1 : len(a)-1])
		if inner == "" {
			return
		}
		if len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0] &&
			!strings.ContainsRune(inner[1:len(inner)-1], rune(inner[0])) {
			return
		}
	}
	s.errorf(n.ArgStart, n.ArgEnd, "abort_message takes nothing, () or one quoted reason: write {% abort_message('reason') %}")
}

// skipBody finds the end tag of the raw or comment block whose body starts at
// pos and returns the offset after it. Comments nest, and a raw block inside
// a comment is skipped whole, as in Liquid 5.5.
func (s *scanner) skipBody(pos int, name string) (int, bool) {
	src := s.t.Src
	depth := 1
	for {
		i := strings.Index(src[pos:], "{%")
		if i < 0 {
			return 0, false
		}
		j := pos + i + 2
		if j < len(src) && src[j] == '-' {
			j++
		}
		j = skipSpaces(src, j)
		k := j
		for k < len(src) && isNameByte(src[k], k > j) {
			k++
		}
		tag := src[j:k]
		if tag != "end"+name && (name != "comment" || tag != "comment" && tag != "raw") {
			pos = j // text to the block: the next {% may start right here
			continue
		}
		end := skipSpaces(src, k)
		if end < len(src) && src[end] == '-' {
			end++
		}
		if !strings.HasPrefix(src[end:], "%}") {
			pos = j
			continue
		}
		after := end + 2
		switch {
		case tag == "end"+name:
			if depth--; depth == 0 {
				return after, true
			}
		case name == "comment" && tag == "comment":
			depth++
		case name == "comment" && tag == "raw":
			if s.noEndRawFrom == 0 || after < s.noEndRawFrom {
				if r, ok := s.skipBody(after, "raw"); ok {
					after = r
				} else {
					s.noEndRawFrom = after
				}
			}
		}
		pos = after
	}
}

func isNameByte(c byte, notFirst bool) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || notFirst && '0' <= c && c <= '9'
}

func skipSpaces(src string, j int) int {
	for j < len(src) && isSpace(src[j]) {
		j++
	}
	return j
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func trimSpace(src string, start, end int) (int, int) {
	for start < end && isSpace(src[start]) {
		start++
	}
	for end > start && isSpace(src[end-1]) {
		end--
	}
	return start, end
}

// runeAt decodes the rune at i.
func runeAt(src string, i int) (rune, int) { return utf8.DecodeRuneInString(src[i:]) }

// article returns name after "a" or "an".
func article(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// Capacity is the number of nodes, tokens and filters t has room for: the
// memory ParseInto reuses.
func (t *Template) Capacity() int { return cap(t.Nodes) + cap(t.toks) + cap(t.filters) + cap(t.Errors) }

// Reset empties t, keeping its memory for ParseInto but nothing of the
// template it held.
func (t *Template) Reset() {
	clear(t.Nodes)
	clear(t.Errors)
	clear(t.toks)
	clear(t.filters)
	*t = Template{Nodes: t.Nodes[:0], Errors: t.Errors[:0], toks: t.toks[:0], filters: t.filters[:0], open: t.open[:0]}
}
