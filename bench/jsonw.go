package main

import (
	"strconv"
	"unicode/utf8"
)

// obj is a JSON object that keeps its members in the order they were added,
// as payloads written by people or by other languages' encoders do;
// encoding/json would sort a map's keys.
type obj []member

type member struct {
	key string
	val any
}

func (o *obj) set(key string, val any) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].val = val
			return
		}
	}
	*o = append(*o, member{key, val})
}

func (o obj) get(key string) (any, bool) {
	for _, m := range o {
		if m.key == key {
			return m.val, true
		}
	}
	return nil, false
}

func (o *obj) del(key string) {
	for i := range *o {
		if (*o)[i].key == key {
			*o = append((*o)[:i], (*o)[i+1:]...)
			return
		}
	}
}

// appendJSON writes v (an obj, []any, string, int, float64, bool or nil) as
// JSON: compact when indent is false, else with two spaces per level as
// editors save files. HTML characters are left alone, unlike encoding/json,
// because the email bodies in the corpus are HTML.
func appendJSON(b []byte, v any, indent bool) []byte {
	return appendValue(b, v, indent, 0)
}

func appendValue(b []byte, v any, indent bool, depth int) []byte {
	switch v := v.(type) {
	case obj:
		if len(v) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, m := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, indent, depth+1)
			b = appendString(b, m.key)
			b = append(b, ':')
			if indent {
				b = append(b, ' ')
			}
			b = appendValue(b, m.val, indent, depth+1)
		}
		b = newline(b, indent, depth)
		return append(b, '}')
	case []any:
		if len(v) == 0 {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, indent, depth+1)
			b = appendValue(b, e, indent, depth+1)
		}
		b = newline(b, indent, depth)
		return append(b, ']')
	case string:
		return appendString(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	case bool:
		return strconv.AppendBool(b, v)
	case nil:
		return append(b, "null"...)
	}
	panic("bench: cannot write a JSON value of this type")
}

func newline(b []byte, indent bool, depth int) []byte {
	if !indent {
		return b
	}
	b = append(b, '\n')
	for range depth {
		b = append(b, "  "...)
	}
	return b
}

// appendString quotes s the way JSON needs and no more: quotes, backslashes
// and control characters are escaped, all other UTF-8 is written as is.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		panic("bench: generated a string that is not UTF-8")
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
