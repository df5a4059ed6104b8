package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/testtree"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// fixedGoldenPath maps testdata/x/y.json to golden/x/y.fixed.json.
func fixedGoldenPath(file string) string {
	return strings.TrimSuffix(goldenPath(file), ".txt") + ".fixed.json"
}

// TestFixGolden runs --fix on a copy of every testdata payload. Where a fix
// applies, golden/<path>.fixed.json is the expected result, and the result
// must hold: a second --fix changes nothing, no finding is new, no fix that
// was not refused is left, and a payload whose errors all had fixes has no
// error left. Where none applies, there must be no .fixed.json.
func TestFixGolden(t *testing.T) {
	t.Chdir("../..")
	tmp := t.TempDir()
	fixedCases := 0
	for _, file := range testdataFiles(t) {
		golden := fixedGoldenPath(file)
		original, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		copyPath := filepath.Join(tmp, strings.ReplaceAll(file, "/", "_"))
		if err := os.WriteFile(copyPath, original, 0o640); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI("", "--no-config", "--fix", copyPath)
		if code == exitTrouble {
			t.Fatalf("%s: --fix exit 2: %s", file, stderr)
		}
		fixed, _ := os.ReadFile(copyPath)
		if bytes.Equal(fixed, original) {
			if _, err := os.Stat(golden); err == nil {
				if update {
					os.Remove(golden)
				} else {
					t.Errorf("%s is stale: no fix applies to %s", golden, file)
				}
			}
			continue
		}
		fixedCases++
		compareGolden(t, golden, string(fixed))
		if info, _ := os.Stat(copyPath); info.Mode().Perm() != 0o640 {
			t.Errorf("%s: --fix changed the permissions to %v", file, info.Mode().Perm())
		}

		_, stderr, _ = runCLI("", "--no-config", "--fix", copyPath)
		if again, _ := os.ReadFile(copyPath); !bytes.Equal(again, fixed) || strings.Contains(stderr, "es applied") || strings.Contains(stderr, "1 fix applied") {
			t.Errorf("%s: a second --fix changed the file again (%s)", file, stderr)
		}

		before := validate.Bytes(validate.Auto, original)
		after := validate.Bytes(validate.Auto, fixed)
		if !noNewFindings(before, after) {
			t.Errorf("%s: the fixed payload has warnings or errors the original did not:\n%v", file, after)
		}
		refused := strings.Contains(stderr, "not applied")
		for _, d := range after {
			if len(d.Fixes) > 0 && !refused {
				t.Errorf("%s: %s at %s still has a fix after --fix", file, d.Rule, d.Pointer)
			}
		}
		if allErrorsFixable(before) && hasError(after) && !refused {
			t.Errorf("%s: every error had a fix, but the fixed payload still has errors:\n%v", file, after)
		}
	}
	if fixedCases < 30 {
		t.Errorf("only %d testdata payloads have fixes; the fix goldens are not being exercised", fixedCases)
	}
}

// noNewFindings reports whether after has no warning or error that before
// lacks: a fix may bring an info or a hint.
func noNewFindings(before, after []lint.Diagnostic) bool {
	count := map[string]int{}
	for _, d := range before {
		count[d.Rule+" "+d.Pointer]++
	}
	for _, d := range after {
		if d.Severity > lint.Warning {
			continue
		}
		key := d.Rule + " " + d.Pointer
		if count[key] == 0 {
			return false
		}
		count[key]--
	}
	return true
}

func allErrorsFixable(diags []lint.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == lint.Error && len(d.Fixes) == 0 {
			return false
		}
	}
	return true
}

func hasError(diags []lint.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == lint.Error {
			return true
		}
	}
	return false
}

// A payload with one fixable defect of each kind, pretty-printed with tabs
// and CRLF line endings, which --fix must keep.
const fixablePayload = "{\r\n\t\"broadcast\": \"false\",\r\n\t\"external_user_ids\": \"user-1\",\r\n" +
	"\t\"recipient_subscription_state\": \"Opted_In\",\r\n" +
	"\t\"messages\": {\"sms\": {\"subscription_group_id\": \"g\", \"body\": \"hi\", \"app_id\": \"a\"}}\r\n}\r\n"

