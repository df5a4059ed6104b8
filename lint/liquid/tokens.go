package liquid

import "strings"

// TokKind is the kind of an expression token.
type TokKind uint8

const (
	Path        TokKind = iota + 1 // a variable or reference: first_name, custom_attribute.${Brands Viewed}[0], result.__http_status_code__
	String                         // a quoted literal, quotes included
	Number                         // 12, -1.5, 1..5
	Pipe                           // |
	Colon                          // :
	Comma                          // ,
	LParen                         // (
	RParen                         // )
	Operator                       // == != <> < > <= >= =
	BadOperator                    // && or ||, which Liquid does not have (LIQ-11)
	CurlyQuote                     // ‘ ’ “ ”, which do not delimit strings (LIQ-9)
	Nested                         // an output nested in the expression: {{balance}} (LIQ-8)
	Other                          // anything else, one character
)

// Token is one expression token. For a Nested token, Node is the index of
// the nested output.
type Token struct {
	Kind       TokKind
	Start, End int
	Node       int
}

// child returns the first node from index from on whose Parent is parent,
// or -1. The nested outputs of a node follow it, each with its own nested
// ones after it, so finding them all reads each node once.
func (s *scanner) child(parent, from int) int {
	for k := from; k < len(s.t.Nodes); k++ {
		if s.t.Nodes[k].Parent == parent {
			return k
		}
	}
	return -1
}

// Text returns the token's source text.
func (t *Template) Text(tok Token) string { return t.Src[tok.Start:tok.End] }

// tokens splits src[start:end], the arguments of the node at parent, into
// expression tokens; the outputs nested in them are the nodes whose Parent
// is parent.
func (s *scanner) tokens(start, end, parent int) []Token {
	child := s.child(parent, parent+1)
	src := s.t.Src
	first := len(s.t.toks)
	toks := s.t.toks
	j := start
	for j < end {
		c := src[j]
		if isSpace(c) {
			j++
			continue
		}
		if child >= 0 && j == s.t.Nodes[child].Start {
			n := s.t.Nodes[child]
			toks = append(toks, Token{Kind: Nested, Start: n.Start, End: n.End, Node: child})
			j = n.End
			child = s.child(parent, child+1)
			continue
		}
		k, kind := j+1, Other
		switch {
		case c == '\'' || c == '"':
			kind = String
			if q := strings.IndexByte(src[j+1:end], c); q >= 0 {
				k = j + 1 + q + 1
			} else {
				k = end
			}
		case c == '$' && j+1 < end && src[j+1] == '{' || c == '_' || c == '[' || isNameByte(c, false):
			kind, k = Path, max(s.path(j, end), j+1) // always progress
		case '0' <= c && c <= '9' || c == '-' && j+1 < end && '0' <= src[j+1] && src[j+1] <= '9':
			kind, k = Number, j+1
			for k < end && ('0' <= src[k] && src[k] <= '9' || src[k] == '.') {
				k++
			}
		case c == '|':
			kind = Pipe
			if j+1 < end && src[j+1] == '|' {
				kind, k = BadOperator, j+2
			}
		case c == '&' && j+1 < end && src[j+1] == '&':
			kind, k = BadOperator, j+2
		case c == ':':
			kind = Colon
		case c == ',':
			kind = Comma
		case c == '(':
			kind = LParen
		case c == ')':
			kind = RParen
		case c == '=' || c == '!' || c == '<' || c == '>':
			kind = Operator
			if j+1 < end && (src[j+1] == '=' || c == '<' && src[j+1] == '>') {
				k = j + 2
			}
		case c >= 0x80:
			r, size := runeAt(src, j)
			k = j + size
			if r == '‘' || r == '’' || r == '“' || r == '”' {
				kind = CurlyQuote
			}
		}
		toks = append(toks, Token{Kind: kind, Start: j, End: min(k, end)})
		j = k
	}
	s.t.toks = toks
	if len(toks) == first {
		return nil
	}
	return toks[first:len(toks):len(toks)]
}

// path returns the end of the variable or reference that starts at j: names,
// dots, `${...}` segments and bracketed indexes.
func (s *scanner) path(j, end int) int {
	src := s.t.Src
	for j < end {
		c := src[j]
		switch {
		case c == '$' && j+1 < end && src[j+1] == '{':
			k := strings.IndexByte(src[j:end], '}')
			if k < 0 {
				return end
			}
			j += k + 1
		case c == '[':
			k := strings.IndexByte(src[j:end], ']')
			if k < 0 {
				return end
			}
			j += k + 1
		case c == '.' && !(j+1 < end && src[j+1] == '.') || c == '-' || c == '?' || isNameByte(c, true):
			j++
		default:
			return j
		}
	}
	return j
}

// Ref is what a Path token names.
type Ref struct {
	// Root is the name before the first `.`, `[` or `${`: a namespace such as
	// custom_attribute, or a local variable. It is "" for a bare `${...}`.
	Root string
	// Name is the text inside the first `${...}`, and NameStart its offset;
	// HasRef is false for a plain variable such as `balance`.
	Name      string
	NameStart int
	HasRef    bool
}

// PathRef reads a Path token.
func (t *Template) PathRef(tok Token) Ref {
	text := t.Src[tok.Start:tok.End]
	r := Ref{Root: text}
	// One pass finds both the root's end, at the first of . [ $, and the
	// first ${, which cannot come before it.
	i, rootEnd := 0, -1
	for ; i < len(text); i++ {
		if c := text[i]; c == '.' || c == '[' || c == '$' {
			if rootEnd < 0 {
				rootEnd = i
			}
			if c == '$' && i+1 < len(text) && text[i+1] == '{' {
				break
			}
		}
	}
	if rootEnd >= 0 {
		r.Root = text[:rootEnd]
	}
	if i < len(text) {
		r.HasRef = true
		rest := text[i+2:]
		if k := strings.IndexByte(rest, '}'); k >= 0 {
			rest = rest[:k]
		}
		r.Name, r.NameStart = rest, tok.Start+i+2
	}
	return r
}

// HasRef reports whether a Path token holds a `${...}` reference: its
// PathRef's HasRef, without reading the rest.
func (t *Template) HasRef(tok Token) bool { return strings.Contains(t.Src[tok.Start:tok.End], "${") }

// Filter is one filter applied in an expression.
type Filter struct {
	Name       string
	Start, End int // the filter's name
	// Args are the tokens of its arguments, after the colon.
	Args []Token
}

// Filters returns the filters in the node's own expression.
func (t *Template) Filters(n *Node) []Filter { return n.filters }

// filters lists the filters of toks, a node's tokens, as subslices of the
// template's memory of filters.
func (s *scanner) filters(toks []Token) []Filter {
	t := s.t
	first := len(t.filters)
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != Pipe || i+1 >= len(toks) || toks[i+1].Kind != Path {
			continue
		}
		name := toks[i+1]
		f := Filter{Name: t.Text(name), Start: name.Start, End: name.End}
		i += 2
		if i < len(toks) && toks[i].Kind == Colon {
			i++
			from := i
			for i < len(toks) && toks[i].Kind != Pipe {
				i++
			}
			f.Args = toks[from:i:i]
		}
		i--
		t.filters = append(t.filters, f)
	}
	if len(t.filters) == first {
		return nil
	}
	return t.filters[first:len(t.filters):len(t.filters)]
}
