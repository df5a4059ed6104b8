package lsp

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
	"github.com/brazelint/brazelint/validate"
)

// A subschema is one schema object of the embedded schemas at its absolute
// location, as schema.Checker names locations.
type subschema struct {
	url string
	obj map[string]any
}

// rootSchemas are the root schemas of ep; every endpoint's when it is not
// known.
func rootSchemas(ep validate.Endpoint) []subschema {
	eps := []validate.Endpoint{ep}
	if ep == validate.Auto || ep == "" {
		eps = lint.Endpoints
	}
	c, err := schema.Fast()
	if err != nil {
		return nil
	}
	var out []subschema
	for _, e := range eps {
		url := schema.BaseURL + validate.SchemaFile(e) + "#"
		if obj := c.SchemaAt(url); obj != nil {
			out = append(out, subschema{url, obj})
		}
	}
	return out
}

// resolveRef is the absolute location a $ref in the schema at from names.
func resolveRef(from, ref string) string {
	if strings.HasPrefix(ref, "#") {
		file, _, _ := strings.Cut(from, "#")
		return file + ref
	}
	return schema.BaseURL + ref
}

// expand adds to out the schema s and those that apply with it to the same
// instance: what its $ref names, its allOf members, and the branch of an
// if that applies to instance (both when instance is not known).
func expand(c *schema.Checker, s subschema, instance any, known bool, out *[]subschema, depth int) {
	if depth > 16 || slices.ContainsFunc(*out, func(o subschema) bool { return o.url == s.url }) {
		return
	}
	*out = append(*out, s)
	at := func(url string) {
		if obj := c.SchemaAt(url); obj != nil {
			expand(c, subschema{url, obj}, instance, known, out, depth+1)
		}
	}
	if ref, ok := s.obj["$ref"].(string); ok {
		at(resolveRef(s.url, ref))
	}
	if all, ok := s.obj["allOf"].([]any); ok {
		for i := range all {
			at(s.url + "/allOf/" + strconv.Itoa(i))
		}
	}
	if _, ok := s.obj["if"]; ok {
		holds := c.ValidAt(s.url+"/if", instance)
		if !known || holds {
			at(s.url + "/then")
		}
		if !known || !holds {
			at(s.url + "/else")
		}
	}
}

// schemasAt are the subschemas that apply at the JSON pointer tokens of
// path under roots. root is the decoded document, when it parses, for the
// conditions on the way.
func schemasAt(roots []subschema, root any, rootKnown bool, path []string) []subschema {
	c, err := schema.Fast()
	if err != nil {
		return nil
	}
	instance, known := root, rootKnown
	var cur []subschema
	for _, r := range roots {
		expand(c, r, instance, known, &cur, 0)
	}
	for _, tok := range path {
		instance, known = child(instance, known, tok)
		var next []subschema
		for _, s := range cur {
			for _, url := range childURLs(s, tok) {
				if obj := c.SchemaAt(url); obj != nil {
					expand(c, subschema{url, obj}, instance, known, &next, 0)
				}
			}
		}
		cur = next
	}
	return cur
}

// childURLs are the locations of the schemas of member or element tok under
// s: a declared property, else additionalProperties, or items.
func childURLs(s subschema, tok string) []string {
	esc := jsonpointer.Escape(tok)
	if props, ok := s.obj["properties"].(map[string]any); ok {
		if _, ok := props[tok]; ok {
			return []string{s.url + "/properties/" + esc}
		}
	}
	var out []string
	if _, ok := s.obj["additionalProperties"].(map[string]any); ok {
		out = append(out, s.url+"/additionalProperties")
	}
	if _, err := strconv.Atoi(tok); err == nil {
		if _, ok := s.obj["items"].(map[string]any); ok {
			out = append(out, s.url+"/items")
		}
	}
	return out
}

func child(v any, known bool, tok string) (any, bool) {
	if !known {
		return nil, false
	}
	switch v := v.(type) {
	case map[string]any:
		c, ok := v[tok]
		return c, ok
	case []any:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(v) {
			return v[i], true
		}
	}
	return nil, false
}

// member is a member name the schemas declare for an object.
type member struct {
	name       string
	required   bool
	deprecated bool
	schemas    []subschema // its own schemas, for its documentation and value shape
}

