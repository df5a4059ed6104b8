package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

func runCLI(stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// The case from the issue: one error, naming both fields, exit 1.
func TestBroadcastWithIDsFromStdin(t *testing.T) {
	in := `{"broadcast":true,"external_user_ids":["a"],"messages":{"sms":{"subscription_group_id":"g","body":"hi","app_id":"a"}}}`
	out, _, code := runCLI(in, "--endpoint", "messages/send", "-")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var errs []string
	for _, l := range lines {
		if strings.Contains(l, ": error: ") {
			errs = append(errs, l)
		}
	}
	if code != exitFindings || len(errs) != 1 {
		t.Fatalf("exit %d, errors %q; want exit 1 and exactly one error", code, errs)
	}
	if !strings.Contains(errs[0], "broadcast") || !strings.Contains(errs[0], "external_user_ids") || !strings.HasPrefix(errs[0], "<stdin>:1:2: ") {
		t.Errorf("error %q must name broadcast and external_user_ids at 1:2", errs[0])
	}
}

func TestTruncatedInputIsAFinding(t *testing.T) {
	out, _, code := runCLI(`{"campaign_id": "x",`, "-")
	if code != exitFindings || !strings.HasPrefix(out, "<stdin>:1:21: error: ") || !strings.Contains(out, "(json-syntax)") {
		t.Errorf("exit %d, output %q; want exit 1 and json-syntax at 1:21", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"../../testdata/examples/messages-send-docs-example-fixed.json"}, exitClean},
		{"warnings only", []string{"../../testdata/rules/api-key-in-body/bad.json"}, exitClean},
		{"errors", []string{"../../testdata/examples/messages-send-docs-example.json"}, exitFindings},
		{"missing file", []string{"no-such-file.json"}, exitTrouble},
		{"missing file among good ones", []string{"../../testdata/examples/messages-send-docs-example-fixed.json", "no-such-file.json"}, exitTrouble},
		{"unknown flag", []string{"--no-such-flag", "x.json"}, exitTrouble},
		{"unknown endpoint", []string{"--endpoint", "users/track", "x.json"}, exitTrouble},
		{"unknown format", []string{"--format", "xml", "x.json"}, exitTrouble},
		{"no paths", nil, exitTrouble},
		{"help", []string{"--help"}, exitClean},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI("", tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.want, stderr)
			}
			if code == exitTrouble && (stderr == "" || !strings.HasPrefix(stderr, "brazelint: ")) {
				t.Errorf("exit 2 needs a brazelint: message on stderr, got %q", stderr)
			}
		})
	}
}

// TestJSONFormat checks --format json parses, with every required field, for
// clean and dirty inputs.
func TestJSONFormat(t *testing.T) {
	out, _, code := runCLI("", "--format", "json", "../../testdata/examples/messages-send-docs-example-fixed.json")
	if code != exitClean || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean input: exit %d, output %q; want 0 and []", code, out)
	}
	out, _, code = runCLI("", "--format", "json", "../../testdata/examples", "../../testdata/rules/json-duplicate-key")
	if code != exitFindings {
		t.Errorf("dirty input: exit %d, want 1", code)
	}
	var diags []map[string]any
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(diags) < 10 {
		t.Fatalf("only %d diagnostics", len(diags))
	}
	sawRelated := false
	for _, d := range diags {
		for _, field := range []string{"file", "line", "column", "endLine", "endColumn", "pointer", "rule", "severity", "message"} {
			if _, ok := d[field]; !ok {
				t.Errorf("diagnostic lacks %q: %v", field, d)
			}
		}
		switch d["severity"] {
		case "error", "warning", "info", "hint":
		default:
			t.Errorf("severity %v", d["severity"])
		}
		if line, _ := d["line"].(float64); line < 1 {
			t.Errorf("line %v is not 1-based", d["line"])
		}
		if _, ok := d["related"]; ok {
			sawRelated = true
		}
	}
	if !sawRelated {
		t.Error("no diagnostic carried related locations")
	}
}

