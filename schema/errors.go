package schema

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/brazelint/brazelint/internal/jsonnum"
)

// Error is one failed keyword, as jsonschema v6 reports it once its error tree
// is flattened: where in the schemas (SchemaURL, absolute and dereferenced),
// where in the instance (InstanceLocation, member names and array indexes as
// strings), and what (ErrorKind, one of v6's typed kinds such as *kind.Type or
// *kind.Required, which validate maps to rule ids).
type Error struct {
	SchemaURL        string
	InstanceLocation []string
	ErrorKind        ErrorKind
}

// ErrorKind is implemented by the types of package
// github.com/santhosh-tekuri/jsonschema/v6/kind.
type ErrorKind interface{ KeywordPath() []string }

// Validate returns every error of instance against the root schema file, in
// the order jsonschema v6 finds them (members of an object in name order);
// nil when it is valid. Like v6, a value of the wrong type, or outside an
// enum or const, or failing its format, gets that one error from its schema
// and no other. Unlike v6, it reads a null member that the schema declares
// without accepting null as absent, with a NullMember error of its own.
func (c *Checker) Validate(file string, instance any) []*Error {
	n, ok := c.roots[file]
	if !ok || n.valid(instance) {
		return nil
	}
	var errs []*Error
	// Null members read as absent are reported first, then every error of
	// the payload without them (NullMember).
	stripped, _ := stripNulls([]*node{n}, instance, nil, &errs)
	n.collect(stripped, nil, &errs)
	return errs
}

// SchemaAt returns the schema object at an absolute schema location, such as
// an Error's SchemaURL; nil when there is none.
func (c *Checker) SchemaAt(url string) map[string]any {
	file, pointer, _ := cutURL(url)
	obj, _ := at(c.docs[file], pointer).(map[string]any)
	return obj
}

