package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/brazelint/brazelint/internal/testtree"
	"github.com/brazelint/brazelint/lint"
)

// sarifSchemaFile is the SARIF 2.1.0 JSON schema of the OASIS Committee
// Specification, copied unchanged from oasis-tcs/sarif-spec
// (Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json). It lives
// under cmd/brazelint/testdata, which the payload tests never walk.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

// sarifValidator compiles the SARIF schema. Call it before t.Chdir: the
// fixture path is relative to this package.
func sarifValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := doc.(map[string]any)["$id"].(string)
	c := jsonschema.NewCompiler()
	c.UseLoader(noRemoteLoader{})
	c.AssertFormat()
	// jsonschema's uri checks are Go's lenient url.Parse, which takes
	// "<stdin>" and "a b.json"; these hold URIs to RFC 3986.
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: validateURIReference})
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: validateAbsoluteURI})
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	return s
}

// noRemoteLoader refuses every load: the SARIF schema is added up front and
// its draft-07 meta-schema is built into jsonschema, so a test never touches
// the network.
type noRemoteLoader struct{}

func (noRemoteLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("refusing to load %s: tests never fetch schemas", url)
}

// uriReferenceChars matches strings made only of what RFC 3986 allows
// unencoded in a URI reference, and percent-encoded octets.
var uriReferenceChars = regexp.MustCompile(`^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$`)

func validateURIReference(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if !uriReferenceChars.MatchString(s) {
		return fmt.Errorf("%q holds characters a URI must percent-encode", s)
	}
	_, err := url.Parse(s)
	return err
}

func validateAbsoluteURI(v any) error {
	if err := validateURIReference(v); err != nil {
		return err
	}
	if s, ok := v.(string); ok {
		if u, _ := url.Parse(s); !u.IsAbs() {
			return fmt.Errorf("%q is not an absolute URI", s)
		}
	}
	return nil
}

// runSARIF runs the CLI with --format sarif and the given arguments, failing
// the test on exit status 2.
func runSARIF(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, stderr, code := runCLI(stdin, append([]string{"--format", "sarif"}, args...)...)
	if code == exitTrouble {
		t.Fatalf("brazelint %s: exit 2: %s", strings.Join(args, " "), stderr)
	}
	return out
}

