package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/testtree"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// The payloads are generated here rather than kept under testdata/split: they
// are inputs to a command that writes files, not lint cases, and n recipients
// are easier to read as a loop than as a file of n objects.

// recipientsPayload is a pretty-printed /campaigns/trigger/send payload with n
// recipients; extra is added as top-level members, e.g. to make it invalid.
func recipientsPayload(n int, extra string) []byte {
	var recipients []string
	for i := 1; i <= n; i++ {
		recipients = append(recipients, fmt.Sprintf("{\n      \"external_user_id\": \"user-%d\"\n    }", i))
	}
	return []byte(`{
  "campaign_id": "camp-1",
  "trigger_properties": {"greeting": "caf\u00e9", "price": 1.0},` + extra + `
  "recipients": [
    ` + strings.Join(recipients, ",\n    ") + `
  ],
  "broadcast": false
}
`)
}

// writePayload writes data as name in a new directory and returns its path.
func writePayload(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// recipientsOf decodes the recipients of a payload.
func recipientsOf(t *testing.T, payload []byte) []any {
	t.Helper()
	var p struct{ Recipients []any }
	if err := json.Unmarshal(payload, &p); err != nil {
		t.Fatalf("payload does not decode: %v", err)
	}
	return p.Recipients
}

// checkBatches reads the batch files and checks that each is free of errors,
// that all but the last hold size recipients, and that together they hold
// the recipients of original, in order.
func checkBatches(t *testing.T, original []byte, files []string, size int) {
	t.Helper()
	var joined []any
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range validate.Bytes(validate.CampaignsTriggerSend, b) {
			if d.Severity == lint.Error {
				t.Errorf("%s: %d:%d: %s (%s)", f, d.Start.Line, d.Start.Column, d.Message, d.Rule)
			}
		}
		r := recipientsOf(t, b)
		if i < len(files)-1 && len(r) != size {
			t.Errorf("%s holds %d recipients, want %d", f, len(r), size)
		}
		joined = append(joined, r...)
	}
	if diff := cmp.Diff(recipientsOf(t, original), joined); diff != "" {
		t.Errorf("the batches' recipients differ from the original's (-want +got):\n%s", diff)
	}
}

func TestSplitWritesNumberedFiles(t *testing.T) {
	original := recipientsPayload(180, "")
	input := writePayload(t, "campaign.json", original)
	dir := filepath.Dir(input)
	out, stderr, code := runCLI("", "split", input)
	if code != exitClean || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var want []string
	for i := 1; i <= 4; i++ {
		want = append(want, filepath.Join(dir, fmt.Sprintf("campaign.%03d.json", i)))
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); !slices.Equal(got, toSlash(want)) {
		t.Fatalf("printed %q, want %q", got, want)
	}
	// Nothing else: no temporary file is left behind.
	if names := dirNames(t, dir); !slices.Equal(names, []string{"campaign.001.json", "campaign.002.json", "campaign.003.json", "campaign.004.json", "campaign.json"}) {
		t.Errorf("the directory holds %q", names)
	}
	checkBatches(t, original, want, 50)
	first, _ := os.ReadFile(want[0])
	if !bytes.HasPrefix(first, original[:bytes.Index(original, []byte(`"user-1"`))]) || !strings.Contains(string(first), `"caf\u00e9", "price": 1.0}`) {
		t.Errorf("the batch does not keep the original's text:\n%s", first)
	}
	if runtime.GOOS != "windows" {
		if info, err := os.Stat(want[0]); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("batch mode %v (%v), want the input's 0600: the batches hold the same personal data", info.Mode(), err)
		}
	}
}

