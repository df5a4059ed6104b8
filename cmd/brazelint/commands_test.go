package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint"
	"github.com/brazelint/brazelint/lint"
)

// listedRules runs brazelint rules and returns the id that starts each line.
func listedRules(t *testing.T) []string {
	t.Helper()
	out, stderr, code := runCLI("", "rules")
	if code != exitClean {
		t.Fatalf("brazelint rules: exit %d: %s", code, stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		ids = append(ids, strings.Fields(line)[0])
	}
	return ids
}

func TestRulesListsEveryRule(t *testing.T) {
	out, _, _ := runCLI("", "rules")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(lint.Rules) {
		t.Fatalf("%d lines for %d rules:\n%s", len(lines), len(lint.Rules), out)
	}
	severityColumn := strings.Index(lines[0], lint.Rules[0].Severity().String())
	for i, r := range lint.Rules {
		fields := strings.Fields(lines[i])
		if fields[0] != r.ID || fields[1] != r.Severity().String() || !strings.HasSuffix(lines[i], "  "+r.Title) {
			t.Errorf("line %d is %q, want %s, %s and its title, in table order", i+1, lines[i], r.ID, r.Severity())
		}
		if strings.Index(lines[i], fields[1]) != severityColumn {
			t.Errorf("line %d: the severity is not aligned with the line above: %q", i+1, lines[i])
		}
	}
}

func TestRulesJSON(t *testing.T) {
	out, _, code := runCLI("", "rules", "--format", "json")
	var rules []jsonRule
	if err := json.Unmarshal([]byte(out), &rules); err != nil || code != exitClean {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(rules) != len(lint.Rules) {
		t.Fatalf("%d rules, want %d", len(rules), len(lint.Rules))
	}
	for i, r := range lint.Rules {
		got := rules[i]
		if got.ID != r.ID || got.Severity != r.Severity() || got.Title != r.Title || got.Doc != r.Doc || len(got.Spec) != len(r.Spec) {
			t.Errorf("rule %d is %+v, want %s as in the table", i, got, r.ID)
		}
		want := len(lint.Endpoints)
		if r.Endpoints != nil {
			want = len(r.Endpoints)
		}
		if len(got.Endpoints) != want {
			t.Errorf("%s: endpoints %v", r.ID, got.Endpoints)
		}
	}
}

// TestExplainEveryRule explains every rule brazelint rules lists: the doc, the
// spec ids, a failing example that reports the rule and a clean passing one.
func TestExplainEveryRule(t *testing.T) {
	ids := listedRules(t)
	if len(ids) != len(lint.Rules) {
		t.Fatalf("brazelint rules listed %d rules, want %d", len(ids), len(lint.Rules))
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			out, stderr, code := runCLI("", "explain", id)
			r := lint.RuleByID(id)
			if code != exitClean || r == nil {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.HasPrefix(out, "## "+id+"\n") || !strings.Contains(out, r.Doc) || !strings.Contains(out, "Default severity: "+r.Severity().String()) {
				t.Errorf("the heading, doc or severity is missing:\n%s", out)
			}
			if len(r.Spec) > 0 && !strings.Contains(out, "Enforces: "+strings.Join(r.Spec, ", ")+"\n") {
				t.Errorf("the spec ids are missing:\n%s", out)
			}
			bad, good, ok := brazelint.RuleExamples(id)
			if !ok {
				if r != lint.SchemaMismatch {
					t.Fatalf("no examples")
				}
				return
			}
			failing, passing, found := strings.Cut(out, "Passing example, `"+good.Path+"`:\n\n```json\n{")
			if !found || !strings.HasSuffix(passing, "brazelint reports nothing.\n") {
				t.Errorf("the passing example is missing or not clean:\n%s", out)
			}
			switch {
			case bad.Text == nil:
				if !strings.Contains(failing, "`"+bad.Path+"`, too large to show") {
					t.Errorf("the failing example does not say where it is:\n%s", out)
				}
			case !strings.Contains(failing, "Failing example, `"+bad.Path+"`:\n\n```json\n") || !strings.Contains(failing, "("+id+")\n"):
				t.Errorf("the failing example or its report of %s is missing:\n%s", id, out)
			}
		})
	}
}

// TestExampleReportsMatchGolden holds what explain shows brazelint reporting
// for a failing example to what the command prints for the file.
func TestExampleReportsMatchGolden(t *testing.T) {
	t.Chdir("../..")
	for _, r := range lint.Rules {
		bad, _, ok := brazelint.RuleExamples(r.ID)
		if !ok || bad.Text == nil {
			continue
		}
		golden, err := os.ReadFile(goldenPath(bad.Path))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(golden), exampleReport(bad)); diff != "" {
			t.Errorf("%s: explain's report differs from %s (-golden +explain):\n%s", r.ID, goldenPath(bad.Path), diff)
		}
	}
}

func TestExplainUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // on stderr
	}{
		{[]string{"explain"}, "usage: brazelint explain RULE"},
		{[]string{"explain", "json-syntax", "json-bom"}, "usage: brazelint explain RULE"},
		{[]string{"explain", "json-sintax"}, `no rule "json-sintax": did you mean json-syntax?`},
		{[]string{"explain", "duplicate-key"}, "did you mean json-duplicate-key?"},
		{[]string{"explain", "no-such-thing-at-all"}, "brazelint rules lists every rule"},
		{[]string{"schema"}, "usage: brazelint schema [--allow-unknown] ENDPOINT"},
		{[]string{"schema", "auto"}, `unknown endpoint "auto"`},
		{[]string{"schema", "users/track"}, "usage: brazelint schema [--allow-unknown] ENDPOINT"},
		{[]string{"rules", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"rules", "extra"}, "takes no arguments"},
		{[]string{"version", "extra"}, "takes no arguments"},
		{[]string{"rules", "--no-such-flag"}, "unknown flag"},
	}
	for _, tt := range tests {
		out, stderr, code := runCLI("", tt.args...)
		if code != exitTrouble || out != "" || !strings.HasPrefix(stderr, "brazelint: ") || !strings.Contains(stderr, tt.want) {
			t.Errorf("brazelint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q on stderr", strings.Join(tt.args, " "), code, out, stderr, tt.want)
		}
	}
}

func TestSubcommandHelp(t *testing.T) {
	for name := range commands {
		for _, flag := range []string{"-h", "--help"} {
			out, stderr, code := runCLI("", name, flag)
			if code != exitClean || !strings.HasPrefix(out, "usage: brazelint "+name) || stderr != "" {
				t.Errorf("brazelint %s %s: exit %d, stdout %q, stderr %q", name, flag, code, out, stderr)
			}
		}
	}
}

func TestSchemaIsSelfContained(t *testing.T) {
	for _, ep := range []string{"messages/send", "/campaigns/trigger/send"} {
		out, stderr, code := runCLI("", "schema", ep)
		var doc map[string]any
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != exitClean {
			t.Fatalf("brazelint schema %s: exit %d, %v, %s", ep, code, err, stderr)
		}
		if strings.Contains(out, "defs.json") {
			t.Errorf("brazelint schema %s refers to defs.json", ep)
		}
		if defs, _ := doc["$defs"].(map[string]any); len(defs) == 0 || doc["title"] == nil {
			t.Errorf("brazelint schema %s: no title or no $defs", ep)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runCLI("", "version")
	if code != exitClean || !strings.HasPrefix(out, "brazelint ") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

// TestSchemaAllowUnknown checks the --allow-unknown export differs from the
// default one only in accepting undeclared members.
func TestSchemaAllowUnknown(t *testing.T) {
	closed, _, code1 := runCLI("", "schema", "messages/send")
	open, stderr, code2 := runCLI("", "schema", "--allow-unknown", "messages/send")
	if code1 != exitClean || code2 != exitClean {
		t.Fatalf("exit %d and %d: %s", code1, code2, stderr)
	}
	if open == closed || strings.ReplaceAll(closed, `"additionalProperties": false`, `"additionalProperties": true`) == closed {
		t.Fatal("--allow-unknown changed nothing")
	}
	// The closed grammars keep additionalProperties: false; every other one
	// becomes true, so the two differ by exactly that.
	if got, want := strings.Count(open, `"additionalProperties": false`), 3; got != want {
		t.Errorf("--allow-unknown keeps %d closed objects, want %d", got, want)
	}
	if strings.Count(closed, `"additionalProperties"`) != strings.Count(open, `"additionalProperties"`) || len(closed)-len(open) != strings.Count(open, `"additionalProperties": true`)-strings.Count(closed, `"additionalProperties": true`) {
		t.Error("--allow-unknown changed more than additionalProperties")
	}
}
