package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/brazelint/brazelint/internal/jsonnum"
	"github.com/brazelint/brazelint/internal/jsonpointer"
)

// Checker answers one question fast: is a decoded payload valid against an
// embedded schema? It knows exactly the keywords the embedded schemas use (and
// refuses to build if they use another), builds in about a millisecond, and
// allocates nothing while it checks a valid payload. validate asks it first
// and compiles jsonschema v6, the reference, only for the errors of payloads
// it rejects; a differential test holds the two to the same verdicts.
//
// Instances are what validate decodes: map[string]any, []any, string,
// json.Number, bool and nil.
type Checker struct {
	roots map[string]*node // by root file name
	// rootList is roots as a list, which ValidTape scans faster than it
	// hashes a name.
	rootList []rootNode
	docs     map[string]any   // the decoded schema files, by file name
	nodes    map[string]*node // every node, by absolute location
	// declared holds Declared's answers, by location: a service's invalid
	// payloads ask for the same few again and again.
	declared sync.Map
}

// Fast returns the Checker, building it on first use. It is safe for
// concurrent use.
func Fast() (*Checker, error) { return embeddedSet.Checker() }

// Valid reports whether instance is valid against the root schema file (e.g.
// "messages-send.json"). When in doubt, such as a number too large to compare
// cheaply, it says false: the caller then asks jsonschema v6.
func (c *Checker) Valid(file string, instance any) bool {
	n, ok := c.roots[file]
	return ok && n.valid(instance)
}

// ValidAt reports whether v is valid against the schema at an absolute
// location, such as an Error's SchemaURL with a member's name appended; false
// when no schema the checker built is there.
func (c *Checker) ValidAt(url string, v any) bool {
	n, ok := c.nodes[url]
	return ok && n.valid(v)
}

// node is one schema object, its keywords resolved. A nil *node accepts
// everything.
type node struct {
	compiled // for the tape path, from the keywords below (compileNode, compile.go)

	loc   string // absolute location, as jsonschema v6 writes SchemaURL
	never bool   // the false schema

	types      []string // "string", "integer", ...; empty: any type
	enum       []any
	constant   any
	hasConst   bool
	required   []string
	properties map[string]*node
	additional *node // for members properties does not name; nil: any
	noExtra    bool  // additionalProperties: false
	items      *node
	propNames  *node
	dependent  map[string][]string

	minItems, maxItems   int // -1: no limit
	minLength, maxLength int
	minProps, maxProps   int
	minimum, maximum     *big.Rat
	minDec, maxDec       jsonnum.Decimal // minimum and maximum, compared in linear time

	format     func(string) error
	formatName string
	pattern    *regexp.Regexp

	ref   *node
	allOf []*node
	not   *node
	ifN   *node
	then  *node
	elseN *node

	// base is the node and every node its $ref and allOf chains apply to
	// the same value unconditionally: the nodes whose properties declare
	// the members of an object (conditional branches only refine them).
	base []*node
}

// annotations are keywords that do not affect validity.
var annotations = []string{"$schema", "$id", "$comment", "title", "description", "default", "deprecated", "examples"}

// NewChecker builds a Checker over decoded schema documents (numbers as
// json.Number), by file name; roots are the files Valid and Validate take.
// A $ref may name another of the documents, never anything else. Fast builds
// it over the embedded schemas; tests build it over their own.
func NewChecker(docs map[string]any, roots ...string) (*Checker, error) {
	b := &builder{docs: docs, nodes: map[string]*node{}, formats: map[string]func(string) error{}}
	for _, f := range Formats {
		b.formats[f.Name] = f.Validate
	}
	c := &Checker{roots: map[string]*node{}, docs: docs}
	for _, name := range roots {
		n, err := b.node(name, "")
		if err != nil {
			return nil, err
		}
		c.roots[name] = n
		c.rootList = append(c.rootList, rootNode{name, n})
	}
	c.nodes = make(map[string]*node, len(b.nodes))
	for _, n := range b.nodes {
		n.base = baseOf(n)
		compileNode(n)
		c.nodes[n.loc] = n
	}
	for _, n := range b.nodes {
		compileApplied(n)
	}
	return c, nil
}

type rootNode struct {
	file string
	node *node
}

// root returns the node of the root file, as roots holds it.
func (c *Checker) root(file string) (*node, bool) {
	for _, r := range c.rootList {
		if r.file == file {
			return r.node, true
		}
	}
	return nil, false
}