// Declared returns the member names that the object schema at url declares
// in properties, sorted, leaving out those declared false (members another
// endpoint owns, which no payload here should have); nil when there is none.
// The slice is shared: callers must not change it.
func (c *Checker) Declared(url string) []string {
	if names, ok := c.declared.Load(url); ok {
		return names.([]string)
	}
	obj := c.SchemaAt(url)
	if obj == nil {
		return nil // not remembered: only the schemas' own locations are
	}
	props, _ := obj["properties"].(map[string]any)
	var names []string
	for k, v := range props {
		if v != false {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	c.declared.Store(url, names)
	return names
}

// collect appends n's errors for v, at instance location loc, to out.
func (n *node) collect(v any, loc []string, out *[]*Error) {
	if n == nil {
		return
	}
	add := func(k ErrorKind) {
		*out = append(*out, &Error{SchemaURL: n.loc, InstanceLocation: slices.Clone(loc), ErrorKind: k})
	}
	if n.never {
		add(&kind.FalseSchema{})
		return
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return HasType(v, t) }) {
		add(&kind.Type{Got: TypeName(v), Want: orderedTypes(n.types)})
		return
	}
	if n.hasConst && !equal(v, n.constant) {
		add(&kind.Const{Got: v, Want: n.constant})
		return
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(e any) bool { return equal(v, e) }) {
		add(&kind.Enum{Got: v, Want: n.enum})
		return
	}
	if s, ok := v.(string); ok && n.format != nil {
		if err := n.format(s); err != nil {
			add(&kind.Format{Got: v, Want: n.formatName, Err: err})
			return
		}
	}
	n.ref.collect(v, loc, out)

	switch v := v.(type) {
	case map[string]any:
		n.collectObject(v, loc, out, add)
	case []any:
		if n.minItems >= 0 && len(v) < n.minItems {
			add(&kind.MinItems{Got: len(v), Want: n.minItems})
		}
		if n.maxItems >= 0 && len(v) > n.maxItems {
			add(&kind.MaxItems{Got: len(v), Want: n.maxItems})
		}
		if n.items != nil {
			for i, e := range v {
				if !n.items.valid(e) { // a valid element's location is never written
					n.items.collect(e, append(loc, strconv.Itoa(i)), out)
				}
			}
		}
	case string:
		l := utf8.RuneCountInString(v)
		if n.minLength >= 0 && l < n.minLength {
			add(&kind.MinLength{Got: l, Want: n.minLength})
		}
		if n.maxLength >= 0 && l > n.maxLength {
			add(&kind.MaxLength{Got: l, Want: n.maxLength})
		}
		if n.pattern != nil && !n.pattern.MatchString(v) {
			add(&kind.Pattern{Got: v, Want: n.pattern.String()})
		}
	case json.Number:
		if n.minimum != nil || n.maximum != nil {
			if d, ok := jsonnum.Parse(string(v)); ok {
				if n.minimum != nil && d.Cmp(n.minDec) < 0 {
					add(&kind.Minimum{Got: ratOf(d), Want: n.minimum})
				}
				if n.maximum != nil && d.Cmp(n.maxDec) > 0 {
					add(&kind.Maximum{Got: ratOf(d), Want: n.maximum})
				}
			}
		}
	}

	if n.not != nil && n.not.valid(v) {
		add(&kind.Not{})
	}
	for _, s := range n.allOf {
		s.collect(v, loc, out)
	}
	if n.ifN != nil {
		if n.ifN.valid(v) {
			n.then.collect(v, loc, out)
		} else {
			n.elseN.collect(v, loc, out)
		}
	}
}

func (n *node) collectObject(obj map[string]any, loc []string, out *[]*Error, add func(ErrorKind)) {
	if n.minProps >= 0 && len(obj) < n.minProps {
		add(&kind.MinProperties{Got: len(obj), Want: n.minProps})
	}
	if n.maxProps >= 0 && len(obj) > n.maxProps {
		add(&kind.MaxProperties{Got: len(obj), Want: n.maxProps})
	}
	if missing := missing(obj, n.required); missing != nil {
		add(&kind.Required{Missing: missing})
	}
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	slices.Sort(names)
	var extra []string
	for _, name := range names {
		if s, declared := n.properties[name]; declared {
			s.collect(obj[name], append(loc, name), out)
			continue
		}
		if n.noExtra {
			extra = append(extra, name)
		} else if n.additional != nil {
			n.additional.collect(obj[name], append(loc, name), out)
		}
	}
	if extra != nil {
		add(&kind.AdditionalProperties{Properties: extra})
	}
	if n.propNames != nil {
		for _, name := range names {
			if !n.propNames.valid(name) {
				*out = append(*out, &Error{SchemaURL: n.propNames.loc, InstanceLocation: slices.Clone(loc),
					ErrorKind: &kind.PropertyNames{Property: name}})
			}
		}
	}
	props := make([]string, 0, len(n.dependent))
	for prop := range n.dependent {
		props = append(props, prop)
	}
	slices.Sort(props)
	for _, prop := range props {
		if _, ok := obj[prop]; ok {
			if missing := missing(obj, n.dependent[prop]); missing != nil {
				add(&kind.DependentRequired{Prop: prop, Missing: missing})
			}
		}
	}
}

// missing lists the names of required that obj lacks, in required's order.
func missing(obj map[string]any, required []string) []string {
	var out []string
	for _, r := range required {
		if _, ok := obj[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// TypeName is the JSON type of a decoded value as jsonschema v6 names it:
// every number is "number", integral or not.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "invalid"
}

// orderedTypes lists types in the order jsonschema v6 does, which messages
// rely on.
func orderedTypes(types []string) []string {
	var out []string
	for _, t := range []string{"null", "boolean", "number", "integer", "string", "array", "object"} {
		if slices.Contains(types, t) {
			out = append(out, t)
		}
	}
	return out
}

// ratOf is d as the Got of a range error: exact for a number of ordinary
// size; for one of many digits or a vast exponent, which math/big would take
// seconds over, the value of its first 1000 digits with the exponent bounded.
func ratOf(d jsonnum.Decimal) *big.Rat {
	digits, exp := d.Digits, d.Exp
	if digits == "" {
		return new(big.Rat)
	}
	if len(digits) > 1000 {
		digits = digits[:1000]
	}
	exp = max(-10000, min(10000, exp))
	sign := ""
	if d.Neg {
		sign = "-"
	}
	r, _ := new(big.Rat).SetString(sign + "0." + digits + "e" + strconv.Itoa(exp))
	return r
}