func TestFixKeepsFormatting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.json")
	testtree.Write(t, dir, map[string]string{"p.json": fixablePayload})
	out, stderr, code := runCLI("", "--no-config", "--fix", path)
	if code != exitClean || out != "" {
		t.Fatalf("--fix: exit %d, output %q, stderr %q; want a clean result", code, out, stderr)
	}
	if !strings.Contains(stderr, "p.json: 3 fixes applied") {
		t.Errorf("stderr %q does not count the fixes", stderr)
	}
	got, _ := os.ReadFile(path)
	want := "{\r\n\t\"broadcast\": false,\r\n\t\"external_user_ids\": [\"user-1\"],\r\n" +
		"\t\"recipient_subscription_state\": \"opted_in\",\r\n" +
		"\t\"messages\": {\"sms\": {\"subscription_group_id\": \"g\", \"body\": \"hi\", \"app_id\": \"a\"}}\r\n}\r\n"
	if string(got) != want {
		t.Errorf("fixed file:\n%q\nwant\n%q", got, want)
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"p.json": fixablePayload, "clean.json": `{"campaign_id": "c", "broadcast": true}`})
	t.Chdir(dir)
	out, stderr, code := runCLI("", "--no-config", "--diff", ".")
	if code != exitFindings {
		t.Fatalf("--diff: exit %d (%s), want 1: a fix would change a file", code, stderr)
	}
	for _, want := range []string{"--- a/p.json\n+++ b/p.json\n", "-\t\"broadcast\": \"false\",\r\n", "+\t\"broadcast\": false,\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "clean.json") {
		t.Errorf("a file with nothing to fix is in the diff:\n%s", out)
	}
	if got, _ := os.ReadFile("p.json"); string(got) != fixablePayload {
		t.Error("--diff changed the file")
	}
	if out, _, code := runCLI(fixablePayload, "--no-config", "--diff", "-"); code != exitFindings || !strings.Contains(out, "+++ b/<stdin>") {
		t.Errorf("--diff of standard input: exit %d\n%s", code, out)
	}
	if _, _, code := runCLI("", "--no-config", "--diff", "clean.json"); code != exitClean {
		t.Errorf("--diff of a clean file: exit %d, want 0", code)
	}
}

// TestFixRefusesNewFindings: "send_to_sync": "true" would become true, which
// forbids the alert and title the object has, so the fix is refused.
func TestFixRefusesNewFindings(t *testing.T) {
	t.Chdir("../..")
	src := "testdata/objects/android_push/bad-send-to-sync-string.json"
	original, _ := os.ReadFile(src)
	path := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(path, original, 0o644)
	_, stderr, _ := runCLI("", "--no-config", "--fix", path)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("a fix that brings a new finding was applied:\n%s", got)
	}
	want := ":9:23: fix of type-mismatch not applied (write true without quotes): it would bring an error at /messages/android_push/alert (exclusive-members): "
	if !strings.Contains(stderr, want) {
		t.Errorf("the refusal is not reported as %q: %q", want, stderr)
	}
	_, stderr, code := runCLI("", "--no-config", "--diff", path)
	if code != exitClean || !strings.Contains(stderr, want) {
		t.Errorf("--diff: exit %d, the refusal is not reported as %q: %q", code, want, stderr)
	}
}

// TestFixInterruptedWrite makes each step of the atomic write fail and
// checks the original file is untouched and no temporary file is left.
func TestFixInterruptedWrite(t *testing.T) {
	boom := errors.New("disk full")
	steps := map[string]func(){
		"sync":   func() { syncFile = func(*os.File) error { return boom } },
		"rename": func() { rename = func(string, string) error { return boom } },
	}
	for name, breakStep := range steps {
		t.Run(name, func(t *testing.T) {
			savedSync, savedRename := syncFile, rename
			defer func() { syncFile, rename = savedSync, savedRename }()
			breakStep()
			dir := t.TempDir()
			path := filepath.Join(dir, "p.json")
			testtree.Write(t, dir, map[string]string{"p.json": fixablePayload})
			_, stderr, code := runCLI("", "--no-config", "--fix", path)
			if code != exitTrouble || !strings.Contains(stderr, "disk full") || !strings.Contains(stderr, "the file is unchanged") {
				t.Errorf("exit %d, stderr %q; want 2 and the error", code, stderr)
			}
			if got, _ := os.ReadFile(path); string(got) != fixablePayload {
				t.Errorf("the original changed:\n%s", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
	t.Run("unwritable directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes to read-only directories; the injected failures above cover this")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "p.json")
		testtree.Write(t, dir, map[string]string{"p.json": fixablePayload})
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
		if _, _, code := runCLI("", "--no-config", "--fix", path); code != exitTrouble {
			t.Errorf("exit %d, want 2", code)
		}
		if got, _ := os.ReadFile(path); string(got) != fixablePayload {
			t.Errorf("the original changed:\n%s", got)
		}
	})
}

func TestFixFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"real.json": fixablePayload})
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Skip(err)
	}
	runCLI("", "--no-config", "--fix", link)
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "real.json")); string(got) == fixablePayload {
		t.Error("the link's target was not fixed")
	}
}

func TestFixUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--fix", "--diff", "x.json"},
		{"--fix", "--ndjson", "x.ndjson"},
		{"--fix", "-", "x.json"}, // the fixed payload goes to standard output: one input only
	} {
		if _, stderr, code := runCLI("", args...); code != exitTrouble {
			t.Errorf("%v: exit %d (%s), want 2", args, code, stderr)
		}
	}
}

// TestFixesInMachineFormats applies the edits the json and sarif outputs
// carry, as an editor or a code-scanning tool would, and wants the same bytes
// --fix writes.
func TestFixesInMachineFormats(t *testing.T) {
	t.Chdir("../..")
	file := "testdata/examples/messages-send-docs-example.json"
	original, _ := os.ReadFile(file)
	want, err := os.ReadFile(fixedGoldenPath(file))
	if err != nil {
		t.Fatal(err)
	}
	type edit struct {
		start, end int
		text       string
	}
	apply := func(edits []edit) string {
		slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(b.start, a.start) }) // back to front
		out := string(original)
		for _, e := range edits {
			out = out[:e.start] + e.text + out[e.end:]
		}
		return out
	}

	out, _, _ := runCLI("", "--no-config", "--format", "json", file)
	var findings []jsonFinding
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	var fromJSON []edit
	for _, f := range findings {
		for _, fix := range f.Fixes {
			for _, e := range fix.Edits {
				fromJSON = append(fromJSON, edit{e.Start.Offset, e.End.Offset, e.NewText})
			}
		}
	}
	if got := apply(fromJSON); got != string(want) {
		t.Errorf("json fixes give:\n%s\nwant:\n%s", got, want)
	}

	out, _, _ = runCLI("", "--no-config", "--format", "sarif", file)
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	var fromSARIF []edit
	for _, r := range log.Runs[0].Results {
		for _, fix := range r.Fixes {
			for _, rep := range fix.ArtifactChanges[0].Replacements {
				e := edit{start: rep.DeletedRegion.ByteOffset, end: rep.DeletedRegion.ByteOffset + rep.DeletedRegion.ByteLength}
				if rep.InsertedContent != nil {
					e.text = rep.InsertedContent.Text
				}
				fromSARIF = append(fromSARIF, e)
			}
		}
	}
	if got := apply(fromSARIF); got != string(want) {
		t.Errorf("sarif fixes give:\n%s\nwant:\n%s", got, want)
	}
}

// TestFixOverTheSizeLimit: fixes that together would take the payload over
// --max-bytes are refused in one line that says so and what to do.
func TestFixOverTheSizeLimit(t *testing.T) {
	payload := `{"external_user_ids": [1001, 1002, 1003, 1004], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	path := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(path, []byte(payload), 0o644)
	_, stderr, _ := runCLI("", "--no-config", "--fix", "--max-bytes", fmt.Sprint(len(payload)+4), path)
	if got, _ := os.ReadFile(path); string(got) != payload {
		t.Errorf("fixes over the limit were applied:\n%s", got)
	}
	want := "p.json: 4 fixes not applied: together they would make the payload larger than the size limit; split it first (brazelint split), then fix the batches\n"
	if !strings.Contains(stderr, want) || strings.Contains(stderr, "overlaps") {
		t.Errorf("stderr %q, want %q and no overlap line", stderr, want)
	}
}
