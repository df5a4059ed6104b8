package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// diffCase is one file given to --diff: its path relative to the directory
// the command runs in (the diff's label) and its bytes.
type diffCase struct {
	path string
	data string
}

// TestDiffApplies runs --diff on every payload with a fix golden and on
// synthetic multi-hunk files, applies the diff with git apply and with
// patch -p1, and wants each to apply at the stated lines (no offset, no
// fuzz) and to give exactly the bytes --fix writes. A hunk header that
// miscounts a line makes git and patch search for the hunk and report an
// offset, so the check catches wrong headers, not only wrong lines.
func TestDiffApplies(t *testing.T) {
	var cases []diffCase
	t.Chdir("../..")
	for _, file := range testdataFiles(t) {
		if _, err := os.Stat(fixedGoldenPath(file)); err != nil {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, diffCase{file, string(data)})
	}
	if len(cases) < 30 {
		t.Fatalf("only %d fix goldens found; the diff is not being exercised", len(cases))
	}
	cases = append(cases, multiHunkCases()...)

	work := t.TempDir()
	src, gitDir, patchDir := filepath.Join(work, "src"), filepath.Join(work, "git"), filepath.Join(work, "patch")
	for _, c := range cases {
		writeUnder(t, src, c.path, c.data)
	}
	_, hasGit := exec.LookPath("git")
	_, hasPatch := exec.LookPath("patch")
	if hasGit == nil {
		os.MkdirAll(gitDir, 0o755)
		if out, err := gitCommand(gitDir, "", "init", "-q").CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
	}
	t.Chdir(src)

	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			diff, stderr, code := runCLI("", "--no-config", "--diff", c.path)
			if code != exitFindings || diff == "" {
				t.Fatalf("--diff: exit %d, stderr %q; want 1 and a diff", code, stderr)
			}
			if _, stderr, code := runCLI("", "--no-config", "--fix", c.path); code == exitTrouble {
				t.Fatalf("--fix: %s", stderr)
			}
			fixed, _ := os.ReadFile(c.path)
			os.WriteFile(c.path, []byte(c.data), 0o644) // for a rerun of this subtest
			if string(fixed) == c.data {
				t.Fatalf("--diff shows a change but --fix wrote none:\n%s", diff)
			}
			if err := checkHunkHeaders(diff); err != nil {
				t.Errorf("%v\ndiff:\n%s", err, diff)
			}
			if hasGit == nil {
				applyDiff(t, gitDir, c, diff, string(fixed), gitCommand(gitDir, diff, "apply", "-v"))
			}
			if hasPatch == nil {
				applyDiff(t, patchDir, c, diff, string(fixed), patchCommand(patchDir, diff))
			}
		})
	}
	if hasGit != nil || hasPatch != nil {
		t.Skipf("only checked with the tools found: git %v, patch %v", hasGit, hasPatch)
	}
}

// applyDiff writes the original file into dir, runs the apply command there
// and compares the result with what --fix wrote.
func applyDiff(t *testing.T, dir string, c diffCase, diff, want string, cmd *exec.Cmd) {
	t.Helper()
	writeUnder(t, dir, c.path, c.data)
	out, err := cmd.CombinedOutput()
	tool := cmd.Args[0]
	if err != nil {
		t.Fatalf("%s: %v\n%s\ndiff:\n%s", tool, err, out, diff)
	}
	// Both tools name a hunk only when it did not apply at its stated line:
	// "Hunk #2 succeeded at 16 (offset 1 line)", "with fuzz 1", "FAILED".
	if strings.Contains(string(out), "Hunk #") {
		t.Errorf("%s applied the diff only loosely:\n%s\ndiff:\n%s", tool, out, diff)
	}
	got, err := os.ReadFile(filepath.Join(dir, c.path))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s gives\n%q\n--fix writes\n%q\ndiff:\n%s", tool, got, want, diff)
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// checkHunkHeaders checks, without external tools, what git and patch rely
// on: each hunk's counts match its lines, hunks follow one another, and a
// hunk's new-file start is its old-file start moved by the lines the hunks
// before it added or removed. A range of zero lines starts at the line
// before it, as in GNU diff.
func checkHunkHeaders(diff string) error {
	delta, oldEnd, hunks := 0, 0, 0
	lines := strings.SplitAfter(diff, "\n")
	for i := 0; i < len(lines); i++ {
		m := hunkHeader.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		hunks++
		number := func(s, fallback string) int {
			if s == "" {
				s = fallback
			}
			n, _ := strconv.Atoi(s)
			return n
		}
		oldStart, oldCount, newStart, newCount := number(m[1], ""), number(m[2], "1"), number(m[3], ""), number(m[4], "1")
		if oldCount == 0 {
			oldStart++
		}
		if newCount == 0 {
			newStart++
		}
		if oldStart < oldEnd {
			return fmt.Errorf("hunk %q overlaps the one before", m[0])
		}
		if newStart != oldStart+delta {
			return fmt.Errorf("hunk %q: the new file's lines start at %d", m[0], oldStart+delta)
		}
		old, new := 0, 0
		for i+1 < len(lines) && lines[i+1] != "" && strings.ContainsRune(" -+\\", rune(lines[i+1][0])) {
			i++
			switch lines[i][0] {
			case ' ':
				old, new = old+1, new+1
			case '-':
				old++
			case '+':
				new++
			}
		}
		if old != oldCount || new != newCount {
			return fmt.Errorf("hunk %q holds %d old and %d new lines", m[0], old, new)
		}
		delta += newCount - oldCount
		oldEnd = oldStart + oldCount
	}
	if hunks == 0 {
		return fmt.Errorf("no hunk in the diff")
	}
	return nil
}

// gitCommand runs git in dir without the user's or the system's config, so
// that settings such as core.autocrlf cannot change the result.
func gitCommand(dir, stdin string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "HOME="+dir)
	return cmd
}

