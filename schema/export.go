package schema

import (
	"fmt"
	"slices"

	"github.com/go-json-experiment/json/jsontext"
)

// ExportOptions choose the variant of an exported schema.
type ExportOptions struct {
	// AllowUnknown accepts members the schema does not declare, where
	// brazelint reports them as the unknown-member warning (Braze ignores
	// them), so another validator agrees with the command's errors. The
	// closed grammars (the keys of messages, of an audience node and of a
	// custom_attribute filter) still refuse them: brazelint reports those as
	// errors.
	AllowUnknown bool
}

// closedDefs are the definitions whose undeclared members brazelint reports
// as errors (unknown-message-type, unknown-filter, unknown-filter-field)
// rather than the unknown-member warning; validate's closedObjects names
// the same three.
var closedDefs = []string{"messages", "audience", "customAttributeFilter"}

// formatPatterns are the regular expressions Export writes for the formats
// the schemas use, which no other validator knows: ajv's default strict mode
// refuses to compile a schema with an unknown format. Each is valid both as
// an ECMA-262 pattern with the u flag (ajv) and in Go's RE2 syntax, and
// accepts what the format's Validate accepts, except that it takes February
// 29 in any year (TestFormatPatterns holds them to that).
var formatPatterns = map[string]string{
	"ascii":           `^[\x00-\x7F]*$`,
	"braze-date":      `^` + datePattern + `$|\{\{|\{%`,
	"braze-date-time": `^` + datePattern + `(?:T(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:[.,]\d+)?(?:Z|[+-](?:[01]\d|2[0-4]):?(?:[0-5]\d|60)))?$`,
}

// datePattern is a calendar date YYYY-MM-DD, with the days each month has.
const datePattern = `\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))`

// Export returns an endpoint schema file as Bundle does, made portable: it
// compiles in ajv's default strict mode and means the same in any Draft
// 2020-12 validator. The formats only brazelint knows become patterns (the
// format's name kept in $comment), and with opts.AllowUnknown undeclared
// members are accepted where brazelint only warns about them.
func Export(file string, opts ExportOptions) ([]byte, error) {
	return embeddedSet.Export(file, opts)
}

// Export is the package's Export over the set's files.
func (s *Set) Export(file string, opts ExportOptions) ([]byte, error) {
	root, err := s.bundle(file)
	if err != nil {
		return nil, err
	}
	v, err := portable(root)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", file, err)
	}
	root = v.(object)
	if opts.AllowUnknown {
		openObjects(root, false)
		if defs, ok := root.get("$defs").(object); ok {
			for _, m := range defs {
				openObjects(m.value, slices.Contains(closedDefs, m.name))
			}
		}
	}
	return encode(root)
}

// portable returns v with every format under it replaced by its pattern,
// the format's name kept in a $comment.
func portable(v any) (any, error) {
	switch v := v.(type) {
	case object:
		out := make(object, 0, len(v)+1)
		for _, m := range v {
			if m.name != "format" {
				value, err := portable(m.value)
				if err != nil {
					return nil, err
				}
				out = append(out, member{m.name, value})
				continue
			}
			name, _ := m.value.(string)
			pattern, ok := formatPatterns[name]
			if !ok {
				return nil, fmt.Errorf("no portable form of the format %q", name)
			}
			if v.get("pattern") != nil {
				return nil, fmt.Errorf("format %q beside a pattern", name)
			}
			out = append(out, member{"pattern", pattern})
			if v.get("$comment") == nil {
				out = append(out, member{"$comment", "format " + name + ", written as a pattern"})
			}
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			var err error
			if out[i], err = portable(e); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// openObjects removes "additionalProperties": false from every schema object
// under v, the definitions under $defs aside (Export opens each on its own),
// and from v itself unless closed.
func openObjects(v any, closed bool) {
	switch v := v.(type) {
	case object:
		for i := 0; i < len(v); i++ {
			m := v[i]
			switch {
			case m.name == "$defs":
				continue
			case m.name == "additionalProperties" && isFalse(m.value) && !closed:
				v[i].value = trueValue
			default:
				openObjects(m.value, false)
			}
		}
	case []any:
		for _, e := range v {
			openObjects(e, false)
		}
	}
}

var trueValue = jsontext.Value("true")

func isFalse(v any) bool {
	jv, ok := v.(jsontext.Value)
	return ok && string(jv) == "false"
}
