package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/testtree"
)

const (
	// Two findings: broadcast-with-recipients and unknown-member.
	baselineBefore = `{
  "broadcast": true,
  "external_user_ids": ["user-1"],
  "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}},
  "overide_frequency_capping": true
}
`
	// Reformatted, broadcast fixed, the unknown member kept, a new defect
	// (a second unknown member) added before it.
	baselineAfter = `{"external_user_ids": ["user-1"],
  "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1", "priority": 1}},


  "overide_frequency_capping": true}
`
)

// TestBaselineRoundTrip records findings, then checks that a later run reports
// only what is new, survives reformatting, lists what no longer occurs, and
// leaves entries of files it did not check alone.
func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	testtree.Write(t, ".", map[string]string{
		"payloads/a.json": baselineBefore,
		"payloads/b.json": baselineBefore,
		"ci/README":       "the baseline lives here\n",
	})

	_, stderr, code := runCLI("", "--no-config", "--write-baseline", "ci/baseline.json", "payloads")
	if code != exitClean || !strings.Contains(stderr, "recorded 4 findings") {
		t.Fatalf("--write-baseline: exit %d, stderr %q; want 0 and 4 findings recorded", code, stderr)
	}
	var b baseline
	data, _ := os.ReadFile("ci/baseline.json")
	if err := json.Unmarshal(data, &b); err != nil || len(b.Findings) != 4 {
		t.Fatalf("baseline file: %v, %d findings\n%s", err, len(b.Findings), data)
	}
	if b.Findings[0].File != "../payloads/a.json" {
		t.Errorf("entries name files relative to the baseline: got %q", b.Findings[0].File)
	}
	if strings.Contains(string(data), "user-1") {
		t.Error("the baseline echoes a payload value")
	}

	// Nothing new: clean, silent.
	out, stderr, code := runCLI("", "--no-config", "--baseline", "ci/baseline.json", "payloads")
	if code != exitClean || out != "" || stderr != "" {
		t.Fatalf("unchanged files: exit %d, output %q, stderr %q; want a clean run", code, out, stderr)
	}

	// a.json changes; only b.json is named, as a pre-commit hook would.
	testtree.Write(t, ".", map[string]string{"payloads/a.json": baselineAfter})
	out, stderr, code = runCLI("", "--no-config", "--baseline", "ci/baseline.json", "payloads/a.json")
	if code != exitClean {
		t.Errorf("exit %d, want 0: the new finding is a warning", code)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "payloads/a.json:2:") || !strings.Contains(lines[0], "(unknown-member)") {
		t.Errorf("want only the new unknown member on line 2, got:\n%s", out)
	}
	if !strings.Contains(stderr, "no longer occurs: ../payloads/a.json: broadcast-with-recipients at /broadcast") {
		t.Errorf("the fixed finding is not listed: %q", stderr)
	}
	if strings.Contains(stderr, "b.json") {
		t.Errorf("entries of a file not checked are listed: %q", stderr)
	}

	// The baseline works from another working directory.
	t.Chdir("ci")
	out, _, _ = runCLI("", "--no-config", "--baseline", "baseline.json", "../payloads/b.json")
	if out != "" {
		t.Errorf("from ci/: b.json reports baselined findings:\n%s", out)
	}
}

func TestBaselineFingerprints(t *testing.T) {
	t.Chdir("../..")
	fp := func(args ...string) map[string]int {
		out, _, _ := runCLI("", append([]string{"--no-config", "--format", "json"}, args...)...)
		var fs []jsonFinding
		if err := json.Unmarshal([]byte(out), &fs); err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, f := range fs {
			if len(f.Fingerprint) != 16 {
				t.Errorf("fingerprint %q is not 16 hex digits", f.Fingerprint)
			}
			seen[f.File+" "+f.Fingerprint]++
		}
		return seen
	}
	first := fp("testdata")
	for k, n := range first {
		if n > 1 {
			t.Errorf("fingerprint %s occurs %d times in one file", k, n)
		}
	}
	second := fp("-j", "1", "testdata")
	if len(first) != len(second) {
		t.Fatalf("%d fingerprints, then %d", len(first), len(second))
	}
	for k := range first {
		if second[k] == 0 {
			t.Errorf("fingerprint %s is not stable across runs", k)
		}
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"findings": 3}`), 0o644)
	old := filepath.Join(dir, "old.json")
	os.WriteFile(old, []byte(`{"tool": "brazelint", "version": 99, "findings": []}`), 0o644)
	payload := "../../testdata/rules/json-syntax/bad.json"
	for name, args := range map[string][]string{
		"missing":         {"--baseline", filepath.Join(dir, "none.json"), payload},
		"not a baseline":  {"--baseline", bad, payload},
		"other version":   {"--baseline", old, payload},
		"both flags":      {"--baseline", bad, "--write-baseline", old, payload},
		"unwritable path": {"--write-baseline", filepath.Join(dir, "no", "such", "dir.json"), payload},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := runCLI("", append([]string{"--no-config"}, args...)...)
			if code != exitTrouble || !strings.HasPrefix(stderr, "brazelint: ") {
				t.Errorf("exit %d, stderr %q; want 2 and a message", code, stderr)
			}
		})
	}
}

// TestBaselineDoesNotHideErrorsPastTheCap records a payload whose findings
// past --max-diagnostics are warnings, then adds an error past the cap: the
// too-many-findings summary becomes an error, which the baseline must not
// match.
func TestBaselineDoesNotHideErrorsPastTheCap(t *testing.T) {
	t.Chdir(t.TempDir())
	const sms = `"external_user_ids": ["u"], "messages": {"sms": {"subscription_group_id": "g", "app_id": "a", "body": "hi"}}`
	testtree.Write(t, ".", map[string]string{"p.json": `{"a1": 1, "a2": 2, "a3": 3, "a4": 4, "a5": 5, ` + sms + `}`})
	args := []string{"--no-config", "--max-diagnostics", "3"}
	if _, stderr, code := runCLI("", append(args, "--write-baseline", "baseline.json", "p.json")...); code != exitClean {
		t.Fatalf("--write-baseline: exit %d: %s", code, stderr)
	}
	if out, stderr, code := runCLI("", append(args, "--baseline", "baseline.json", "p.json")...); code != exitClean || out != "" {
		t.Fatalf("unchanged payload: exit %d, output %q %s; want 0 and nothing", code, out, stderr)
	}
	testtree.Write(t, ".", map[string]string{"p.json": `{"a1": 1, "a2": 2, "a3": 3, "a4": 4, "a5": 5, ` + sms + `, "broadcast": "yes"}`})
	out, _, code := runCLI("", append(args, "--baseline", "baseline.json", "p.json")...)
	if code != exitFindings || !strings.Contains(out, "error") || !strings.Contains(out, "too-many-findings") {
		t.Errorf("an error past the cap: exit %d, output:\n%s\nwant exit 1 and an error-severity too-many-findings", code, out)
	}
}