func patchCommand(dir, stdin string) *exec.Cmd {
	cmd := exec.Command("patch", "-p1", "--batch", "--no-backup-if-mismatch")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

func writeUnder(t *testing.T, root, path, data string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// multiHunkCases are /campaigns/trigger/send payloads of 30 recipients, one
// a line, where the recipients at the given indexes have a numeric id that
// --fix quotes (id-not-string): changes 1 to 8 lines apart, so that some
// share a hunk and some do not, at the first and the last line, without a
// final newline and with CRLF line endings.
func multiHunkCases() []diffCase {
	type shape struct {
		name    string
		fixAt   []int
		eol     string
		compact bool // first recipient on the file's first line, last on its last
		noEOF   bool // no line ending after the last line
	}
	var shapes []shape
	for _, apart := range []int{1, 2, 4, 6, 7, 8} {
		fixAt := []int{3, 3 + apart, 3 + apart + 10}
		shapes = append(shapes,
			shape{name: fmt.Sprintf("%d-apart", apart), fixAt: fixAt, eol: "\n"},
			shape{name: fmt.Sprintf("%d-apart-crlf", apart), fixAt: fixAt, eol: "\r\n"})
	}
	shapes = append(shapes,
		shape{name: "first-and-last-line", fixAt: []int{0, 29}, eol: "\n", compact: true},
		shape{name: "first-two-last-two", fixAt: []int{0, 1, 28, 29}, eol: "\n", compact: true},
		shape{name: "first-and-last-line-crlf", fixAt: []int{0, 2, 27, 29}, eol: "\r\n", compact: true},
		shape{name: "last-line-no-final-newline", fixAt: []int{20, 29}, eol: "\n", compact: true, noEOF: true},
		shape{name: "last-line-no-final-newline-crlf", fixAt: []int{22, 29}, eol: "\r\n", compact: true, noEOF: true},
		shape{name: "context-no-final-newline", fixAt: []int{5, 27}, eol: "\n", noEOF: true},
		shape{name: "every-third-line", fixAt: []int{0, 3, 6, 9, 12, 15, 18, 21, 24, 27}, eol: "\n"},
	)
	var cases []diffCase
	for _, s := range shapes {
		recipients := make([]string, 30)
		for i := range recipients {
			recipients[i] = fmt.Sprintf(`{"external_user_id": "user-%d"}`, i)
		}
		for _, i := range s.fixAt {
			recipients[i] = fmt.Sprintf(`{"external_user_id": %d}`, 1000+i)
		}
		var b bytes.Buffer
		if s.compact {
			b.WriteString(`{"campaign_id": "camp-1", "recipients": [` + strings.Join(recipients, ","+s.eol+"  ") + "]}")
		} else {
			b.WriteString("{" + s.eol + `  "campaign_id": "camp-1",` + s.eol + `  "recipients": [` + s.eol + "    ")
			b.WriteString(strings.Join(recipients, ","+s.eol+"    "))
			b.WriteString(s.eol + "  ]" + s.eol + "}")
		}
		if !s.noEOF {
			b.WriteString(s.eol)
		}
		cases = append(cases, diffCase{"synthetic/" + s.name + ".json", b.String()})
	}
	return cases
}