// members are the member names the schemas s declare, without those they
// forbid (a false schema), required ones marked.
func members(s []subschema) []member {
	c, err := schema.Fast()
	if err != nil {
		return nil
	}
	byName := map[string]*member{}
	forbidden := map[string]bool{}
	var order []string
	required := map[string]bool{}
	for _, sc := range s {
		if req, ok := sc.obj["required"].([]any); ok {
			// Required members of a conditional branch are required only
			// when the branch applies, which expand already decided.
			for _, r := range req {
				if name, ok := r.(string); ok {
					required[name] = true
				}
			}
		}
		props, _ := sc.obj["properties"].(map[string]any)
		for name, p := range props {
			if b, ok := p.(bool); ok && !b {
				forbidden[name] = true
				continue
			}
			m := byName[name]
			if m == nil {
				m = &member{name: name}
				byName[name] = m
				order = append(order, name)
			}
			url := sc.url + "/properties/" + jsonpointer.Escape(name)
			if obj := c.SchemaAt(url); obj != nil {
				var exp []subschema
				expand(c, subschema{url, obj}, nil, false, &exp, 0)
				m.schemas = append(m.schemas, exp...)
				if d, _ := obj["deprecated"].(bool); d {
					m.deprecated = true
				}
			}
		}
	}
	slices.Sort(order)
	var out []member
	for _, name := range order {
		if forbidden[name] && len(byName[name].schemas) == 0 {
			continue
		}
		m := byName[name]
		m.required = required[name]
		out = append(out, *m)
	}
	return out
}

// facts is what the schemas s say about a value, gathered for hover and
// completion.
type facts struct {
	descriptions []string
	types        []string
	enum         []any
	defaults     []any
	limits       []string
	formats      []string
	deprecated   bool
}

var limitWords = []struct{ key, say string }{
	{"minLength", "at least %s characters"}, {"maxLength", "at most %s characters"},
	{"minimum", "at least %s"}, {"maximum", "at most %s"},
	{"exclusiveMinimum", "more than %s"}, {"exclusiveMaximum", "less than %s"},
	{"minItems", "at least %s elements"}, {"maxItems", "at most %s elements"},
	{"minProperties", "at least %s members"}, {"maxProperties", "at most %s members"},
	{"pattern", "matches `%s`"},
}

func factsOf(s []subschema) facts {
	var f facts
	addUnique := func(list []string, v string) []string {
		if v == "" || slices.Contains(list, v) {
			return list
		}
		return append(list, v)
	}
	for _, sc := range s {
		if d, ok := sc.obj["description"].(string); ok {
			f.descriptions = addUnique(f.descriptions, d)
		}
		switch t := sc.obj["type"].(type) {
		case string:
			f.types = addUnique(f.types, t)
		case []any:
			for _, x := range t {
				if x, ok := x.(string); ok {
					f.types = addUnique(f.types, x)
				}
			}
		}
		if e, ok := sc.obj["enum"].([]any); ok {
			for _, v := range e {
				if !slices.ContainsFunc(f.enum, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
					f.enum = append(f.enum, v)
				}
			}
		}
		if v, ok := sc.obj["const"]; ok && !slices.ContainsFunc(f.enum, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
			f.enum = append(f.enum, v)
		}
		if v, ok := sc.obj["default"]; ok {
			f.defaults = append(f.defaults, v)
		}
		for _, l := range limitWords {
			if v, ok := sc.obj[l.key]; ok {
				f.limits = addUnique(f.limits, fmt.Sprintf(l.say, fmt.Sprint(v)))
			}
		}
		if v, ok := sc.obj["format"].(string); ok {
			f.formats = addUnique(f.formats, v)
		}
		if d, _ := sc.obj["deprecated"].(bool); d {
			f.deprecated = true
		}
	}
	return f
}

// specIDs are the ids of the specification's facts a description cites,
// like MS-14, OBJ-APPLE-2 or LIQ-I5.
var specIDs = regexp.MustCompile(`\b[A-Z]{2,}(?:-[A-Z]+)*-I?\d+(?:\.\.[A-Z]{2,}(?:-[A-Z]+)*-I?\d+)?\b`)

// markdown is the hover text of facts f.
func (f facts) markdown() string {
	var b strings.Builder
	if f.deprecated {
		b.WriteString("**Deprecated.** ")
	}
	for _, d := range f.descriptions {
		b.WriteString(d)
		b.WriteString("\n\n")
	}
	if len(f.types) > 0 {
		fmt.Fprintf(&b, "- type: %s\n", strings.Join(f.types, " or "))
	}
	if len(f.enum) > 0 {
		vals := make([]string, len(f.enum))
		for i, v := range f.enum {
			vals[i] = "`" + jsonText(v) + "`"
		}
		fmt.Fprintf(&b, "- one of: %s\n", strings.Join(vals, ", "))
	}
	for _, v := range f.defaults {
		fmt.Fprintf(&b, "- default: `%s`\n", jsonText(v))
	}
	for _, l := range f.limits {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	for _, v := range f.formats {
		fmt.Fprintf(&b, "- format: %s\n", v)
	}
	var ids []string
	for _, d := range f.descriptions {
		for _, id := range specIDs.FindAllString(d, -1) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(&b, "- spec: %s\n", strings.Join(ids, ", "))
	}
	return strings.TrimSpace(b.String())
}

func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
