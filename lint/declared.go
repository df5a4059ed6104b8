package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/schema"
)

// Declared reports whether name is a member name the schemas declare
// somewhere: Braze's vocabulary, safe to print. Any other member name is
// payload data (a key can be an email address or a user id, such as the keys
// of trigger_properties or a mistaken {"jane@example.com": ...}), which
// messages, errors and baselines must not repeat: Path writes it as *.
func Declared(name string) bool { return declaredNames()[name] }

var declaredNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				if k == "properties" || k == "dependentRequired" || k == "dependentSchemas" {
					if props, ok := sub.(map[string]any); ok {
						for name := range props {
							names[name] = true
						}
					}
				}
				if k == "required" {
					if list, ok := sub.([]any); ok {
						for _, n := range list {
							if s, ok := n.(string); ok {
								names[s] = true
							}
						}
					}
				}
				walk(sub)
			}
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	for _, file := range schema.Files {
		data, err := schema.Source(file)
		if err != nil {
			panic("lint: embedded schema " + file + ": " + err.Error())
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			panic("lint: embedded schema " + file + ": " + err.Error())
		}
		walk(doc)
	}
	return names
})

// undeclaredToken is how Path writes a member name the schemas do not
// declare.
const undeclaredToken = "*"

// PrivatePointer is pointer with every member name the schemas do not
// declare replaced by ~h and a short hash of the name: for records that
// outlive a run, such as baselines, which must tell members apart without
// holding the names. Array indexes stay. ~h is no valid escape, so the
// result never resolves to a member by mistake.
func PrivatePointer(pointer string) string {
	if pointer == "" {
		return ""
	}
	tokens := jsonpointer.Tokens(pointer)
	changed := false
	for i, t := range tokens {
		name := jsonpointer.Unescape(t)
		if Declared(name) || isIndex(name) {
			continue
		}
		sum := sha256.Sum256([]byte(name))
		tokens[i] = "~h" + hex.EncodeToString(sum[:4])
		changed = true
	}
	if !changed {
		return pointer
	}
	return "/" + strings.Join(tokens, "/")
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