func toSlash(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

func TestSplitIntoOutputDirectory(t *testing.T) {
	original := recipientsPayload(7, "")
	input := writePayload(t, "campaign.json", original)
	outDir := filepath.Join(t.TempDir(), "batches", "today") // created by split
	out, stderr, code := runCLI("", "split", "--size", "3", "-o", outDir, input)
	if code != exitClean {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if names := dirNames(t, outDir); !slices.Equal(names, []string{"campaign.001.json", "campaign.002.json", "campaign.003.json"}) {
		t.Fatalf("%s holds %q; printed %q", outDir, names, out)
	}
	if names := dirNames(t, filepath.Dir(input)); len(names) != 1 {
		t.Errorf("wrote next to the input too: %q", names)
	}
	var files []string
	for _, name := range dirNames(t, outDir) {
		files = append(files, filepath.Join(outDir, name))
	}
	checkBatches(t, original, files, 3)
}

func TestBatchPaths(t *testing.T) {
	tests := []struct {
		input, dir string
		n          int
		first      string
		last       string
	}{
		{"payloads/campaign.json", "", 4, "payloads/campaign.001.json", "payloads/campaign.004.json"},
		{"campaign.json", "", 999, "campaign.001.json", "campaign.999.json"},
		{"campaign.json", "", 1000, "campaign.0001.json", "campaign.1000.json"},
		{"payloads/big.payload.txt", "out", 2, "out/big.payload.001.json", "out/big.payload.002.json"},
		{"-", "out", 1, "out/stdin.001.json", "out/stdin.001.json"},
	}
	for _, tt := range tests {
		got := toSlash(batchPaths(filepath.FromSlash(tt.input), filepath.FromSlash(tt.dir), tt.n))
		if len(got) != tt.n || got[0] != tt.first || got[tt.n-1] != tt.last {
			t.Errorf("batchPaths(%q, %q, %d): %d paths from %q to %q, want %q to %q",
				tt.input, tt.dir, tt.n, len(got), got[0], got[len(got)-1], tt.first, tt.last)
		}
	}
}

func TestSplitNDJSON(t *testing.T) {
	original := recipientsPayload(180, "")
	input := writePayload(t, "campaign.json", original)
	out, stderr, code := runCLI("", "split", "--ndjson", input)
	if code != exitClean || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if names := dirNames(t, filepath.Dir(input)); len(names) != 1 {
		t.Errorf("--ndjson wrote files: %q", names)
	}
	batches, err := validate.Split(validate.CampaignsTriggerSend, original, 50)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(batches) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(batches), out)
	}
	var joined []any
	for i, line := range lines {
		var compact bytes.Buffer
		json.Compact(&compact, batches[i])
		if line != compact.String() {
			t.Errorf("line %d is not batch %d compacted:\n%s", i+1, i+1, line)
		}
		// Compaction keeps strings and numbers as written.
		if !strings.Contains(line, `{"greeting":"caf\u00e9","price":1.0}`) {
			t.Errorf("line %d rewrote trigger_properties:\n%s", i+1, line)
		}
		joined = append(joined, recipientsOf(t, []byte(line))...)
	}
	if diff := cmp.Diff(recipientsOf(t, original), joined); diff != "" {
		t.Errorf("the lines' recipients differ from the original's (-want +got):\n%s", diff)
	}
}

func TestSplitStandardInput(t *testing.T) {
	original := recipientsPayload(60, "")
	out, stderr, code := runCLI(string(original), "split", "--ndjson", "-")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines, want 2:\n%s", n, out)
	}

	dir := t.TempDir()
	out, stderr, code = runCLI(string(original), "split", "-o", dir, "-")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := toSlash([]string{filepath.Join(dir, "stdin.001.json"), filepath.Join(dir, "stdin.002.json")})
	if got := strings.Fields(out); !slices.Equal(got, want) {
		t.Errorf("printed %q, want %q", got, want)
	}
	if runtime.GOOS != "windows" {
		if info, err := os.Stat(want[0]); err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("batch from standard input: mode %v (%v), want 0644", info.Mode(), err)
		}
	}
}