// baseOf lists n and the nodes its $ref and allOf chains reach, once each.
func baseOf(n *node) []*node {
	var out []*node
	var walk func(m *node)
	walk = func(m *node) {
		if m == nil || slices.Contains(out, m) {
			return
		}
		out = append(out, m)
		walk(m.ref)
		for _, s := range m.allOf {
			walk(s)
		}
	}
	walk(n)
	return out
}

// builder turns schema documents into nodes, once per (file, pointer) so that
// recursive schemas (an audience holds audiences) become cycles of nodes.
type builder struct {
	docs    map[string]any
	nodes   map[string]*node
	formats map[string]func(string) error
}

func (b *builder) node(file, pointer string) (*node, error) {
	key := file + "#" + pointer
	if n, ok := b.nodes[key]; ok {
		return n, nil
	}
	v := at(b.docs[file], pointer)
	n := &node{loc: BaseURL + file + "#" + pointer}
	b.nodes[key] = n
	return n, b.fill(n, file, pointer, v)
}

func (b *builder) fill(n *node, file, pointer string, v any) error {
	n.minItems, n.maxItems, n.minLength, n.maxLength, n.minProps, n.maxProps = -1, -1, -1, -1, -1, -1
	if flag, ok := v.(bool); ok {
		n.never = !flag
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("schema %s#%s: not a schema", file, pointer)
	}
	sub := func(path string) (*node, error) { return b.node(file, pointer+"/"+path) }
	var err error
	for key, val := range obj {
		switch key {
		case "type":
			if s, ok := val.(string); ok {
				n.types = []string{s}
			} else {
				for _, t := range val.([]any) {
					n.types = append(n.types, t.(string))
				}
			}
		case "enum":
			n.enum = val.([]any)
		case "const":
			n.constant, n.hasConst = val, true
		case "required":
			for _, r := range val.([]any) {
				n.required = append(n.required, r.(string))
			}
		case "properties":
			n.properties = map[string]*node{}
			for name := range val.(map[string]any) {
				if n.properties[name], err = sub("properties/" + jsonpointer.Escape(name)); err != nil {
					return err
				}
			}
		case "additionalProperties":
			if val == false {
				n.noExtra = true
			} else if n.additional, err = sub(key); err != nil {
				return err
			}
		case "items":
			n.items, err = sub(key)
		case "propertyNames":
			n.propNames, err = sub(key)
		case "not":
			n.not, err = sub(key)
		case "if":
			n.ifN, err = sub(key)
		case "then":
			n.then, err = sub(key)
		case "else":
			n.elseN, err = sub(key)
		case "allOf":
			for i := range val.([]any) {
				var s *node
				if s, err = sub(key + "/" + strconv.Itoa(i)); err != nil {
					return err
				}
				n.allOf = append(n.allOf, s)
			}
		case "dependentRequired":
			n.dependent = map[string][]string{}
			for prop, list := range val.(map[string]any) {
				for _, r := range list.([]any) {
					n.dependent[prop] = append(n.dependent[prop], r.(string))
				}
			}
		case "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties":
			i, convErr := strconv.Atoi(string(val.(json.Number)))
			if convErr != nil {
				return fmt.Errorf("schema %s#%s: %s: %w", file, pointer, key, convErr)
			}
			*map[string]*int{"minItems": &n.minItems, "maxItems": &n.maxItems, "minLength": &n.minLength,
				"maxLength": &n.maxLength, "minProperties": &n.minProps, "maxProperties": &n.maxProps}[key] = i
		case "minimum", "maximum":
			r, ok := new(big.Rat).SetString(string(val.(json.Number)))
			if !ok {
				return fmt.Errorf("schema %s#%s: %s is not a number", file, pointer, key)
			}
			d, _ := jsonnum.Parse(string(val.(json.Number)))
			if key == "minimum" {
				n.minimum, n.minDec = r, d
			} else {
				n.maximum, n.maxDec = r, d
			}
		case "format":
			n.formatName = val.(string)
			if n.format = b.formats[n.formatName]; n.format == nil {
				return fmt.Errorf("schema %s#%s: format %s is unknown to the checker", file, pointer, val)
			}
		case "pattern":
			n.pattern, err = regexp.Compile(val.(string))
		case "$ref":
			refFile, refPointer, _ := strings.Cut(val.(string), "#")
			if refFile == "" {
				refFile = file
			}
			if _, known := b.docs[refFile]; !known {
				return fmt.Errorf("schema %s#%s: $ref to %s, which is not embedded", file, pointer, refFile)
			}
			n.ref, err = b.node(refFile, refPointer)
		case "$defs":
			// Reached through $ref only.
		default:
			if !slices.Contains(annotations, key) {
				return fmt.Errorf("schema %s#%s: keyword %s is unknown to the checker: teach it, or jsonschema v6 alone would have to decide", file, pointer, key)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (n *node) valid(v any) bool {
	if n == nil {
		return true
	}
	if n.never {
		return false
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return HasType(v, t) }) {
		return false
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(e any) bool { return equal(v, e) }) {
		return false
	}
	if n.hasConst && !equal(v, n.constant) {
		return false
	}
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	for _, s := range n.allOf {
		if !s.valid(v) {
			return false
		}
	}
	if n.not != nil && n.not.valid(v) {
		return false
	}
	if n.ifN != nil {
		if n.ifN.valid(v) {
			if !n.then.valid(v) {
				return false
			}
		} else if !n.elseN.valid(v) {
			return false
		}
	}
	switch v := v.(type) {
	case map[string]any:
		return n.validObject(v)
	case []any:
		if n.minItems >= 0 && len(v) < n.minItems || n.maxItems >= 0 && len(v) > n.maxItems {
			return false
		}
		if n.items != nil {
			for _, e := range v {
				if !n.items.valid(e) {
					return false
				}
			}
		}
	case string:
		if n.minLength >= 0 || n.maxLength >= 0 {
			l := utf8.RuneCountInString(v)
			if n.minLength >= 0 && l < n.minLength || n.maxLength >= 0 && l > n.maxLength {
				return false
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(v) {
			return false
		}
		if n.format != nil && n.format(v) != nil {
			return false
		}
	case json.Number:
		if n.minimum != nil || n.maximum != nil {
			d, ok := jsonnum.Parse(string(v))
			if !ok || n.minimum != nil && d.Cmp(n.minDec) < 0 || n.maximum != nil && d.Cmp(n.maxDec) > 0 {
				return false
			}
		}
	}
	return true
}

func (n *node) validObject(obj map[string]any) bool {
	if n.minProps >= 0 && len(obj) < n.minProps || n.maxProps >= 0 && len(obj) > n.maxProps {
		return false
	}
	for _, r := range n.required {
		if _, ok := obj[r]; !ok {
			return false
		}
	}
	for prop, needs := range n.dependent {
		if _, ok := obj[prop]; ok {
			for _, r := range needs {
				if _, ok := obj[r]; !ok {
					return false
				}
			}
		}
	}
	for name, val := range obj {
		if n.propNames != nil && !n.propNames.valid(name) {
			return false
		}
		if s, declared := n.properties[name]; declared {
			if !s.valid(val) {
				return false
			}
			continue
		}
		if n.noExtra || n.additional != nil && !n.additional.valid(val) {
			return false
		}
	}
	return true
}

// HasType reports whether a decoded value is of the JSON Schema type t. An
// integer is a number with no fractional part, however it is written (1.0
// and 1e2 are).
func HasType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		switch t {
		case "number":
			return true
		case "integer":
			return isInteger(string(v))
		}
	}
	return false
}

func isInteger(s string) bool {
	if !strings.ContainsAny(s, ".eE") {
		return true
	}
	d, ok := jsonnum.Parse(s)
	return ok && d.IsInteger()
}

// equal is JSON equality: numbers by value, objects and arrays member by
// member.
func equal(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return false
		}
		if a == b {
			return true
		}
		x, ok1 := jsonnum.Parse(string(a))
		y, ok2 := jsonnum.Parse(string(b))
		return ok1 && ok2 && x == y
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, equal)
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equal(av, bv) {
				return false
			}
		}
		return true
	}
	return a == b
}

// at returns the value at a JSON pointer in a decoded document; nil when
// there is none.
func at(v any, ptr string) any {
	for _, tok := range jsonpointer.Split(ptr) {
		switch d := v.(type) {
		case map[string]any:
			v = d[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(d) {
				return nil
			}
			v = d[i]
		default:
			return nil
		}
	}
	return v
}

// cutURL splits an absolute schema location into the embedded file it is in
// and the JSON pointer inside it.
func cutURL(url string) (file, pointer string, ok bool) {
	base, pointer, _ := strings.Cut(url, "#")
	file, ok = strings.CutPrefix(base, BaseURL)
	return file, pointer, ok
}

// Strings returns every member name and enum or const string the schemas
// declare: the strings payloads repeat, which a decoder can share.
func (c *Checker) Strings() []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				switch k {
				case "properties":
					if props, ok := x.(map[string]any); ok {
						for name := range props {
							seen[name] = true
						}
					}
				case "enum":
					if list, ok := x.([]any); ok {
						for _, e := range list {
							if s, ok := e.(string); ok {
								seen[s] = true
							}
						}
					}
				case "const":
					if s, ok := x.(string); ok {
						seen[s] = true
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, doc := range c.docs {
		walk(doc)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
