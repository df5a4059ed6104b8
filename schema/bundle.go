package schema

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Prefixes of the references Bundle rewrites: the endpoint schemas refer to
// defs.json, whose definitions refer to each other.
const (
	defsRef  = "defs.json#/$defs/"
	localRef = "#/$defs/"
)

// Bundle returns an endpoint schema file (e.g. "messages-send.json") as one
// self-contained document, for editors and validators that cannot resolve
// defs.json: the definitions of defs.json it uses, directly or through each
// other, are copied into its own $defs, in defs.json's order, and its
// references to them become #/$defs/NAME. Members keep their order and the
// output is indented, so the same schemas always give the same bytes.
func Bundle(file string) ([]byte, error) { return embeddedSet.Bundle(file) }

// Bundle is the package's Bundle over the set's files.
func (s *Set) Bundle(file string) ([]byte, error) {
	root, err := s.bundle(file)
	if err != nil {
		return nil, err
	}
	return encode(root)
}

// bundle is Bundle's document, not yet encoded.
func (s *Set) bundle(file string) (object, error) {
	if endpoints := s.EndpointFiles(); !slices.Contains(endpoints, file) {
		return nil, fmt.Errorf("no endpoint schema %q (want one of %s)", file, strings.Join(endpoints, ", "))
	}
	root, err := s.parseFile(file)
	if err != nil {
		return nil, err
	}
	if root.get("$defs") != nil {
		return nil, fmt.Errorf("schema %s: has $defs of its own, which Bundle cannot merge yet", file)
	}
	defsFile, err := s.parseFile("defs.json")
	if err != nil {
		return nil, err
	}
	defs, _ := defsFile.get("$defs").(object)

	// Rewrite the root's references and follow the definitions they need,
	// and the ones those need, until no new name turns up.
	needed := map[string]bool{}
	var queue []string
	need := func(name string) (string, error) {
		if defs.get(name) == nil {
			return "", fmt.Errorf("defs.json has no $defs/%s", name)
		}
		if !needed[name] {
			needed[name] = true
			queue = append(queue, name)
		}
		return localRef + name, nil
	}
	err = rewriteRefs(root, func(ref string) (string, error) {
		if name, ok := strings.CutPrefix(ref, defsRef); ok {
			return need(name)
		}
		if strings.HasPrefix(ref, "#") {
			return ref, nil // already within the file
		}
		return "", fmt.Errorf("schema %s: cannot bundle the reference %s", file, ref)
	})
	for err == nil && len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		err = rewriteRefs(defs.get(name), func(ref string) (string, error) {
			if name, ok := strings.CutPrefix(ref, localRef); ok {
				return need(name)
			}
			return "", fmt.Errorf("schema defs.json: cannot bundle the reference %s", ref)
		})
	}
	if err != nil {
		return nil, err
	}

	var bundled object
	for _, m := range defs {
		if needed[m.name] {
			bundled = append(bundled, m)
		}
	}
	return append(root, member{"$defs", bundled}), nil
}

// encode writes a document indented, members in order.
func encode(root object) ([]byte, error) {
	var buf bytes.Buffer
	enc := jsontext.NewEncoder(&buf, jsontext.Multiline(true), jsontext.WithIndent("  "), jsontext.SpaceAfterColon(true))
	if err := writeValue(enc, root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// A JSON document read with its member order kept: objects are object, arrays
// []any, strings string, other scalars jsontext.Value.
type (
	object []member
	member struct {
		name  string
		value any
	}
)

// get returns the value of the member called name, or nil.
func (o object) get(name string) any {
	for _, m := range o {
		if m.name == name {
			return m.value
		}
	}
	return nil
}

func (s *Set) parseFile(name string) (object, error) {
	src, err := s.Source(name)
	if err != nil {
		return nil, err
	}
	v, err := readValue(jsontext.NewDecoder(bytes.NewReader(src)))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	o, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("schema %s: not an object", name)
	}
	return o, nil
}

func readValue(dec *jsontext.Decoder) (any, error) {
	switch dec.PeekKind() {
	case '{':
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		o := object{}
		for dec.PeekKind() != '}' {
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, err
			}
			name := tok.String() // a token lasts only until the next read
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, member{name, v})
		}
		_, err := dec.ReadToken()
		return o, err
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		a := []any{}
		for dec.PeekKind() != ']' {
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.ReadToken()
		return a, err
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		return tok.String(), nil
	default:
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		return v.Clone(), nil
	}
}

func writeValue(enc *jsontext.Encoder, v any) error {
	switch v := v.(type) {
	case object:
		if err := enc.WriteToken(jsontext.BeginObject); err != nil {
			return err
		}
		for _, m := range v {
			if err := enc.WriteToken(jsontext.String(m.name)); err != nil {
				return err
			}
			if err := writeValue(enc, m.value); err != nil {
				return err
			}
		}
		return enc.WriteToken(jsontext.EndObject)
	case []any:
		if err := enc.WriteToken(jsontext.BeginArray); err != nil {
			return err
		}
		for _, e := range v {
			if err := writeValue(enc, e); err != nil {
				return err
			}
		}
		return enc.WriteToken(jsontext.EndArray)
	case string:
		return enc.WriteToken(jsontext.String(v))
	default:
		return enc.WriteValue(v.(jsontext.Value))
	}
}

// rewriteRefs replaces the value of every $ref keyword under v with what
// rewrite returns for it.
func rewriteRefs(v any, rewrite func(ref string) (string, error)) error {
	switch v := v.(type) {
	case object:
		for i, m := range v {
			if ref, ok := m.value.(string); ok && m.name == "$ref" {
				newRef, err := rewrite(ref)
				if err != nil {
					return err
				}
				v[i].value = newRef
				continue
			}
			if err := rewriteRefs(m.value, rewrite); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range v {
			if err := rewriteRefs(e, rewrite); err != nil {
				return err
			}
		}
	}
	return nil
}