// A payload with an error besides too many recipients, or whose batches would
// have one, is refused: findings on standard error, exit 1, nothing written.
func TestSplitRefuses(t *testing.T) {
	bothLists := `{"external_user_ids": [` + strings.Repeat(`"u", `, 40) + `"u"], "user_aliases": [` +
		strings.Repeat(`{"alias_name": "a", "alias_label": "l"}, `, 20) + `{"alias_name": "a", "alias_label": "l"}],
  "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	tests := []struct {
		name    string
		payload []byte
		args    []string
		want    []string // on stderr
	}{
		{
			name:    "another error in the input",
			payload: recipientsPayload(180, "\n  \"send_id\": 12,"),
			want:    []string{"campaign.json:4:14: error: ", "(type-mismatch)", "campaign.json has errors: fix them first; nothing was written"},
		},
		{
			name:    "batches larger than a request takes",
			payload: recipientsPayload(120, ""),
			args:    []string{"--size", "60"},
			want:    []string{"campaign.001.json:", "(too-many-recipients)", "campaign.002.json:", "the batches would have errors; nothing was written"},
		},
		{
			name:    "users in both lists",
			payload: []byte(bothLists),
			want:    []string{"external_user_ids and user_aliases list 62 users together, more than 50: split them by hand"},
		},
		{
			name:    "broken JSON",
			payload: recipientsPayload(180, "\n  \"send_id\": ,"),
			want:    []string{"(json-syntax)", "nothing was written"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := writePayload(t, "campaign.json", tt.payload)
			for _, ndjson := range []bool{false, true} {
				args := append(slices.Clone(tt.args), input)
				if ndjson {
					args = append([]string{"--ndjson"}, args...)
				}
				out, stderr, code := runCLI("", append([]string{"split"}, args...)...)
				if code != exitFindings || out != "" {
					t.Errorf("ndjson=%v: exit %d, stdout %q; want exit 1 and nothing on stdout", ndjson, code, out)
				}
				for _, w := range tt.want {
					if !strings.Contains(stderr, w) {
						t.Errorf("ndjson=%v: stderr does not say %q:\n%s", ndjson, w, stderr)
					}
				}
			}
			if names := dirNames(t, filepath.Dir(input)); len(names) != 1 {
				t.Errorf("files were written: %q", names)
			}
		})
	}
}

func TestSplitKeepsExistingFiles(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(180, ""))
	dir := filepath.Dir(input)
	third := filepath.Join(dir, "campaign.003.json")
	if err := os.WriteFile(third, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCLI("", "split", input)
	if code != exitTrouble || out != "" || !strings.Contains(stderr, "campaign.003.json already exists: remove it or add --force") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and the existing file named", code, out, stderr)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("wrote batches anyway: %q", names)
	}
	if b, _ := os.ReadFile(third); string(b) != "keep me" {
		t.Errorf("overwrote %s", third)
	}

	if _, stderr, code := runCLI("", "split", "--force", input); code != exitClean {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(third); len(recipientsOf(t, b)) != 50 {
		t.Errorf("--force did not replace %s", third)
	}
}

func TestSplitDirectoryInTheWay(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(180, ""))
	dir := filepath.Dir(input)
	if err := os.Mkdir(filepath.Join(dir, "campaign.004.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI("", "split", "--force", input)
	if code != exitTrouble || !strings.Contains(stderr, "campaign.004.json is a directory") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("wrote batches anyway: %q", names)
	}
}

func TestSplitUsageErrors(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(60, ""))
	tests := []struct {
		args []string
		want string // on stderr
	}{
		{[]string{"split"}, "name one payload file"},
		{[]string{"split", input, input}, "name one payload file"},
		{[]string{"split", "--size", "0", input}, "--size must be at least 1"},
		{[]string{"split", "--size", "ten", input}, "invalid argument"},
		{[]string{"split", "--endpoint", "users/track", input}, "unknown endpoint"},
		{[]string{"split", "--ndjson", "-o", "out", input}, "leave out --output"},
		{[]string{"split", "-"}, "add --output DIR or --ndjson"},
		{[]string{"split", "--no-such-flag", input}, "unknown flag"},
		{[]string{"split", filepath.Join(filepath.Dir(input), "missing.json")}, "missing.json"},
	}
	for _, tt := range tests {
		out, stderr, code := runCLI("", tt.args...)
		if code != exitTrouble || out != "" || !strings.HasPrefix(stderr, "brazelint: ") || !strings.Contains(stderr, tt.want) {
			t.Errorf("brazelint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, out, stderr, tt.want)
		}
	}
	if names := dirNames(t, filepath.Dir(input)); len(names) != 1 {
		t.Errorf("a usage error wrote files: %q", names)
	}
}

// TestSplitInterruptedWrite fails the third rename: the two batches already in
// place are taken back, and no temporary file is left.
func TestSplitInterruptedWrite(t *testing.T) {
	saved := rename
	defer func() { rename = saved }()
	calls := 0
	rename = func(from, to string) error {
		if calls++; calls == 3 {
			return errors.New("disk full")
		}
		return saved(from, to)
	}
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"p.json": string(recipientsPayload(180, ""))})
	_, stderr, code := runCLI("", "split", filepath.Join(dir, "p.json"))
	if code != exitTrouble || !strings.Contains(stderr, "disk full") {
		t.Errorf("exit %d, stderr %q; want 2 and the error", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the directory: %v", names)
	}
}

// A payload already within --size is not copied: a NAME.001.json beside it
// would be linted and sent along with it.
func TestSplitWithinSizeWritesNothing(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(3, ""))
	outDir := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{{"split", input}, {"split", "-o", outDir, input}} {
		out, stderr, code := runCLI("", args...)
		if code != exitClean || out != "" || !strings.Contains(stderr, "nothing to split; nothing was written") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0, nothing printed, and why on stderr", args, code, out, stderr)
		}
	}
	if names := dirNames(t, filepath.Dir(input)); !slices.Equal(names, []string{"campaign.json"}) {
		t.Errorf("the input's directory holds %q", names)
	}
	if _, err := os.Stat(outDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--output directory made: %v", err)
	}
	// --ndjson prints the one payload, so a pipeline gets its input back.
	out, _, code := runCLI("", "split", "--ndjson", input)
	if code != exitClean || strings.Count(out, "\n") != 1 {
		t.Errorf("--ndjson: exit %d, printed %q; want the one payload", code, out)
	}
}

// A split into four batches, then of a shorter list into three with
// --force, once left the fourth batch on disk: 170 users for 120.
func TestSplitForceRemovesEarlierBatches(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(170, ""))
	dir := filepath.Dir(input)
	if _, stderr, code := runCLI("", "split", input); code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Files that are not its batches stay.
	others := []string{"campaign.12.json", "campaign.001.draft.json", "other.004.json", "campaign.0x1.json"}
	for _, name := range others {
		os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644)
	}
	if err := os.WriteFile(input, []byte(recipientsPayload(120, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without --force the stale batch is reason enough to refuse.
	os.Remove(filepath.Join(dir, "campaign.001.json"))
	os.Remove(filepath.Join(dir, "campaign.002.json"))
	os.Remove(filepath.Join(dir, "campaign.003.json"))
	if _, stderr, code := runCLI("", "split", input); code != exitTrouble || !strings.Contains(stderr, "campaign.004.json is a batch of an earlier split: remove it or add --force") {
		t.Errorf("exit %d, stderr %q; want 2 and the stale batch named", code, stderr)
	}
	if _, stderr, code := runCLI("", "split", "--force", input); code != exitClean {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	users := 0
	for _, name := range dirNames(t, dir) {
		if strings.HasPrefix(name, "campaign.00") && !strings.Contains(name, "draft") {
			b, _ := os.ReadFile(filepath.Join(dir, name))
			users += len(recipientsOf(t, b))
		}
	}
	if users != 120 {
		t.Errorf("%d users in the batches on disk, want 120: %q", users, dirNames(t, dir))
	}
	for _, name := range others {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s, not a batch, was removed", name)
		}
	}
}

func TestSplitNeverWritesOverItsInput(t *testing.T) {
	input := writePayload(t, "campaign.json", recipientsPayload(120, ""))
	out := t.TempDir()
	if err := os.Link(input, filepath.Join(out, "campaign.002.json")); err != nil {
		t.Skip(err)
	}
	_, stderr, code := runCLI("", "split", "--force", "-o", out, input)
	if code != exitTrouble || !strings.Contains(stderr, "is the input") {
		t.Errorf("exit %d, stderr %q; want 2", code, stderr)
	}
	if b, _ := os.ReadFile(input); len(recipientsOf(t, b)) != 120 {
		t.Error("the input changed")
	}
}
