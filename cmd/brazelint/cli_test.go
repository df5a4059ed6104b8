package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/testtree"
	"github.com/brazelint/brazelint/lint"
)

// summaryLine is the line text output ends with on standard error.
var summaryLine = regexp.MustCompile(`(?m)^brazelint: [^\n]* in \d+ of \d+ files?\n`)

// withoutSummary is stderr without the summary line, for tests of the other
// lines.
func withoutSummary(stderr string) string { return summaryLine.ReplaceAllString(stderr, "") }

// Payloads for the tests below: one with an error and a warning (api-key-in-body),
// and one with a warning only.
const (
	errorAndWarning = `{"api_key": "k", "broadcast": "yes", "segment_id": "s", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	warningOnly     = `{"api_key": "k", "broadcast": true, "segment_id": "s", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
)

func TestVersionFlag(t *testing.T) {
	flag, _, code := runCLI("", "--version")
	sub, _, _ := runCLI("", "version")
	if code != exitClean || flag != sub || !strings.HasPrefix(flag, "brazelint ") || !strings.Contains(flag, " go1.") {
		t.Errorf("--version: exit %d, %q; version: %q", code, flag, sub)
	}
}

func TestHelp(t *testing.T) {
	t.Chdir(t.TempDir()) // no file named help here: help must not look for one
	out, stderr, code := runCLI("", "help")
	if code != exitClean || stderr != "" || !strings.HasPrefix(out, "usage: brazelint [flags] path") {
		t.Fatalf("help: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	for name := range commands {
		if !strings.Contains(out, "\n  "+name+" ") {
			t.Errorf("help does not list the command %s", name)
		}
	}
	for _, f := range []string{"--quiet", "--min-severity", "--disable", "--enable", "--print-config", "--stdin-filename", "--output", "--color", "--version"} {
		if !strings.Contains(out, f) {
			t.Errorf("help does not describe %s", f)
		}
	}
	sub, _, code := runCLI("", "help", "schema")
	direct, _, _ := runCLI("", "schema", "--help")
	if code != exitClean || sub != direct {
		t.Errorf("help schema: exit %d, %q; want schema --help's %q", code, sub, direct)
	}
	_, stderr, code = runCLI("", "help", "explian")
	if code != exitTrouble || !strings.Contains(stderr, "did you mean explain?") {
		t.Errorf("help explian: exit %d, %q", code, stderr)
	}
}

// TestCommandsHaveHelp keeps the help's command list in step with commands.
func TestCommandsHaveHelp(t *testing.T) {
	for name := range commands {
		if commandHelp[name] == "" {
			t.Errorf("command %s has no line in commandHelp", name)
		}
	}
}

func TestQuietAndMinSeverity(t *testing.T) {
	for _, tt := range []struct {
		args                   []string
		in                     string
		errors, warnings, code int
	}{
		{[]string{"-"}, errorAndWarning, 1, 1, exitFindings},
		{[]string{"--quiet", "-"}, errorAndWarning, 1, 0, exitFindings},
		{[]string{"--min-severity", "error", "-"}, errorAndWarning, 1, 0, exitFindings},
		{[]string{"--min-severity", "warning", "-"}, errorAndWarning, 1, 1, exitFindings},
		// A finding dropped counts for nothing, --fail-severity included.
		{[]string{"--quiet", "--fail-severity", "warning", "-"}, warningOnly, 0, 0, exitClean},
		{[]string{"--fail-severity", "warning", "-"}, warningOnly, 0, 1, exitFindings},
	} {
		out, stderr, code := runCLI(tt.in, append([]string{"--no-config"}, tt.args...)...)
		errs, warns := strings.Count(out, ": error: "), strings.Count(out, ": warning: ")
		if code != tt.code || errs != tt.errors || warns != tt.warnings {
			t.Errorf("%v: exit %d, %d errors, %d warnings; want %d, %d, %d\n%s%s", tt.args, code, errs, warns, tt.code, tt.errors, tt.warnings, out, stderr)
		}
	}
	if _, stderr, code := runCLI("", "--quiet", "--min-severity", "warning", "-"); code != exitTrouble {
		t.Errorf("--quiet with --min-severity warning: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runCLI("", "--min-severity", "loud", "-"); code != exitTrouble || !strings.Contains(stderr, "--min-severity") {
		t.Errorf("--min-severity loud: exit %d, %s", code, stderr)
	}
}

func TestEnableDisable(t *testing.T) {
	// api-key-in-body is a warning; the config turns it off, and
	// broadcast-enabled (info) too.
	testtree.Repo(t, map[string]string{
		".brazelint.yaml": "rules:\n  api-key-in-body: off\n  broadcast-enabled: off\n",
		"p.json":          warningOnly,
	})
	has := func(out, rule string) bool { return strings.Contains(out, "("+rule+")") }
	out, _, _ := runCLI("", "p.json")
	if has(out, "api-key-in-body") || has(out, "broadcast-enabled") {
		t.Fatalf("the config's off is not applied:\n%s", out)
	}
	out, _, _ = runCLI("", "--enable", "api-key-in-body", "p.json")
	if !has(out, "api-key-in-body") || !strings.Contains(out, ": warning: ") || has(out, "broadcast-enabled") {
		t.Errorf("--enable api-key-in-body: want it back at its default severity, alone:\n%s", out)
	}
	// Both named in one run: a usage error, as neither would be obvious.
	if _, stderr, code := runCLI("", "--enable", "api-key-in-body", "--disable", "api-key-in-body", "p.json"); code != exitTrouble || !strings.Contains(stderr, "both enabled and disabled") {
		t.Errorf("--enable and --disable of one rule: exit %d, %s", code, stderr)
	}
	out, _, _ = runCLI("", "--no-config", "--disable", "api-key-in-body", "p.json")
	if has(out, "api-key-in-body") || !has(out, "broadcast-enabled") {
		t.Errorf("--disable api-key-in-body without a config:\n%s", out)
	}
	_, stderr, code := runCLI("", "--disable", "api-key-in-bdy", "p.json")
	if code != exitTrouble || !strings.Contains(stderr, `unknown rule "api-key-in-bdy": did you mean api-key-in-body?`) {
		t.Errorf("--disable api-key-in-bdy: exit %d, %q", code, stderr)
	}
}

// --disable wins over an override of the config, as a later override would.
func TestDisableWinsOverOverrides(t *testing.T) {
	testtree.Repo(t, map[string]string{
		".brazelint.yaml": "overrides:\n  - paths: [\"*.json\"]\n    rules:\n      api-key-in-body: error\n",
		"p.json":          warningOnly,
	})
	if out, _, code := runCLI("", "p.json"); code != exitFindings || !strings.Contains(out, ": error: ") {
		t.Fatalf("the override does not make api-key-in-body an error: exit %d\n%s", code, out)
	}
	if out, _, code := runCLI("", "--disable", "api-key-in-body", "p.json"); code != exitClean || strings.Contains(out, "api-key-in-body") {
		t.Errorf("--disable lost to the override: exit %d\n%s", code, out)
	}
}

func TestPrintConfig(t *testing.T) {
	testtree.Repo(t, map[string]string{
		".brazelint.yaml": "endpoints:\n  - paths: [\"sends/**\"]\n    endpoint: messages/send\nignore: [\"fixtures\"]\nrules:\n  api-key-in-body: error\noverrides:\n  - pointers: [\"/messages/**\"]\n    rules:\n      unknown-member: off\n",
	})
	out, stderr, code := runCLI("", "--print-config", "--disable", "broadcast-enabled")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"# config file: \"" + filepath.ToSlash(mustAbs(t, ".brazelint.yaml")) + "\"\n",
		"  - paths: [\"sends/**\"]\n    endpoint: messages/send\n",
		"ignore: [\"fixtures\"]\n",
		"  api-key-in-body: error # config\n",
		"  broadcast-enabled: off # command line\n",
		"  json-syntax: error\n",
		"  - pointers: [\"/messages/**\"]\n    rules:\n      unknown-member: off\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--print-config lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\n  ") < len(lint.Rules) {
		t.Errorf("--print-config does not list every rule:\n%s", out)
	}
	out, _, code = runCLI("", "--no-config", "--print-config")
	if code != exitClean || !strings.HasPrefix(out, "# config file: none\n") {
		t.Errorf("--no-config --print-config: exit %d\n%s", code, out)
	}
}

// mustAbs is path joined to the working directory, as config.Load names
// the file it found.
func mustAbs(t *testing.T, path string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, path)
}

func TestStdinFilename(t *testing.T) {
	testtree.Repo(t, map[string]string{
		".brazelint.yaml": "endpoints:\n  - paths: [\"triggers/**\"]\n    endpoint: campaigns/trigger/send\noverrides:\n  - paths: [\"quiet/**\"]\n    rules:\n      api-key-in-body: off\n",
	})
	// The config's endpoint for the path applies: messages is then a
	// member of the wrong endpoint.
	out, _, _ := runCLI(warningOnly, "--stdin-filename", "triggers/a.json", "-")
	if !strings.HasPrefix(out, "triggers/a.json:") || !strings.Contains(out, "(wrong-endpoint-member)") {
		t.Errorf("--stdin-filename triggers/a.json: want its name and the trigger endpoint:\n%s", out)
	}
	// And the overrides for its path.
	out, _, code := runCLI(warningOnly, "--stdin-filename", "quiet/a.json", "-")
	if strings.Contains(out, "api-key-in-body") {
		t.Errorf("--stdin-filename quiet/a.json: the override is not applied (exit %d):\n%s", code, out)
	}
	out, _, _ = runCLI(warningOnly, "-")
	if !strings.HasPrefix(out, "<stdin>:") || !strings.Contains(out, "api-key-in-body") {
		t.Errorf("without --stdin-filename:\n%s", out)
	}
	if _, stderr, code := runCLI("", "--stdin-filename", "a.json", "b.json"); code != exitTrouble || !strings.Contains(stderr, "give - as the input") {
		t.Errorf("--stdin-filename without -: exit %d, %s", code, stderr)
	}
}

func TestFixStdinToStdout(t *testing.T) {
	in := `{"segment_id": "s", "broadcast": "true", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	out, stderr, code := runCLI(in, "--no-config", "--fix", "-")
	if want := strings.Replace(in, `"true"`, "true", 1); out != want {
		t.Errorf("--fix - printed %q, want the fixed payload %q (stderr %q)", out, want, stderr)
	}
	if code != exitClean || !strings.Contains(stderr, "(broadcast-enabled)") {
		t.Errorf("exit %d, stderr %q: want 0 and what is left on stderr", code, stderr)
	}
	// Nothing to fix: the payload as read.
	clean := `{"segment_id": "s", "broadcast": true, "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	if out, _, _ := runCLI(clean, "--no-config", "--fix", "-"); out != clean {
		t.Errorf("--fix - on a payload with no fix printed %q", out)
	}
	// The findings can go to a file instead.
	dir := t.TempDir()
	report := filepath.Join(dir, "r.json")
	out, stderr, _ = runCLI(in, "--no-config", "--fix", "--format", "json="+report, "-")
	data, _ := os.ReadFile(report)
	if !strings.HasPrefix(out, "{") || !strings.Contains(string(data), "broadcast-enabled") || strings.Contains(stderr, "broadcast-enabled") {
		t.Errorf("--fix - --format json=FILE: stdout %q, file %q, stderr %q", out, data, stderr)
	}
}

func TestSeveralOutputs(t *testing.T) {
	dir := t.TempDir()
	sarif, js := filepath.Join(dir, "out.sarif"), filepath.Join(dir, "out.json")
	out, stderr, code := runCLI(errorAndWarning, "--no-config", "--format", "text", "--format", "sarif="+sarif, "--format", "json="+js, "-")
	if code != exitFindings || !strings.Contains(out, ": error: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	var log struct{ Runs []struct{ Results []any } }
	if data, err := os.ReadFile(sarif); err != nil || json.Unmarshal(data, &log) != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 2 {
		t.Errorf("sarif file: %v, %+v", err, log)
	}
	var findings []jsonFinding
	if data, err := os.ReadFile(js); err != nil || json.Unmarshal(data, &findings) != nil || len(findings) != 2 {
		t.Errorf("json file: %v, %d findings", err, len(findings))
	}
	// --output takes the format without a file.
	txt := filepath.Join(dir, "out.txt")
	out, _, _ = runCLI(errorAndWarning, "--no-config", "--output", txt, "-")
	if data, _ := os.ReadFile(txt); out != "" || !strings.Contains(string(data), ": error: ") {
		t.Errorf("--output: stdout %q, file %q", out, data)
	}
	for _, args := range [][]string{
		{"--format", "text", "--format", "json", "-"},              // two to standard output
		{"--format", "xml=a.xml", "-"},                             // unknown format
		{"--format", "json=", "-"},                                 // no file after =
		{"--format", "json=a", "--format", "sarif=a", "-"},         // two to one file
		{"--format", "json=a", "--output", "b", "-"},               // --output with nothing to take
		{"--format", "json=" + filepath.Join(dir, "no", "x"), "-"}, // cannot create
	} {
		if _, stderr, code := runCLI("{}", append([]string{"--no-config"}, args...)...); code != exitTrouble || !strings.HasPrefix(stderr, "brazelint: ") {
			t.Errorf("%v: exit %d, %q; want 2", args, code, stderr)
		}
	}
}

func TestSummaryLine(t *testing.T) {
	out, stderr, _ := runCLI(errorAndWarning, "--no-config", "-")
	if stderr != "brazelint: 1 error and 1 warning in 1 of 1 file\n" {
		t.Errorf("stderr %q", stderr)
	}
	if strings.Contains(out, "brazelint: ") {
		t.Errorf("the summary went to standard output: %q", out)
	}
	// Machine formats and clean runs print none.
	if _, stderr, _ := runCLI(errorAndWarning, "--no-config", "--format", "json", "-"); stderr != "" {
		t.Errorf("--format json: stderr %q", stderr)
	}
	clean := `{"segment_id": "s", "broadcast": true, "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	if _, stderr, _ := runCLI(clean, "--no-config", "--disable", "broadcast-enabled", "-"); stderr != "" {
		t.Errorf("clean run: stderr %q", stderr)
	}
	var s summary
	s.enabled = true
	s.file()
	s.findings([]finding{{Diagnostic: lint.Diagnostic{Severity: lint.Error}}, {Diagnostic: lint.Diagnostic{Severity: lint.Error}}, {Diagnostic: lint.Diagnostic{Severity: lint.Info}}, {Diagnostic: lint.Diagnostic{Severity: lint.Hint}}})
	s.file()
	var b strings.Builder
	s.print(&b)
	if want := "brazelint: 2 errors, 1 info note and 1 hint in 1 of 2 files\n"; b.String() != want {
		t.Errorf("summary %q, want %q", b.String(), want)
	}
}

func TestColor(t *testing.T) {
	out, _, _ := runCLI(errorAndWarning, "--no-config", "--color", "always", "-")
	if !strings.Contains(out, "<stdin>:1:31: \x1b[1;31merror\x1b[0m: ") || !strings.Contains(out, "\x1b[1;33mwarning\x1b[0m") || !strings.Contains(out, "\x1b[2m(api-key-in-body)\x1b[0m\n") {
		t.Errorf("--color always: %q", out)
	}
	// Not a terminal (a buffer), so auto is off; never is off.
	for _, mode := range []string{"auto", "never"} {
		if out, _, _ := runCLI(errorAndWarning, "--no-config", "--color", mode, "-"); strings.Contains(out, "\x1b") {
			t.Errorf("--color %s: %q", mode, out)
		}
	}
	// Machine formats never get colour.
	if out, _, _ := runCLI(errorAndWarning, "--no-config", "--color", "always", "--format", "json", "-"); strings.Contains(out, "\x1b") {
		t.Errorf("--color always --format json: %q", out)
	}
	if _, _, code := runCLI("", "--color", "rainbow", "-"); code != exitTrouble {
		t.Errorf("--color rainbow: exit %d", code)
	}
	// auto: a terminal, and NO_COLOR unset or empty.
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no terminal to test auto with")
	}
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	if on, _ := colorWanted("auto", tty); !on {
		t.Error("auto is off on a terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if on, _ := colorWanted("auto", tty); on {
		t.Error("auto is on with NO_COLOR set")
	}
}

// TestColorAutoOffForFiles checks auto on a regular file, which is no
// terminal, whatever NO_COLOR says.
func TestColorAutoOffForFiles(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Setenv("NO_COLOR", "")
	if on, _ := colorWanted("auto", f); on {
		t.Error("auto is on for a file")
	}
}