// validateSARIF checks out against the SARIF schema and decodes it.
func validateSARIF(t *testing.T, schema *jsonschema.Schema, out string) sarifLog {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("output is not valid SARIF 2.1.0: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFSchema validates the log for every payload under testdata, with and
// without --show-values, for a clean file and for standard input.
func TestSARIFSchema(t *testing.T) {
	schema := sarifValidator(t)
	t.Chdir("../..")
	tests := []struct {
		name        string
		stdin       string
		args        []string
		wantResults int // at least this many
	}{
		{"testdata", "", []string{"testdata"}, 500},
		{"testdata with values", "", []string{"--show-values", "testdata"}, 500},
		{"clean", "", []string{"testdata/examples/messages-send-docs-example-fixed.json"}, 0},
		{"stdin", `{"broadcast": "yes"}`, []string{"-"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runSARIF(t, tt.stdin, tt.args...)
			log := validateSARIF(t, schema, out)
			if got := len(log.Runs[0].Results); got < tt.wantResults {
				t.Errorf("%d results, want at least %d", got, tt.wantResults)
			}
			if !strings.HasSuffix(out, "}\n") {
				t.Error("output does not end in a newline")
			}
		})
	}
}

// A clean run still writes its results, as an empty array.
func TestSARIFCleanRunHasEmptyResults(t *testing.T) {
	t.Chdir("../..")
	out := runSARIF(t, "", "testdata/examples/messages-send-docs-example-fixed.json")
	var log struct {
		Runs []struct {
			Results json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || string(log.Runs[0].Results) != "[]" {
		t.Errorf("want one run with results [], got:\n%s", out)
	}
}

// An input that cannot be read makes the invocation unsuccessful, with a
// notification, and the log stays valid.
func TestSARIFUnreadableInput(t *testing.T) {
	schema := sarifValidator(t)
	t.Chdir("../..")
	out, _, code := runCLI("", "--format", "sarif", "testdata/rules/json-syntax/bad.json", "no-such-file.json")
	if code != exitTrouble {
		t.Fatalf("exit %d, want 2", code)
	}
	log := validateSARIF(t, schema, out)
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		!strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "no-such-file.json") {
		t.Errorf("invocation %+v: want unsuccessful, with a notification naming the file", inv)
	}
	if len(log.Runs[0].Results) == 0 {
		t.Error("the readable file's results are missing")
	}
}

// TestSARIFMatchesJSON checks every result against the same finding in the
// json format: rule, rule index, level, message and region.
func TestSARIFMatchesJSON(t *testing.T) {
	schema := sarifValidator(t)
	t.Chdir("../..")
	log := validateSARIF(t, schema, runSARIF(t, "", "testdata"))
	jsonOut, _, _ := runCLI("", "--format", "json", "testdata")
	var findings []jsonFinding
	if err := json.Unmarshal([]byte(jsonOut), &findings); err != nil {
		t.Fatal(err)
	}
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != len(lint.Rules) {
		t.Fatalf("%d rules in the driver, want %d", len(rules), len(lint.Rules))
	}
	for i, r := range lint.Rules {
		if rules[i].ID != r.ID || rules[i].DefaultConfiguration.Level != sarifLevel(r.Severity()) {
			t.Errorf("driver rule %d is %s at %s, want %s at %s", i, rules[i].ID,
				rules[i].DefaultConfiguration.Level, r.ID, sarifLevel(r.Severity()))
		}
	}
	results := log.Runs[0].Results
	if len(results) != len(findings) {
		t.Fatalf("%d results, %d json findings", len(results), len(findings))
	}
	for i, res := range results {
		f := findings[i]
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, res.RuleIndex, res.RuleID)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		want := sarifRegion{StartLine: f.Start.Line, StartColumn: f.Start.Column, EndLine: f.End.Line, EndColumn: f.End.Column,
			ByteOffset: f.Start.Offset, ByteLength: f.End.Offset - f.Start.Offset}
		if res.RuleID != f.Rule || res.Level != sarifLevel(f.Severity) || res.Message.Text != f.Message || reg != want {
			t.Errorf("result %d is %s %s %q %+v,\nwant %s %s %q %+v", i, res.RuleID, res.Level, res.Message.Text, reg,
				f.Rule, sarifLevel(f.Severity), f.Message, want)
		}
		if len(res.RelatedLocations) != len(f.Related) {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
		}
	}
}

func TestSARIFLevels(t *testing.T) {
	for sev, want := range map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "note", lint.Hint: "note"} {
		if got := sarifLevel(sev); got != want {
			t.Errorf("sarifLevel(%s) = %q, want %q", sev, got, want)
		}
	}
}

// A result's level comes from the finding, whose severity a config file can
// change, not from the rule's default.
func TestSARIFLevelIsTheFindingsSeverity(t *testing.T) {
	d := lint.Diagnostic{Rule: lint.JSONSyntax.ID, Severity: lint.Hint, Message: "m",
		Start: lint.Position{Line: 1, Column: 1}, End: lint.Position{Line: 1, Column: 2, Offset: 1}}
	var out bytes.Buffer
	if err := writeSARIF(&out, []result{{file: "a.json", findings: []finding{{Diagnostic: d, Fingerprint: "f"}}}}, nil); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results[0]
	rule := log.Runs[0].Tool.Driver.Rules[res.RuleIndex]
	if res.Level != "note" || res.Properties.Severity != lint.Hint || rule.DefaultConfiguration.Level != "error" {
		t.Errorf("result level %q (severity %s), rule default %q; want note (hint) and error",
			res.Level, res.Properties.Severity, rule.DefaultConfiguration.Level)
	}
}

// Columns count code points: a finding after multi-byte characters on its line
// starts at the code point column, not at the byte or UTF-16 column.
func TestSARIFColumnsAreCodePoints(t *testing.T) {
	const line = `{"campaign_id": "äöü😀", "broadcast": "yes"}`
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"multibyte.json": line + "\n"})
	log := validateSARIF(t, sarifValidator(t), runSARIF(t, "", filepath.Join(dir, "multibyte.json")))

	at := strings.Index(line, `"yes"`)
	codePoints := utf8.RuneCountInString(line[:at]) + 1
	utf16Units := len(utf16.Encode([]rune(line[:at]))) + 1
	if codePoints == at+1 || codePoints == utf16Units {
		t.Fatal("the payload does not tell code points from bytes and UTF-16 units")
	}
	want := sarifRegion{StartLine: 1, StartColumn: codePoints, EndLine: 1, EndColumn: codePoints + 5, ByteOffset: at, ByteLength: 5}
	if log.Runs[0].ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q, want unicodeCodePoints", log.Runs[0].ColumnKind)
	}
	for _, res := range log.Runs[0].Results {
		if loc := res.Locations[0]; len(loc.LogicalLocations) > 0 && loc.LogicalLocations[0].FullyQualifiedName == "/broadcast" {
			if got := loc.PhysicalLocation.Region; got != want {
				t.Errorf("region %+v, want %+v", got, want)
			}
			return
		}
	}
	t.Fatal("no result at /broadcast")
}

