package lint

import (
	"encoding/json"
	"iter"
	"strconv"

	"github.com/brazelint/brazelint/internal/jsonnum"
)

// Helpers for reading the decoded payload. A value of the wrong JSON type reads
// as absent (ok == false): type errors are the schema's to report, and a Go rule
// that fired on them too would report one defect twice.

func object(v any) (map[string]any, bool) { m, ok := v.(map[string]any); return m, ok }
func array(v any) ([]any, bool)           { a, ok := v.([]any); return a, ok }
func boolean(v any) (bool, bool)          { b, ok := v.(bool); return b, ok }
func str(v any) (string, bool)            { s, ok := v.(string); return s, ok }

// isTrue reports whether obj[key] is the JSON literal true.
func isTrue(obj map[string]any, key string) bool {
	b, ok := boolean(obj[key])
	return ok && b
}

// isFalse reports whether obj[key] is the JSON literal false.
func isFalse(obj map[string]any, key string) bool {
	b, ok := boolean(obj[key])
	return ok && !b
}

// nonEmptyArray returns obj[key] when it is an array with at least one element.
func nonEmptyArray(obj map[string]any, key string) ([]any, bool) {
	a, ok := array(obj[key])
	return a, ok && len(a) > 0
}

// names reports whether obj[key] names users or a target: present and not an
// empty array. A value of the wrong type still counts as an attempt to target,
// so targeting rules stay quiet and the type error stands alone.
func names(obj map[string]any, key string) bool {
	v, ok := obj[key]
	if !ok {
		return false
	}
	a, isArray := array(v)
	return !isArray || len(a) > 0
}

// isScalar reports whether v is a string, number or boolean.
func isScalar(v any) bool {
	switch v.(type) {
	case string, json.Number, bool:
		return true
	}
	return false
}

// has reports whether obj has the member key, whatever its value.
func has(obj map[string]any, key string) bool {
	_, ok := obj[key]
	return ok
}

// recipients yields the index and value of each element of the recipients
// array of a /campaigns/trigger/send payload that is an object.
func recipients(root map[string]any) iter.Seq2[int, map[string]any] {
	return func(yield func(int, map[string]any) bool) {
		list, _ := array(root["recipients"])
		for i, v := range list {
			if r, ok := object(v); ok && !yield(i, r) {
				return
			}
		}
	}
}

// integer returns the decimal digits of v when it is a JSON number with an
// integral value (1000, 1e3, 1000.0 alike), as JSON Schema's "integer" type
// judges it. A whole number of more than maxIntegerDigits digits (1e999999)
// is named by its digits and exponent after a NUL, which no digit string
// equals: writing out its zeros would cost more than the payload.
func integer(v any) (string, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return "", false
	}
	d, ok := jsonnum.Parse(string(n))
	if !ok || !d.IsInteger() {
		return "", false
	}
	if digits, ok := d.Integer(maxIntegerDigits); ok {
		return digits, true
	}
	sign := ""
	if d.Neg {
		sign = "-"
	}
	return "\x00" + sign + d.Digits + "e" + strconv.Itoa(d.Exp), true
}

// maxIntegerDigits bounds the digits integer writes out.
const maxIntegerDigits = 1000
