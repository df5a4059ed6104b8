package liquid

import "strings"

// urlAttributes are the HTML attributes whose value is a URL (LIQ-43).
var urlAttributes = []string{"href", "src", "action", "srcset", "background"}

// URLSpans returns the parts of the template's text that hold a URL
// (LIQ-43): the values of the HTML attributes href, src, action, srcset and
// background, and the targets of Markdown links, `[text](target)`. The
// outputs and tags inside a value are part of it; quotes and brackets inside
// them do not end it. A value left open runs to the end of the template.
// It reads the text as it comes, without parsing HTML: cheap, and only
// wrong on text that merely looks like markup.
func (t *Template) URLSpans() []Span {
	const (
		text     = iota
		afterEq  // after `href=`, before the value
		quoted   // inside a quoted attribute value
		unquoted // inside an unquoted attribute value
		link     // inside a Markdown link target
	)
	src := t.Src
	var spans []Span
	state, start := text, 0
	var quote byte
	node := t.nextTopNode(0)
	for i := 0; i < len(src); {
		if node < len(t.Nodes) && i == t.Nodes[node].Start {
			i = t.Nodes[node].End
			node = t.nextTopNode(node + 1)
			if state == afterEq {
				state = unquoted // href={{url}}
			}
			continue
		}
		c := src[i]
		switch state {
		case text:
			switch {
			case c == '=' && urlAttributeBefore(src, i):
				state, start = afterEq, i+1
			case c == ']' && i+1 < len(src) && src[i+1] == '(':
				state, start = link, i+2
				i++
			}
		case afterEq:
			switch {
			case c == '"' || c == '\'':
				state, quote, start = quoted, c, i+1
			case isSpace(c):
				start = i + 1
			case c == '>':
				state = text
			default:
				state = unquoted
			}
		case quoted:
			if c == quote {
				spans = appendSpan(spans, start, i)
				state = text
			}
		case unquoted, link:
			if isSpace(c) || state == unquoted && c == '>' || state == link && c == ')' {
				spans = appendSpan(spans, start, i)
				state = text
			}
		}
		i++
	}
	if state != text && state != afterEq {
		spans = appendSpan(spans, start, len(src))
	}
	return spans
}

func appendSpan(spans []Span, start, end int) []Span {
	if start == end {
		return spans
	}
	return append(spans, Span{start, end})
}

// nextTopNode returns the index of the first node at or after i that no other
// node encloses, or len(t.Nodes).
func (t *Template) nextTopNode(i int) int {
	for i < len(t.Nodes) && t.Nodes[i].Parent >= 0 {
		i++
	}
	return i
}

// urlAttributeBefore reports whether the `=` at eq follows the name of a
// URL attribute, itself after whitespace: ` href=`, ` SRC =`.
func urlAttributeBefore(src string, eq int) bool {
	end := eq
	for end > 0 && isSpace(src[end-1]) {
		end--
	}
	start := end
	for start > 0 && isNameByte(src[start-1], false) {
		start--
	}
	if start == end || start == 0 || !isSpace(src[start-1]) {
		return false
	}
	for _, a := range urlAttributes {
		if strings.EqualFold(src[start:end], a) {
			return true
		}
	}
	return false
}

// InSpans reports whether offset lies in one of spans.
func InSpans(spans []Span, offset int) bool {
	for _, s := range spans {
		if s.Start <= offset && offset < s.End {
			return true
		}
	}
	return false
}