// Two runs give the same bytes, whatever the number of jobs.
func TestSARIFIsDeterministic(t *testing.T) {
	t.Chdir("../..")
	first := runSARIF(t, "", "--jobs", "1", "testdata")
	second := runSARIF(t, "", "--jobs", "8", "testdata")
	if first != second {
		t.Error("two runs over testdata gave different SARIF")
	}
}

// Every result carries its fingerprint, unique within its file.
func TestSARIFFingerprints(t *testing.T) {
	schema := sarifValidator(t)
	t.Chdir("../..")
	log := validateSARIF(t, schema, runSARIF(t, "", "testdata"))
	type key struct{ uri, fingerprint string }
	seen := map[key]bool{}
	for _, res := range log.Runs[0].Results {
		fp := res.PartialFingerprints["brazelint/v1"]
		uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		if len(fp) != 16 || len(res.PartialFingerprints) != 1 {
			t.Errorf("%s: partialFingerprints %v, want one 16-digit brazelint/v1", uri, res.PartialFingerprints)
		}
		if k := (key{uri, fp}); seen[k] {
			t.Errorf("%s: fingerprint %s given twice", uri, fp)
		} else {
			seen[k] = true
		}
	}
}

// File names become URIs: relative ones percent-encoded against %SRCROOT%,
// absolute ones as file: URIs, standard input as %3Cstdin%3E without a base.
func TestSARIFArtifactURIs(t *testing.T) {
	schema := sarifValidator(t)
	dir := t.TempDir()
	t.Chdir(dir)
	const payload = `{"campaign_id": "c"}` // broadcast-required
	testtree.Write(t, dir, map[string]string{"my payload.json": payload, "sub dir/100%.json": payload, "é#1.json": payload})

	tests := []struct {
		arg, wantURI, wantBase string
	}{
		{"my payload.json", "my%20payload.json", "%SRCROOT%"},
		{"sub dir/100%.json", "sub%20dir/100%25.json", "%SRCROOT%"},
		{"./é#1.json", "%C3%A9%231.json", "%SRCROOT%"},
		{filepath.Join(dir, "my payload.json"), "", ""}, // checked below: file URI of the path
		{"-", "%3Cstdin%3E", ""},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			log := validateSARIF(t, schema, runSARIF(t, payload, tt.arg))
			if len(log.Runs[0].Results) == 0 {
				t.Fatal("no results")
			}
			got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
			if tt.wantURI == "" {
				u, err := url.Parse(got.URI)
				wantPath := "/" + strings.TrimPrefix(filepath.ToSlash(tt.arg), "/")
				if err != nil || u.Scheme != "file" || u.Path != wantPath || got.URIBaseID != "" {
					t.Errorf("absolute path %s gave uri %q base %q, want the file URI of the path without a base", tt.arg, got.URI, got.URIBaseID)
				}
				return
			}
			if got.URI != tt.wantURI || got.URIBaseID != tt.wantBase {
				t.Errorf("got uri %q base %q, want %q base %q", got.URI, got.URIBaseID, tt.wantURI, tt.wantBase)
			}
		})
	}
}

