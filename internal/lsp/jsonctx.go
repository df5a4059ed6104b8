package lsp

import (
	"encoding/json"
	"strconv"
)

// role says what the cursor is at in a JSON document.
type role uint8

const (
	roleNone  role = iota
	roleKey        // where a member name goes, or inside one
	roleValue      // where a value goes, or inside one
)

// cursor is what a tolerant read of a JSON document, which may be half
// written, finds at a byte offset.
type cursor struct {
	role role
	// container is the JSON pointer tokens of the object or array the
	// cursor is in.
	container []string
	inObject  bool
	// name is the member the cursor's value belongs to (roleValue in an
	// object), or the element's index (in an array).
	name string
	// token is the string or literal under the cursor, [start, end) with
	// quotes; start == end == -1 when there is none.
	start, end int
	inString   bool   // the cursor is between a string's quotes
	text       string // the token's text, a string unescaped
	// siblings are the member names of the enclosing object.
	siblings []string
}

type frame struct {
	token     string // this container's name or index in its parent
	isObject  bool
	expectKey bool   // an object waiting for a member name
	name      string // the member whose value comes next, or came last
	index     int    // the next element's index, in an array
	keys      []string
}

// pointerTokens is the path to the value the cursor is at: the container's
// path with the member name or index.
func (c *cursor) pointerTokens() []string {
	out := append([]string(nil), c.container...)
	if c.role == roleKey && c.inObject {
		return append(out, c.text)
	}
	return append(out, c.name)
}

// locate reads data up to offset (and on to the end of the enclosing
// object, for its member names) and says what is there. It never fails: on
// text that is not JSON it reads what it can. A cursor at the start of a
// token is on it for hover, and before it for completion (insert).
func locate(data []byte, offset int, insert bool) cursor {
	cur := cursor{start: -1, end: -1}
	var stack []*frame
	var found *frame // the container of the cursor, once decided
	decided := false
	decide := func(start, end int, isString, closed bool, text string) {
		decided = true
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		found = top
		for _, f := range stack[1:] {
			cur.container = append(cur.container, f.token)
		}
		cur.inObject = top.isObject
		switch {
		case top.isObject && top.expectKey:
			cur.role = roleKey
		case top.isObject:
			cur.role, cur.name = roleValue, top.name
		default:
			cur.role, cur.name = roleValue, strconv.Itoa(top.index)
		}
		if start >= 0 {
			cur.start, cur.end, cur.text = start, end, text
			cur.inString = isString && offset > start && (offset < end || !closed)
		}
	}
	n := len(data)
	for i := 0; i < n; {
		c := data[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		// The cursor before a token is between tokens; at a string or a
		// literal it is in that token.
		if !decided && (offset < i || offset == i && (insert || !isTokenStart(c))) {
			decide(-1, -1, false, false, "")
		}
		if decided && found == nil {
			return cur
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch c {
		case '{', '[':
			f := &frame{isObject: c == '{', expectKey: c == '{'}
			if top != nil {
				if top.isObject {
					f.token = top.name
				} else {
					f.token = strconv.Itoa(top.index)
				}
			}
			stack = append(stack, f)
			i++
		case '}', ']':
			if len(stack) > 0 {
				if decided && stack[len(stack)-1] == found {
					cur.siblings = found.keys
					return cur
				}
				stack = stack[:len(stack)-1]
			}
			i++
		case ',':
			if top != nil {
				if top.isObject {
					top.expectKey, top.name = true, ""
				} else {
					top.index++
				}
			}
			i++
		case ':':
			if top != nil && top.isObject {
				top.expectKey = false
			}
			i++
		case '"':
			end, closed := stringEnd(data, i)
			raw := data[i:end]
			text := unquote(raw, closed)
			if !decided && offset <= end && (offset < end || !closed) {
				decide(i, end, true, closed, text)
			}
			if top != nil && top.isObject && top.expectKey {
				top.name = text
				top.keys = append(top.keys, text)
				top.expectKey = false // a colon should follow
			}
			i = end
		default:
			end := i + 1
			for end < n && isLiteralByte(data[end]) {
				end++
			}
			if !decided && offset <= end {
				decide(i, end, false, true, string(data[i:end]))
			}
			i = end
		}
	}
	if !decided {
		decide(-1, -1, false, false, "")
	}
	if found != nil {
		cur.siblings = found.keys
	}
	return cur
}

// stringEnd is the offset after the string starting at data[start] (a
// quote), and whether it is closed; an unclosed string ends at its line.
func stringEnd(data []byte, start int) (int, bool) {
	for i := start + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		case '\n', '\r':
			return i, false
		}
	}
	return len(data), false
}

func unquote(raw []byte, closed bool) string {
	if !closed {
		raw = append(append([]byte(nil), raw...), '"')
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		if len(raw) >= 2 {
			return string(raw[1 : len(raw)-1])
		}
		return ""
	}
	return s
}

func isTokenStart(c byte) bool { return c == '"' || isLiteralByte(c) }

func isLiteralByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+'
}
