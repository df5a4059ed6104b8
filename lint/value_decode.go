package lint

import (
	"encoding/json"
	"strings"

	"github.com/brazelint/brazelint/internal/tape"
)

// Decode returns the value decoded as encoding/json does with UseNumber:
// objects map[string]any, arrays []any, numbers json.Number, strings, bools
// and nil; of repeated names the last, Absent members left out; nil for the
// absent Value. The result shares nothing with the Doc, so it outlives it.
// It allocates: only what needs a Go value (a schema check of one value)
// decodes, and only that value.
func (v Value) Decode() any {
	switch v.kind() {
	case tape.Object:
		obj := make(map[string]any, v.Len())
		for name, m := range v.Members() {
			obj[strings.Clone(name)] = m.Decode()
		}
		return obj
	case tape.Array:
		arr := make([]any, 0, v.Len())
		for _, e := range v.Elements() {
			arr = append(arr, e.Decode())
		}
		return arr
	case tape.String:
		s, _ := v.Str()
		return strings.Clone(s)
	case tape.Number:
		n, _ := v.Number()
		return json.Number(strings.Clone(n))
	case tape.True:
		return true
	case tape.False:
		return false
	}
	return nil
}
