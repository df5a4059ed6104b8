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
	// The members and elements are read off the tape here rather than
	// through Members and Elements, whose closures would make v, and
	// whatever holds it, escape.
	switch v.kind() {
	case tape.Object:
		nodes := v.d.t.Nodes
		obj := make(map[string]any, v.Len())
		for k := v.i + 1; k < nodes[v.i].Next; k = nodes[k].Next {
			if nodes[k].Flags&(tape.Shadowed|tape.Absent) == 0 {
				obj[strings.Clone(v.d.str(k))] = Value{v.d, k + 1}.Decode()
			}
		}
		return obj
	case tape.Array:
		nodes := v.d.t.Nodes
		arr := make([]any, 0, v.Len())
		for e := v.i + 1; e < nodes[v.i].Next; e = nodes[e].Next {
			arr = append(arr, Value{v.d, e}.Decode())
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
