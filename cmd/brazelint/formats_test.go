package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/lint"
)

// TestGitHubGolden compares --format github over all of testdata with
// golden/formats/github.txt.
func TestGitHubGolden(t *testing.T) {
	t.Chdir("../..")
	got, stderr, code := runCLI("", "--no-config", "--format", "github", "testdata")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	compareGolden(t, "golden/formats/github.txt", got)
}

// TestGitHubCommands checks the workflow command syntax on the cases GitHub
// cares about: the severities' commands, escaping in properties and message,
// and the summary. A line break in a message is shown as \n, not sent as
// %0A, which GitHub turns back into a line break.
func TestGitHubCommands(t *testing.T) {
	results := []result{
		{file: "a,b:c.json", findings: []finding{
			{Diagnostic: diag("json-syntax", 1, 2, 1, 3, "50% off\nnext line")},
		}},
		{file: "clean.json"},
	}
	var b strings.Builder
	if err := writeResults("github", &b, results, errors.New("open missing.json: no such file or directory")); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb%3Ac.json,line=1,col=2,endLine=1,endColumn=3,title=json-syntax::50%25 off\\nnext line\n" +
		"::error title=brazelint::open missing.json: no such file or directory\n" +
		"brazelint: 1 error, 0 warnings, 0 info notes and 0 hints in 1 of 2 files\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOutputIndependentOfJobs runs every format over testdata with one worker
// and with many, and wants byte-identical output.
func TestOutputIndependentOfJobs(t *testing.T) {
	t.Chdir("../..")
	for _, format := range formatNames() {
		t.Run(format, func(t *testing.T) {
			one, _, code1 := runCLI("", "--no-config", "--format", format, "-j", "1", "testdata")
			many, _, code8 := runCLI("", "--no-config", "--format", format, "-j", "16", "testdata")
			if code1 != exitFindings || code8 != exitFindings {
				t.Fatalf("exit %d and %d, want 1", code1, code8)
			}
			if one != many {
				t.Errorf("-j 1 and -j 16 differ:\n%s", cmp.Diff(one, many))
			}
		})
	}
}

// TestOutputSortedByPath names files out of order and expects them in path
// order, each file's findings by position.
func TestOutputSortedByPath(t *testing.T) {
	t.Chdir("../..")
	b, a := "testdata/rules/json-syntax/bad.json", "testdata/rules/broadcast-required/bad.json"
	out, _, _ := runCLI("", "--no-config", b, a)
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "\t") {
			files = append(files, strings.SplitN(line, ":", 2)[0])
		}
	}
	if len(files) < 2 || files[0] != a || files[len(files)-1] != b {
		t.Errorf("files in output order %v, want %s first and %s last", files, a, b)
	}
}

func diag(rule string, line, col, endLine, endCol int, msg string) (d lint.Diagnostic) {
	d.Rule, d.Severity, d.Message = rule, lint.Error, msg
	d.Start.Line, d.Start.Column, d.End.Line, d.End.Column = line, col, endLine, endCol
	return d
}
