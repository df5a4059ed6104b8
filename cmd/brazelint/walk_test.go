package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A payload with one error (broadcast with recipients): every file that is
// checked shows up in the findings.
const badPayload = `{"broadcast":true,"external_user_ids":["a"],"messages":{"sms":{"subscription_group_id":"g","body":"hi","app_id":"a"}}}`

// writeTree writes files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// repoTree is a repository as a new user has it: payloads beside the files of
// a JavaScript project, an editor's settings, dependencies and build output.
// No git binary is needed: .git with info/exclude is all the walk reads.
var repoTree = map[string]string{
	".git/info/exclude":             "# local\nlocal-only/\n",
	".gitignore":                    "build/\n*.draft.json\n",
	"package.json":                  `{"name":"app","version":"1.0.0","scripts":{"test":"jest"},"dependencies":{"left-pad":"1"}}`,
	"tsconfig.json":                 "{\n  // comments make this JSONC\n  \"compilerOptions\": {\"target\": \"es2022\"}\n}\n",
	".vscode/settings.json":         badPayload, // hidden: left out even though it looks like a payload
	".vscode/launch.json":           `{"version":"0.2.0","configurations":[]}`,
	"node_modules/pkg/fixture.json": badPayload,
	"vendor/lib/fixture.json":       badPayload,
	"build/out.json":                badPayload,
	"local-only/p.json":             badPayload,
	"payloads/welcome.json":         badPayload,
	"payloads/welcome.draft.json":   badPayload, // ignored by the root .gitignore
	"payloads/sub/.gitignore":       "!keep.draft.json\ngen/\n",
	"payloads/sub/keep.draft.json":  badPayload,                                    // re-included by the nested negation
	"payloads/sub/gen/p.json":       badPayload,                                    // ignored by the nested .gitignore
	"gen/p.json":                    badPayload,                                    // sub's gen/ applies only inside sub
	"payloads/Messages.json":        `{"Messages":{"AndroidPush":{"alert":"hi"}}}`, // untagged Go struct: a payload gone wrong
}

// checkedFiles runs the CLI in dir and returns the files with findings, the
// standard error and the exit code.
func checkedFiles(t *testing.T, dir string, args ...string) (files []string, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	out, stderr, code := runCLI("", append([]string{"--no-config", "--format", "json"}, args...)...)
	if code == exitTrouble {
		t.Fatalf("brazelint %s: exit 2: %s", strings.Join(args, " "), stderr)
	}
	for _, line := range findingsOf(t, out) {
		file, _, _ := strings.Cut(line, " ")
		if !slices.Contains(files, file) {
			files = append(files, file)
		}
	}
	return files, stderr, code
}

// findingsOf reads --format json output as "file pointer rule severity" lines.
func findingsOf(t *testing.T, out string) []string {
	t.Helper()
	var diags []struct{ File, Pointer, Rule, Severity string }
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	var lines []string
	for _, d := range diags {
		lines = append(lines, strings.Join([]string{d.File, d.Pointer, d.Rule, d.Severity}, " "))
	}
	return lines
}

func TestWalkFitsARepository(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, repoTree)
	want := []string{"gen/p.json", "payloads/Messages.json", "payloads/sub/keep.draft.json", "payloads/welcome.json"}
	for _, jobs := range []string{"1", "8"} {
		files, stderr, code := checkedFiles(t, dir, "-j", jobs, ".")
		if diff := cmp.Diff(want, files); diff != "" {
			t.Errorf("-j %s: files checked (-want +got):\n%s", jobs, diff)
		}
		if code != exitFindings {
			t.Errorf("-j %s: exit %d, want 1", jobs, code)
		}
		if wantErr := "brazelint: skipped 2 JSON files with no member of a Braze payload: name a file to check it anyway\n"; stderr != wantErr {
			t.Errorf("-j %s: stderr %q, want %q", jobs, stderr, wantErr)
		}
	}
}

func TestWalkOfASubdirectoryHonoursTheGitignoresAbove(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, repoTree)
	files, _, _ := checkedFiles(t, filepath.Join(dir, "payloads"), ".")
	if diff := cmp.Diff([]string{"Messages.json", "sub/keep.draft.json", "welcome.json"}, files); diff != "" {
		t.Errorf("files checked (-want +got):\n%s", diff)
	}
}

func TestWalkOutsideARepositoryHonoursItsGitignores(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".gitignore":        "out/\n",
		"out/p.json":        badPayload,
		"in/p.json":         badPayload,
		"in/.hidden/p.json": badPayload,
	})
	files, _, _ := checkedFiles(t, dir, ".")
	if diff := cmp.Diff([]string{"in/p.json"}, files); diff != "" {
		t.Errorf("files checked (-want +got):\n%s", diff)
	}
}

func TestNamedPathsAreAlwaysChecked(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, repoTree)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		// A hidden directory, a git-ignored one and node_modules, each named.
		{[]string{".vscode"}, []string{".vscode/settings.json"}},
		{[]string{"build"}, []string{"build/out.json"}},
		{[]string{"node_modules/pkg"}, []string{"node_modules/pkg/fixture.json"}},
		{[]string{"payloads/welcome.draft.json"}, []string{"payloads/welcome.draft.json"}},
	} {
		files, _, _ := checkedFiles(t, dir, tc.args...)
		if diff := cmp.Diff(tc.want, files); diff != "" {
			t.Errorf("brazelint %s: files checked (-want +got):\n%s", strings.Join(tc.args, " "), diff)
		}
	}
	// A named file that is not a payload is reported, not skipped.
	t.Chdir(dir)
	out, stderr, code := runCLI("", "--no-config", "--format", "json", "package.json")
	if diff := cmp.Diff([]string{"package.json  endpoint-unknown error"}, findingsOf(t, out)); diff != "" || code != exitFindings {
		t.Errorf("brazelint package.json: exit %d, findings (-want +got):\n%s", code, diff)
	}
	if stderr != "" {
		t.Errorf("brazelint package.json: stderr %q, want none", stderr)
	}
}

func TestStatedEndpointChecksEveryWalkedFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"package.json": `{"name":"app"}`, "p.json": badPayload})
	files, stderr, _ := checkedFiles(t, dir, "--endpoint", "messages/send", ".")
	if diff := cmp.Diff([]string{"p.json", "package.json"}, files); diff != "" {
		t.Errorf("--endpoint messages/send: files checked (-want +got):\n%s", diff)
	}
	if stderr != "" {
		t.Errorf("--endpoint messages/send: stderr %q, want none", stderr)
	}
	// A config endpoints entry for the file says the same.
	writeTree(t, dir, map[string]string{".brazelint.yaml": "endpoints:\n  - paths: [package.json]\n    endpoint: campaigns/trigger/send\n"})
	out, stderr, _ := runCLI("", "--format", "json", ".")
	var got []string
	for _, line := range findingsOf(t, out) {
		file, _, _ := strings.Cut(line, " ")
		if !slices.Contains(got, file) {
			got = append(got, file)
		}
	}
	if diff := cmp.Diff([]string{"p.json", "package.json"}, got); diff != "" || stderr != "" {
		t.Errorf("config endpoints entry: stderr %q, files checked (-want +got):\n%s", stderr, diff)
	}
}

func TestExclude(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, repoTree)
	files, _, _ := checkedFiles(t, dir, "--exclude", "gen", "--exclude", "payloads/*.json", ".")
	if diff := cmp.Diff([]string{"payloads/sub/keep.draft.json"}, files); diff != "" {
		t.Errorf("files checked (-want +got):\n%s", diff)
	}
	// --exclude drops a named file too, as the config's ignore does.
	files, _, code := checkedFiles(t, dir, "--exclude", "*.draft.json", "payloads/sub/keep.draft.json", "gen/p.json")
	if diff := cmp.Diff([]string{"gen/p.json"}, files); diff != "" || code != exitFindings {
		t.Errorf("named files: exit %d, files checked (-want +got):\n%s", code, diff)
	}
	for _, bad := range []string{"..", "../x/*.json", "a[b"} {
		_, stderr, code := runCLI("", "--no-config", "--exclude", bad, ".")
		if code != exitTrouble || !strings.Contains(stderr, "--exclude") {
			t.Errorf("--exclude %q: exit %d, stderr %q; want exit 2 naming --exclude", bad, code, stderr)
		}
	}
}

func TestWalkOfTestdataStillFails(t *testing.T) {
	t.Chdir("../..")
	_, stderr, code := runCLI("", "--no-config", "testdata")
	if code != exitFindings {
		t.Errorf("brazelint testdata: exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "brazelint: skipped ") {
		t.Errorf("brazelint testdata: stderr %q, want the count of files that are not payloads", stderr)
	}
}

func TestHoldsPayloadMember(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{badPayload, true},
		{"\xef\xbb\xbf\xef\xbb\xbf" + badPayload, true},
		{`{"campaign_id":"c"}`, true},
		{`{"Messages":{},"ExternalUserIDs":["a"]}`, true}, // untagged Go struct
		{`{"external_user_id":["a"],"message":{}}`, true}, // misspelt
		{`{"payload":{"messages":{}}}`, true},             // in an envelope
		{`[{"recipients":[]}]`, true},                     // a list of payloads
		{`{"name":"app","version":"1.0.0","scripts":{"test":"jest"}}`, false},
		{"{\n// JSONC\n\"compilerOptions\":{\"target\":\"es2022\",\"module\":\"nodenext\"}}", false},
		{`{"a":{"b":{"messages":{}}}}`, false}, // too deep to be an envelope
		{`{}`, false},
		{`[]`, false},
		{`"messages"`, false},
		{``, false},
		{`not json`, false},
		{`{"campaign_id": `, true}, // broken, but a payload by its members
		{"{// \"messages\": {}\n\"compilerOptions\": {}}", false},
		{"{/* \"messages\": */ \"compilerOptions\": {\"a\": \"\\\"recipients\\\": \"}}", false},
	} {
		if got := holdsPayloadMember([]byte(tc.text)); got != tc.want {
			t.Errorf("holdsPayloadMember(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// An NDJSON walk skips no file for its content: each line is checked.
func TestNDJSONWalkSkipsNoFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"events.ndjson": `{"name":"app"}` + "\n", "node_modules/x.ndjson": `{"name":"app"}` + "\n"})
	files, stderr, _ := checkedFiles(t, dir, "--ndjson", ".")
	if diff := cmp.Diff([]string{"events.ndjson"}, files); diff != "" || stderr != "" {
		t.Errorf("stderr %q, files checked (-want +got):\n%s", stderr, diff)
	}
}

// FuzzHoldsPayloadMember: the scan reads any bytes without panicking, and a
// payload's leading member is always found.
func FuzzHoldsPayloadMember(f *testing.F) {
	f.Add([]byte(badPayload))
	f.Add([]byte("{/* \"a\" */ \"b\\\"\": [1, {\"c\": // x\n 2}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		holdsPayloadMember(data)
		if !holdsPayloadMember(append([]byte(`{"messages":`), data...)) {
			t.Errorf("a text starting with {\"messages\": is a payload")
		}
	})
}