func TestDirectoriesAreWalkedForJSONOnly(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "nested")
	if err := os.Mkdir(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		filepath.Join(nested, "payload.json"): `{"campaign_id": "c"}`, // broadcast-required
		filepath.Join(dir, "notes.txt"):       `{"campaign_id": `,     // broken, but not *.json
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code := runCLI("", dir)
	if code != exitFindings || !strings.Contains(out, filepath.Join("nested", "payload.json")+":1:1: error:") {
		t.Errorf("exit %d; the nested payload.json was not linted:\n%s", code, out)
	}
	if strings.Contains(out, "notes.txt") {
		t.Errorf("a non-JSON file was linted:\n%s", out)
	}
}

func TestFailSeverity(t *testing.T) {
	warningsOnly := "../../testdata/rules/api-key-in-body/bad.json"
	infoOnly := "../../testdata/rules/subscription-state-all/bad.json"
	tests := []struct {
		file, severity string
		want           int
	}{
		{warningsOnly, "error", exitClean},
		{warningsOnly, "warning", exitFindings},
		{warningsOnly, "hint", exitFindings},
		{infoOnly, "warning", exitClean},
		{infoOnly, "info", exitFindings},
	}
	for _, tt := range tests {
		_, stderr, code := runCLI("", "--no-config", "--fail-severity", tt.severity, tt.file)
		if code != tt.want {
			t.Errorf("--fail-severity %s %s: exit %d, want %d (%s)", tt.severity, tt.file, code, tt.want, stderr)
		}
	}
	if _, _, code := runCLI("", "--fail-severity", "fatal", warningsOnly); code != exitTrouble {
		t.Errorf("--fail-severity fatal: exit %d, want 2", code)
	}
}