// With --show-values the payload text goes in the region's snippet; the
// messages stay exactly what they are without it.
func TestSARIFShowValues(t *testing.T) {
	const secret = "Sensitive Ünïcode value"
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"payload.json": `{"broadcast": "` + secret + `", "recipients": [{"external_user_id": "` + secret + `"}]}`})
	file := filepath.Join(dir, "payload.json")
	schema := sarifValidator(t)

	plainOut := runSARIF(t, "", file)
	if strings.Contains(plainOut, "Sensitive") {
		t.Fatal("without --show-values the log holds a payload value")
	}
	plain := validateSARIF(t, schema, plainOut).Runs[0].Results
	shown := validateSARIF(t, schema, runSARIF(t, "", "--show-values", file)).Runs[0].Results
	if len(shown) != len(plain) || len(shown) == 0 {
		t.Fatalf("%d results with --show-values, %d without", len(shown), len(plain))
	}
	sawSecret := false
	for i, res := range shown {
		messages := []string{res.Message.Text}
		for _, rel := range res.RelatedLocations {
			messages = append(messages, rel.Message.Text)
		}
		for _, m := range messages {
			if strings.Contains(m, "Sensitive") {
				t.Errorf("result %d: a message holds the payload value: %q", i, m)
			}
		}
		if res.Message != plain[i].Message {
			t.Errorf("result %d: message %q with --show-values, %q without", i, res.Message.Text, plain[i].Message.Text)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		if reg.ByteLength > 0 && (reg.Snippet == nil || reg.Snippet.Text == "") {
			t.Errorf("result %d (%s): no snippet", i, res.RuleID)
		}
		if reg.Snippet != nil && strings.Contains(reg.Snippet.Text, secret) {
			sawSecret = true
		}
	}
	if !sawSecret {
		t.Error("no snippet shows the value")
	}
}

// Rule help gives the doc, escaped for Markdown, and the spec ids it enforces.
func TestSARIFRuleHelp(t *testing.T) {
	var out bytes.Buffer
	if err := writeSARIF(&out, nil, nil); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.ID != lint.APIKeyInBody.ID {
			continue
		}
		if r.Name != "ApiKeyInBody" || r.HelpURI != "https://github.com/brazelint/brazelint/blob/main/docs/rules.md#api-key-in-body" {
			t.Errorf("name %q, helpUri %q", r.Name, r.HelpURI)
		}
		if !strings.HasSuffix(r.Help.Text, "\n\nEnforces: MS-4, MS-2, TS-55, INC-39") || !strings.HasPrefix(r.Help.Text, lint.APIKeyInBody.Doc) {
			t.Errorf("help text %q", r.Help.Text)
		}
		if !strings.Contains(r.Help.Markdown, `Bearer
\<key\>`) || !strings.Contains(r.Help.Markdown, `api\_key`) {
			t.Errorf("help markdown %q does not escape <key> and api_key", r.Help.Markdown)
		}
		return
	}
	t.Fatal("api-key-in-body is not among the rules")
}
