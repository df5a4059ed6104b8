package lint

import (
	"encoding/json"
	"unicode/utf8"
)

// Measures of the payload's bytes, for the size rules: Braze measures the
// bytes it receives, so these read the JSON text as written.

// compactLen is the length of v's JSON text with the white space outside
// strings left out: v written as compact JSON, escapes and number spellings
// as the payload has them. An absent value measures 0.
func compactLen(v Value) int {
	raw := v.Raw()
	if !v.IsObject() && !v.IsArray() {
		return len(raw)
	}
	n := len(raw)
	inString := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case inString:
			switch c {
			case '\\':
				i++ // the escaped byte cannot end the string
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			n--
		}
	}
	return n
}

// memberLen is the compact length of the member whose value is v, as
// Members or Get returned it: its name as written, the colon and its value.
func memberLen(v Value) int {
	return len(Value{v.d, v.i - 1}.Raw()) + 1 + compactLen(v)
}

// The decoded tree's measure, kept for the rules that still read the tree
// (attribute-array-size); the size rules ported to the tape use compactLen.

// compactSize is the length in bytes of v written as compact JSON, the way
// encoding/json writes it (HTML escaping aside).
func compactSize(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := 2 + max(len(v)-1, 0) // braces and commas
		for k, e := range v {
			n += stringSize(k) + 1 + compactSize(e)
		}
		return n
	case []any:
		n := 2 + max(len(v)-1, 0)
		for _, e := range v {
			n += compactSize(e)
		}
		return n
	case string:
		return stringSize(v)
	case json.Number:
		return len(v)
	case bool:
		if v {
			return 4
		}
		return 5
	default: // nil
		return 4
	}
}

// stringSize is the length of s as a JSON string literal, quotes included.
func stringSize(s string) int {
	n := 2
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '\n' || r == '\r' || r == '\t' || r == '\b' || r == '\f':
			n += 2
		case r < 0x20:
			n += 6 // \u00XX
		default:
			n += utf8.RuneLen(r)
		}
	}
	return n
}
