package validate

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// Repairs for schema errors. Each is offered only when the result is certain:
// one reading of the value, and a repair that keeps every byte the author
// wrote except quotes and brackets, or writes a literal the schema names.

var (
	jsonInteger = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)
	jsonNumber  = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)
)

// typeRepair repairs a value of the wrong type: a boolean or number written
// as a string, and a lone string or object where an array of them is wanted.
// items is the type (or types) the schema's array items take, if known.
func (m mapper) typeRepair(e *schema.Error, ptr string, value lint.Value, want []string) *lint.Repair {
	if v, ok := value.Str(); ok {
		switch {
		case slices.Contains(want, "boolean") && (strings.EqualFold(v, "true") || strings.EqualFold(v, "false")):
			// Literals: v points into the payload, which the diagnostic outlives.
			if strings.EqualFold(v, "true") {
				return replacement(ptr, "write true without quotes", "true")
			}
			return replacement(ptr, "write false without quotes", "false")
		case slices.Contains(want, "integer") && jsonInteger.MatchString(v),
			slices.Contains(want, "number") && jsonNumber.MatchString(v):
			return replacement(ptr, "write the number without quotes", strings.Clone(v)) // v points into the payload
		case slices.Contains(want, "array") && slices.Contains(m.itemTypes(e), "string") && !strings.ContainsAny(v, ",; \t\n"):
			// A string with a separator may be a list written out: which
			// elements it holds is a guess, so it gets no repair.
			fix := lint.Wrap("put the string in an array", ptr, "[", "]")
			return &fix
		}
	}
	if value.IsObject() && slices.Contains(want, "array") && slices.Contains(m.itemTypes(e), "object") {
		fix := lint.Wrap("put the object in an array", ptr, "[", "]")
		return &fix
	}
	return nil
}

// replacement is a repair that replaces the value at ptr with text.
func replacement(ptr, message, text string) *lint.Repair {
	// The repair and its one edit are made together: one allocation.
	r := &struct {
		lint.Repair
		edit [1]lint.TargetEdit
	}{}
	r.edit[0] = lint.TargetEdit{At: lint.ValueAt(ptr), Place: lint.Replace, NewText: text}
	r.Repair = lint.Repair{Message: message, Edits: r.edit[:]}
	return &r.Repair
}

// enumRepair repairs a string that differs from exactly one allowed value
// only in case.
func enumRepair(ptr string, got any, allowed []string) *lint.Repair {
	s, ok := got.(string)
	if !ok {
		return nil
	}
	var match string
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			if match != "" {
				return nil // two values differ only in case: which one is a guess
			}
			match = a
		}
	}
	if match == "" {
		return nil
	}
	quoted, _ := json.Marshal(match)
	return replacement(ptr, "write "+match, string(quoted))
}

// itemTypes returns the types the items of the array schema that failed
// with e may have, following $refs; nil when the schema does not say.
func (m mapper) itemTypes(e *schema.Error) []string {
	c := m.cached()
	if types, ok := c.items[e.SchemaURL]; ok {
		return types // the schemas' own locations: a few
	}
	items, _ := m.checker.SchemaAt(e.SchemaURL)["items"].(map[string]any)
	base, _ := splitSchemaURL(e.SchemaURL)
	types := schemaTypes(m.deref(base, items))
	if len(c.items) < maxCached {
		c.items[e.SchemaURL] = types
	}
	return types
}

// itemEnum returns the strings the items of the array schema that failed
// with e must be one of; nil when they are not an enum of strings.
func (m mapper) itemEnum(e *schema.Error) []string {
	items, _ := m.checker.SchemaAt(e.SchemaURL)["items"].(map[string]any)
	base, _ := splitSchemaURL(e.SchemaURL)
	list, _ := m.deref(base, items)["enum"].([]any)
	return enumStrings(list)
}

// typesAt returns the types the schema at url allows, following $refs; nil
// when it does not say.
func (m mapper) typesAt(url string) []string {
	c := m.cached()
	if types, ok := c.types[url]; ok {
		return types
	}
	base, _ := splitSchemaURL(url)
	types := schemaTypes(m.deref(base, m.checker.SchemaAt(url)))
	if len(c.types) < maxCached {
		c.types[url] = types
	}
	return types
}

// deref follows a chain of $refs from node, a schema object in the file at
// base, to the schema that has no $ref.
func (m mapper) deref(base string, node map[string]any) map[string]any {
	for range 8 { // a chain of $refs; the schemas have at most two
		ref, ok := node["$ref"].(string)
		if !ok {
			break
		}
		file, frag := splitSchemaURL(ref)
		if file != "" {
			base = base[:strings.LastIndexByte(base, '/')+1] + file
		}
		node = m.checker.SchemaAt(base + "#" + frag)
	}
	return node
}

func schemaTypes(node map[string]any) []string {
	switch t := node["type"].(type) {
	case string:
		return []string{t}
	case []any:
		return enumStrings(t)
	}
	return nil
}
