package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ajvKeywords are the keywords ajv 8's Draft 2020-12 class (ajv/dist/2020)
// knows without plugins: core, applicator, unevaluated, validation, format,
// metadata and content vocabularies. In its default strict mode any other
// keyword fails the compile (strictSchema: "unknown keyword").
var ajvKeywords = strings.Fields(`
	$schema $id $ref $anchor $dynamicRef $dynamicAnchor $defs $comment $vocabulary definitions
	allOf anyOf oneOf not if then else dependentSchemas prefixItems items contains
	properties patternProperties additionalProperties propertyNames
	unevaluatedItems unevaluatedProperties
	type enum const multipleOf maximum exclusiveMaximum minimum exclusiveMinimum
	maxLength minLength pattern maxItems minItems uniqueItems maxContains minContains
	maxProperties minProperties required dependentRequired
	format
	title description default deprecated readOnly writeOnly examples
	contentEncoding contentMediaType contentSchema`)

// Keywords whose value is a schema, a map of schemas, or a list of them.
var (
	schemaKeywords    = []string{"not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
	schemaMapKeywords = []string{"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
	schemaListKeys    = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
)

// ajvStrictProblems lists what in doc ajv 8 refuses in its default strict
// mode (https://ajv.js.org/strict-mode.html), or logs as a mistake: unknown
// keywords; any format (ajv knows none without ajv-formats or addFormat);
// additionalItems (not a Draft 2020-12 keyword); if without then or else, or
// then or else without if; minContains or maxContains without contains;
// a patternProperties pattern that matches a name in properties; items as
// a list; unconstrained tuples (prefixItems without minItems, and without
// maxItems or items: false, which strictTuples logs); and patterns that the
// u flag ajv compiles them with would refuse. strictTypes, which ajv only
// logs by default, is not checked: see TestExportStrictTypesLogged.
func ajvStrictProblems(doc any) []string {
	var problems []string
	var walk func(v any, at string)
	walk = func(v any, at string) {
		s, ok := v.(map[string]any)
		if !ok {
			if _, isBool := v.(bool); !isBool {
				problems = append(problems, at+": a schema must be an object or a boolean")
			}
			return
		}
		add := func(format string, a ...any) { problems = append(problems, at+": "+fmt.Sprintf(format, a...)) }
		for k := range s {
			if !slices.Contains(ajvKeywords, k) {
				add("unknown keyword %q", k)
			}
		}
		if f, ok := s["format"]; ok {
			add("format %v, unknown to ajv without ajv-formats", f)
		}
		_, hasIf := s["if"]
		_, hasThen := s["then"]
		_, hasElse := s["else"]
		if hasIf && !hasThen && !hasElse {
			add("if without then or else")
		}
		if !hasIf && (hasThen || hasElse) {
			add("then or else without if")
		}
		if _, ok := s["contains"]; !ok {
			if _, ok := s["minContains"]; ok {
				add("minContains without contains")
			}
			if _, ok := s["maxContains"]; ok {
				add("maxContains without contains")
			}
		}
		if _, ok := s["items"].([]any); ok {
			add("items as a list: write prefixItems")
		}
		if _, ok := s["prefixItems"]; ok {
			_, min := s["minItems"]
			_, max := s["maxItems"]
			if !min || !(max || s["items"] == false) {
				add("prefixItems without minItems and maxItems (or items: false): an unconstrained tuple")
			}
		}
		if p, ok := s["pattern"].(string); ok {
			if err := ecmaPatternProblem(p); err != nil {
				add("pattern %q: %v", p, err)
			}
		}
		if pp, ok := s["patternProperties"].(map[string]any); ok {
			props, _ := s["properties"].(map[string]any)
			for p := range pp {
				if err := ecmaPatternProblem(p); err != nil {
					add("patternProperties %q: %v", p, err)
					continue
				}
				re := regexp.MustCompile(p)
				for name := range props {
					if re.MatchString(name) {
						add("patternProperties %q matches the property %q", p, name)
					}
				}
			}
		}
		for _, k := range schemaKeywords {
			if sub, ok := s[k]; ok {
				walk(sub, at+"/"+k)
			}
		}
		for _, k := range schemaMapKeywords {
			if m, ok := s[k].(map[string]any); ok {
				for name, sub := range m {
					walk(sub, at+"/"+k+"/"+name)
				}
			}
		}
		for _, k := range schemaListKeys {
			if l, ok := s[k].([]any); ok {
				for i, sub := range l {
					walk(sub, fmt.Sprintf("%s/%s/%d", at, k, i))
				}
			}
		}
	}
	walk(doc, "#")
	slices.Sort(problems)
	return problems
}

// ecmaPatternProblem refuses a pattern that RE2 cannot compile, or that uses
// an escape the u flag rejects (u mode allows only the syntax characters,
// the character classes and control escapes, and \- inside a class) or
// whose meaning differs between the two.
func ecmaPatternProblem(p string) error {
	if _, err := regexp.Compile(p); err != nil {
		return err
	}
	inClass := false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '[' && !inClass:
			inClass = true
		case c == ']' && inClass:
			inClass = false
		case c == '\\':
			if i+1 == len(p) {
				return fmt.Errorf("ends in a backslash")
			}
			i++
			e := p[i]
			switch {
			case strings.IndexByte(`^$\.*+?()[]{}|/`, e) >= 0, strings.IndexByte("dDwWsSbBnrtfv", e) >= 0:
			case e == '-' && inClass:
			case e == 'x' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
				i += 2
			default:
				return fmt.Errorf("the escape \\%c is refused with the u flag or means something else in ECMA-262", e)
			}
		}
	}
	return nil
}

func isHex(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }

func exported(t *testing.T, file string, opts ExportOptions) any {
	t.Helper()
	data, err := Export(file, opts)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestExportStrictMode holds every exported schema to what ajv's default
// strict mode compiles (the bench harness compiles them with ajv itself:
// bench/ajv/strict.mjs).
func TestExportStrictMode(t *testing.T) {
	for _, file := range EndpointFiles() {
		for _, opts := range []ExportOptions{{}, {AllowUnknown: true}} {
			if problems := ajvStrictProblems(exported(t, file, opts)); len(problems) > 0 {
				t.Errorf("%s %+v: ajv strict mode refuses:\n%s", file, opts, strings.Join(problems, "\n"))
			}
		}
	}
}

// TestAjvStrictProblemsRefuses makes sure the check can fail: each schema
// here is one ajv's strict mode refuses.
func TestAjvStrictProblemsRefuses(t *testing.T) {
	for _, doc := range []string{
		`{"type": "string", "nullable": true}`,
		`{"type": "string", "format": "date-time"}`,
		`{"type": "array", "items": {"type": "string"}, "additionalItems": false}`,
		`{"if": {"required": ["a"]}}`,
		`{"then": {"required": ["a"]}}`,
		`{"type": "array", "minContains": 1}`,
		`{"type": "object", "properties": {"ab": {}}, "patternProperties": {"^a": {}}}`,
		`{"type": "array", "prefixItems": [{"type": "string"}]}`,
		`{"type": "array", "items": [{"type": "string"}]}`,
		`{"type": "string", "pattern": "^\\a$"}`,
		`{"properties": {"a": {"minimun": 1}}}`,
		`{"$defs": {"a": {"exclusiveMinimun": 1}}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		if len(ajvStrictProblems(v)) == 0 {
			t.Errorf("ajvStrictProblems accepts %s", doc)
		}
	}
	var ok any
	json.Unmarshal([]byte(`{"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1, "maxItems": 1, "items": {"type": "string", "pattern": "^[\\x00-\\x7F]*$"}}`), &ok)
	if p := ajvStrictProblems(ok); len(p) > 0 {
		t.Errorf("ajvStrictProblems refuses a good schema: %v", p)
	}
}

// TestExportFormats checks that no format is left, that each became its
// pattern, and that the default export still refuses undeclared members
// where the --allow-unknown one accepts them, the closed grammars aside.
func TestExportFormats(t *testing.T) {
	for _, file := range EndpointFiles() {
		strict, err := Export(file, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		open, err := Export(file, ExportOptions{AllowUnknown: true})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(strict, []byte(`"format"`)) {
			t.Errorf("%s: a format is left", file)
		}
		if n := bytes.Count(open, []byte(`"additionalProperties": false`)); n != len(closedDefs) && file == "messages-send.json" {
			t.Errorf("%s --allow-unknown: %d closed objects, want the %d closed grammars", file, n, len(closedDefs))
		}
		if bytes.Count(strict, []byte(`"additionalProperties": false`)) <= len(closedDefs) {
			t.Errorf("%s: the default export lost its closed objects", file)
		}
	}
}

// TestFormatPatterns compares each format's pattern with its Validate on
// valid strings and every one-character change of them: they must agree,
// except that the pattern takes February 29 in any year.
func TestFormatPatterns(t *testing.T) {
	seeds := map[string][]string{
		"ascii":           {"abc", "send-1", "é", "a\x7f", "", "日本"},
		"braze-date":      {"1980-12-21", "2024-02-29", "2023-04-31", "{{dob}}", "x{%if%}", "1980-1-1"},
		"braze-date-time": {"2019-07-22T13:17:55+0000", "2019-07-22T13:17:55Z", "2019-07-22T13:17:55.123+01:00", "2019-07-22T3:17:55,5-0530", "2019-07-22", "2019-07-22T24:00:00Z", "2019-07-22T13:17:55+24:60"},
	}
	const alphabet = "0123456789-:T Z+.,x{%}é"
	for _, f := range Formats {
		re := regexp.MustCompile(formatPatterns[f.Name])
		tried := map[string]bool{}
		check := func(s string) {
			if tried[s] {
				return
			}
			tried[s] = true
			valid, matches := f.Validate(s) == nil, re.MatchString(s)
			if valid == matches {
				return
			}
			if matches && !valid && strings.Contains(s, "-02-29") {
				return // the documented difference: leap years
			}
			t.Errorf("%s: %q: Validate says %v, the pattern %v", f.Name, s, valid, matches)
		}
		for _, seed := range seeds[f.Name] {
			check(seed)
			for i := range len(seed) {
				check(seed[:i] + seed[i+1:])
				for _, r := range alphabet {
					check(seed[:i] + string(r) + seed[i+1:])
					check(seed[:i] + string(r) + seed[i:])
				}
			}
		}
	}
}

// TestExportMeansTheSame validates every testdata payload against each
// endpoint's source schemas (formats asserted, as brazelint does) and its
// default export (a validator that knows no format): the verdicts must be
// the same.
func TestExportMeansTheSame(t *testing.T) {
	set, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	plain := jsonschema.NewCompiler()
	plain.DefaultDraft(jsonschema.Draft2020)
	exports := map[string]*jsonschema.Schema{}
	for _, file := range EndpointFiles() {
		data, err := Export(file, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		url := "export:" + file
		if err := plain.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		if exports[file], err = plain.Compile(url); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil // not JSON: no schema verdict
		}
		n++
		for _, file := range EndpointFiles() {
			want := set.Roots[file].Validate(inst) == nil
			if got := exports[file].Validate(inst) == nil; got != want {
				t.Errorf("%s against %s: the source schema says valid=%v, the export %v", path, file, want, got)
			}
		}
		return nil
	})
	if n < 500 {
		t.Fatalf("only %d payloads checked", n)
	}
}
