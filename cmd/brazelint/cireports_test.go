package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCIFormatsGolden writes each CI format over all of testdata, compares it
// with its golden file, and checks it against its consumer's format: GitLab's
// Code Quality schema (JSON Schema, validated with jsonschema), and for
// JUnit and Checkstyle, whose consumers publish an XSD or nothing, a
// structural check derived from Jenkins' junit-10.xsd and from Checkstyle's
// own output (Go has no XSD validator).
func TestCIFormatsGolden(t *testing.T) {
	t.Chdir("../..")
	checks := map[string]struct {
		golden string
		check  func(t *testing.T, out []byte)
	}{
		"gitlab":     {"golden/formats/gitlab.json", checkGitLab},
		"junit":      {"golden/formats/junit.xml", func(t *testing.T, out []byte) { checkXML(t, out, junitGrammar, "testsuites") }},
		"checkstyle": {"golden/formats/checkstyle.xml", func(t *testing.T, out []byte) { checkXML(t, out, checkstyleGrammar, "checkstyle") }},
	}
	for format, c := range checks {
		t.Run(format, func(t *testing.T) {
			got, stderr, code := runCLI("", "--no-config", "--format", format, "testdata")
			if code != exitFindings {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			compareGolden(t, c.golden, got)
			c.check(t, []byte(got))
		})
	}
}

// TestCIFormatsEdgeCases checks a clean run, I/O trouble and hostile names
// in every CI format.
func TestCIFormatsEdgeCases(t *testing.T) {
	results := []result{
		{file: "a\"<&>\x1b[31m.json", findings: []finding{{Diagnostic: diag("json-syntax", 1, 2, 1, 3, "bad \"x\" <y> & z\nnext")}}},
		{file: "clean.json"},
	}
	trouble := errors.New("open missing.json: no such file or directory\nopen other.json: permission denied")
	for _, format := range []string{"junit", "checkstyle", "gitlab"} {
		for name, tc := range map[string]struct {
			results []result
			trouble error
		}{"clean": {nil, nil}, "findings": {results, nil}, "trouble": {results, trouble}} {
			var b bytes.Buffer
			if err := writeResults(format, &b, tc.results, tc.trouble); err != nil {
				t.Fatal(err)
			}
			if bytes.ContainsRune(b.Bytes(), 0x1b) {
				t.Errorf("%s %s: raw escape in output", format, name)
			}
			switch format {
			case "gitlab":
				checkGitLab(t, b.Bytes())
			case "junit":
				checkXML(t, b.Bytes(), junitGrammar, "testsuites")
				if tc.trouble != nil && !strings.Contains(b.String(), `errors="2"`) {
					t.Errorf("junit %s: I/O errors not reported:\n%s", name, b.String())
				}
			case "checkstyle":
				checkXML(t, b.Bytes(), checkstyleGrammar, "checkstyle")
			}
		}
	}
}

func checkGitLab(t *testing.T, out []byte) {
	t.Helper()
	schemaText, err := os.ReadFile(findTestdata(t, "gitlab-codequality.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaText))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("gitlab.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("gitlab.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not a GitLab Code Quality report: %v", err)
	}
	// GitLab tells issues apart by fingerprint: they must be unique.
	var issues []struct{ Fingerprint string }
	json.Unmarshal(out, &issues)
	seen := map[string]bool{}
	for _, i := range issues {
		if seen[i.Fingerprint] {
			t.Fatalf("fingerprint %s repeats", i.Fingerprint)
		}
		seen[i.Fingerprint] = true
	}
}

// findTestdata is the path of a file in cmd/brazelint/testdata from the
// working directory of the test (the package or the repository root).
func findTestdata(t *testing.T, name string) string {
	for _, p := range []string{"testdata/" + name, "cmd/brazelint/testdata/" + name} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("no testdata file %s", name)
	return ""
}

// xmlElement is what an element may hold: its attributes (true when
// required), its child elements (by name, with the most of each, 0 for
// unbounded) and whether it holds text.
type xmlElement struct {
	attrs    map[string]bool
	children map[string]int
	text     bool
}

// junitGrammar is Jenkins' junit-10.xsd (xunit-plugin), cut to the elements
// a report can have: testsuites holds testsuites; a testsuite needs name,
// tests, failures and errors; a testcase needs name and holds failures,
// errors, skipped and output; failure and error carry type and message.
// Nothing else is allowed, which is stricter than the XSD.
var junitGrammar = map[string]xmlElement{
	"testsuites": {attrs: map[string]bool{"name": false, "time": false, "tests": false, "failures": false, "errors": false}, children: map[string]int{"testsuite": 0}},
	"testsuite": {attrs: map[string]bool{"name": true, "tests": true, "failures": true, "errors": true, "group": false, "time": false, "skipped": false, "timestamp": false, "hostname": false, "id": false, "package": false, "file": false, "log": false, "url": false},
		children: map[string]int{"testsuite": 0, "properties": 0, "testcase": 0, "system-out": 0, "system-err": 0}},
	"testcase":   {attrs: map[string]bool{"name": true, "time": false, "classname": false, "group": false}, children: map[string]int{"skipped": 0, "error": 0, "failure": 0, "system-out": 0, "system-err": 0}},
	"failure":    {attrs: map[string]bool{"type": false, "message": false}, text: true},
	"error":      {attrs: map[string]bool{"type": false, "message": false}, text: true},
	"skipped":    {attrs: map[string]bool{"type": false, "message": false}, text: true},
	"system-out": {text: true},
	"system-err": {text: true},
}

// checkstyleGrammar is Checkstyle's XML report, as Checkstyle writes it and
// reviewdog and the CI plugins read it: checkstyle holds files, a file
// (name) holds errors, an error has line, column, severity (error, warning,
// info or ignore), message and source.
var checkstyleGrammar = map[string]xmlElement{
	"checkstyle": {attrs: map[string]bool{"version": false}, children: map[string]int{"file": 0}},
	"file":       {attrs: map[string]bool{"name": true}, children: map[string]int{"error": 0}},
	"error":      {attrs: map[string]bool{"line": true, "column": false, "severity": true, "message": true, "source": true}},
}

// checkXML checks that out is well-formed XML whose elements follow grammar
// from root down, and that numbers and severities are what consumers parse.
func checkXML(t testing.TB, out []byte, grammar map[string]xmlElement, root string) {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(xml.Header)) {
		t.Errorf("no XML declaration")
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	type open struct {
		name   string
		counts map[string]int
	}
	var stack []open
	roots := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			el, ok := grammar[name]
			if !ok {
				t.Fatalf("unknown element <%s>", name)
			}
			if len(stack) == 0 {
				roots++
				if name != root {
					t.Fatalf("root <%s>, want <%s>", name, root)
				}
			} else {
				parent := &stack[len(stack)-1]
				most, allowed := grammar[parent.name].children[name]
				if !allowed {
					t.Fatalf("<%s> inside <%s>", name, parent.name)
				}
				parent.counts[name]++
				if most > 0 && parent.counts[name] > most {
					t.Fatalf("too many <%s> in <%s>", name, parent.name)
				}
			}
			have := map[string]string{}
			for _, a := range tok.Attr {
				if _, ok := el.attrs[a.Name.Local]; !ok {
					t.Fatalf("<%s> has unknown attribute %s", name, a.Name.Local)
				}
				have[a.Name.Local] = a.Value
			}
			for a, required := range el.attrs {
				if _, ok := have[a]; required && !ok {
					t.Fatalf("<%s> lacks the attribute %s", name, a)
				}
			}
			checkXMLValues(t, root, name, have)
			stack = append(stack, open{name, map[string]int{}})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && !grammar[stack[len(stack)-1].name].text && len(bytes.TrimSpace(tok)) > 0 {
				t.Fatalf("text inside <%s>", stack[len(stack)-1].name)
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%d root elements, want 1", roots)
	}
}

// checkXMLValues checks the attribute values consumers parse.
func checkXMLValues(t testing.TB, root, name string, attrs map[string]string) {
	t.Helper()
	numbers := map[string][]string{
		"testsuite": {"tests", "failures", "errors"},
		"error":     {"line", "column"},
	}[name]
	if root == "testsuites" && name == "error" {
		numbers = nil // JUnit's error has no numbers
	}
	for _, a := range numbers {
		if v, ok := attrs[a]; ok {
			if n, err := strconv.Atoi(v); err != nil || n < 0 {
				t.Fatalf("<%s %s=%q>: want a count", name, a, v)
			}
		}
	}
	if root == "checkstyle" && name == "error" && !slices.Contains([]string{"error", "warning", "info", "ignore"}, attrs["severity"]) {
		t.Fatalf("<error severity=%q>: not a Checkstyle severity", attrs["severity"])
	}
	if root == "testsuites" && name == "testsuite" {
		tests, _ := strconv.Atoi(attrs["tests"])
		failures, _ := strconv.Atoi(attrs["failures"])
		errs, _ := strconv.Atoi(attrs["errors"])
		if failures+errs > tests {
			t.Fatalf("testsuite %s: %d failures and %d errors in %d tests", attrs["name"], failures, errs, tests)
		}
	}
}

// TestCheckXMLRefuses makes sure the structural check can fail.
func TestCheckXMLRefuses(t *testing.T) {
	for _, doc := range []string{
		`<testsuites><testsuite name="a" tests="1" failures="0"></testsuite></testsuites>`,           // no errors attribute
		`<testsuites><testcase name="a"></testcase></testsuites>`,                                    // testcase outside a testsuite
		`<testsuites><testsuite name="a" tests="1" failures="0" errors="0" bogus="1"/></testsuites>`, // unknown attribute
	} {
		ft := &fakeT{}
		func() {
			defer func() { recover() }()
			checkXML(ft, []byte(xml.Header+doc), junitGrammar, "testsuites")
		}()
		if !ft.failed {
			t.Errorf("checkXML accepted %s", doc)
		}
	}
}

// fakeT records a failure instead of ending the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()                      {}
func (f *fakeT) Errorf(string, ...any)        { f.failed = true }
func (f *fakeT) Fatalf(string, ...any)        { f.failed = true; panic(fmt.Sprint("fatal")) }
func (f *fakeT) Fatal(...any)                 { f.failed = true; panic("fatal") }
func (f *fakeT) Logf(format string, a ...any) {}