// TestShowValues checks that payload text appears only when asked for, in
// every format that prints findings.
func TestShowValues(t *testing.T) {
	in := `{"external_user_ids": ["jane@example.com"], "broadcast": "yes-please", ` + `"messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	for _, format := range []string{"text", "json", "github"} {
		hidden, _, _ := runCLI(in, "--no-config", "--format", format, "-")
		shown, _, _ := runCLI(in, "--no-config", "--format", format, "--show-values", "-")
		if strings.Contains(hidden, "yes-please") {
			t.Errorf("%s: a value is printed without --show-values:\n%s", format, hidden)
		}
		if !strings.Contains(shown, "yes-please") {
			t.Errorf("%s: --show-values does not print the offending value:\n%s", format, shown)
		}
	}
}

// TestUndeclaredNamesStayOutOfPointers: a member name the schemas do not
// declare is payload data, so the pointers every format prints hide it
// unless --show-values, while telling members apart.
func TestUndeclaredNamesStayOutOfPointers(t *testing.T) {
	in := `{"campaign_id": "c", "recipients": [{"external_user_id": "u", "jane@mailhost.test": 1, "joe@mailhost.test": 2}]}`
	for _, format := range []string{"text", "json", "sarif", "gitlab", "checkstyle", "junit", "github"} {
		hidden, _, _ := runCLI(in, "--no-config", "--format", format, "-")
		if strings.Contains(hidden, "mailhost") {
			t.Errorf("%s: an undeclared member name is printed without --show-values:\n%s", format, hidden)
		}
	}
	hidden, _, _ := runCLI(in, "--no-config", "--format", "json", "-")
	var diags []struct{ Pointer string }
	if err := json.Unmarshal([]byte(hidden), &diags); err != nil || len(diags) != 2 || diags[0].Pointer == diags[1].Pointer ||
		!strings.HasPrefix(diags[0].Pointer, "/recipients/0/~h") {
		t.Errorf("want two findings at distinct hidden pointers under /recipients/0: %v %s", err, hidden)
	}
	shown, _, _ := runCLI(in, "--no-config", "--format", "json", "--show-values", "-")
	if !strings.Contains(shown, `"/recipients/0/jane@mailhost.test"`) {
		t.Errorf("--show-values does not print the pointer as it is:\n%s", shown)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("é", 100)
	tests := []struct{ src, want string }{
		{"{\n  \"a\":\t1\n}", `{ "a": 1 }`},
		{"\"ab\xffc\"", "\"ab\uFFFDc\""},
		{long, strings.Repeat("é", maxSnippet) + "…"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := snippet([]byte(tt.src), 0, len(tt.src)); got != tt.want {
			t.Errorf("snippet(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
	if got := snippet([]byte("abc"), 2, 99); got != "c" {
		t.Errorf("a span past the end is clamped: got %q", got)
	}
}

// TestNDJSON checks --ndjson end to end: file line numbers, per-line endpoint
// detection, directories walked for .ndjson and .jsonl only.
func TestNDJSON(t *testing.T) {
	dir := t.TempDir()
	stream := strings.Join([]string{
		`{"external_user_ids": ["a"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`,
		``,
		`{"campaign_id": "c", "broadcast": "true"}`,
		`{"campaign_id": "c",`,
	}, "\n")
	for _, name := range []string{"a.ndjson", "b.jsonl", "c.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(stream), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := runCLI("", "--no-config", "--ndjson", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	want := []string{
		"a.ndjson:3:35: error: broadcast must be a boolean, not a string",
		"a.ndjson:4:21: error:",
		"b.jsonl:3:35: error:",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "c.json:") || strings.Contains(out, ":1:") {
		t.Errorf("c.json was read, or the clean first line reported:\n%s", out)
	}
	// A file named on the command line is read as NDJSON whatever its name.
	out, _, _ = runCLI("", "--no-config", "--ndjson", filepath.Join(dir, "c.json"))
	if !strings.Contains(out, "c.json:3:35: error:") {
		t.Errorf("a named file is not read as NDJSON:\n%s", out)
	}
}

// TestHugeString: a 50 MB string is read no further than the size limit and
// reported where the limit is crossed.
func TestHugeString(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"external_user_ids": ["`)
	f.Write(bytes.Repeat([]byte("x"), 50<<20))
	f.WriteString(`"]}`)
	f.Close()
	out, _, code := runCLI("", "--no-config", path)
	if code != exitFindings || !strings.Contains(out, ":1:4194305: error: ") || !strings.Contains(out, "(input-too-large)") {
		t.Errorf("exit %d, output %q; want input-too-large at the first byte past 4 MiB", code, out)
	}
}

// TestJSONFindingShape: a --format json element is the file, lint.Diagnostic's
// own JSON members (the shape serve answers) and the command's value and
// fingerprint, and reads back whole.
func TestJSONFindingShape(t *testing.T) {
	d := lint.Diagnostic{Rule: "r", Severity: lint.Warning, Pointer: "/p", Message: "m",
		Start: lint.Position{Offset: 1, Line: 1, Column: 2}, End: lint.Position{Offset: 2, Line: 1, Column: 3}}
	f := jsonFinding{File: "a.json", Diagnostic: d, Value: "v", Fingerprint: "0123456789abcdef"}
	got, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	diag, _ := json.Marshal(d)
	want := `{"file":"a.json",` + string(diag[1:len(diag)-1]) + `,"value":"v","fingerprint":"0123456789abcdef"}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var back jsonFinding
	if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, f) {
		t.Errorf("read back %+v (%v), want %+v", back, err, f)
	}
}

// TestTextIsWriteText: the command's text format is validate.WriteText's, with
// the hint that --fix applies the fixes.
func TestTextIsWriteText(t *testing.T) {
	body := `{"broadcast": true, "external_user_ids": ["u-1"], "override_frequency_capping": "false",
 "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	file := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runCLI("", "--no-config", file)
	var want strings.Builder
	validate.WriteText(&want, filepath.ToSlash(file), validate.Bytes(validate.Auto, []byte(body)))
	if w := strings.ReplaceAll(want.String(), "without quotes\n", "without quotes (brazelint --fix)\n"); out != w || !strings.Contains(out, "\tfix: ") || !strings.Contains(out, "\t"+filepath.ToSlash(file)+":1:") {
		t.Errorf("brazelint printed\n%s\nvalidate.WriteText\n%s", out, w)
	}
}
