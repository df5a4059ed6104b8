package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// formats are the output writers, by --format name. Every writer prints the
// findings in the order of results, which is sorted by file and then by
// position. trouble is the run's I/O errors, which standard error reports too.
var formats = map[string]func(w io.Writer, results []result, trouble error) error{
	"text":   writeText,
	"json":   writeJSON,
	"github": writeGitHub,
	"sarif":  writeSARIF,
}

func formatNames() []string {
	var names []string
	for name := range formats {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// writeText prints one line per finding, path:line:col: severity: message
// (rule), with the text the finding covers (with --show-values), related
// locations and the fixes --fix would apply on tab-indented lines below it.
func writeText(w io.Writer, results []result, _ error) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		for _, f := range r.findings {
			fmt.Fprintf(bw, "%s:%d:%d: %s: %s (%s)\n", r.file, f.Start.Line, f.Start.Column, f.Severity, f.Message, f.Rule)
			if f.Value != "" {
				fmt.Fprintf(bw, "\tvalue: %s\n", f.Value)
			}
			for _, rel := range f.Related {
				fmt.Fprintf(bw, "\t%s:%d:%d: %s\n", r.file, rel.Start.Line, rel.Start.Column, rel.Message)
			}
			for _, fix := range f.Fixes {
				fmt.Fprintf(bw, "\tfix: %s (brazelint --fix)\n", fix.Message)
			}
		}
	}
	return bw.Flush()
}

// jsonFinding is the JSON form of a finding. Lines and columns are 1-based,
// columns count Unicode code points, end positions are exclusive.
type jsonFinding struct {
	File        string        `json:"file"`
	Line        int           `json:"line"`
	Column      int           `json:"column"`
	EndLine     int           `json:"endLine"`
	EndColumn   int           `json:"endColumn"`
	Offset      int           `json:"offset"`
	EndOffset   int           `json:"endOffset"`
	Pointer     string        `json:"pointer"`
	Rule        string        `json:"rule"`
	Severity    lint.Severity `json:"severity"`
	Message     string        `json:"message"`
	Value       string        `json:"value,omitempty"`
	Fingerprint string        `json:"fingerprint"`
	Related     []jsonRelated `json:"related,omitempty"`
	Fixes       []jsonFix     `json:"fixes,omitempty"`
}

// jsonFix is a fix: edits of the file's bytes, which --fix applies.
type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	NewText   string `json:"newText"`
}

type jsonRelated struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Pointer   string `json:"pointer"`
	Message   string `json:"message"`
}

// writeJSON prints one JSON array of every finding; [] when clean.
func writeJSON(w io.Writer, results []result, _ error) error {
	out := []jsonFinding{}
	for _, r := range results {
		for _, f := range r.findings {
			jf := jsonFinding{File: r.file, Line: f.Start.Line, Column: f.Start.Column,
				EndLine: f.End.Line, EndColumn: f.End.Column, Offset: f.Start.Offset, EndOffset: f.End.Offset,
				Pointer: f.Pointer, Rule: f.Rule, Severity: f.Severity, Message: f.Message,
				Value: f.Value, Fingerprint: f.Fingerprint}
			for _, rel := range f.Related {
				jf.Related = append(jf.Related, jsonRelated{Line: rel.Start.Line, Column: rel.Start.Column,
					EndLine: rel.End.Line, EndColumn: rel.End.Column, Pointer: rel.Pointer, Message: rel.Message})
			}
			for _, fix := range f.Fixes {
				jfix := jsonFix{Message: fix.Message}
				for _, e := range fix.Edits {
					jfix.Edits = append(jfix.Edits, jsonEdit{Line: e.Start.Line, Column: e.Start.Column,
						EndLine: e.End.Line, EndColumn: e.End.Column, Offset: e.Start.Offset, EndOffset: e.End.Offset, NewText: e.NewText})
				}
				jf.Fixes = append(jf.Fixes, jfix)
			}
			out = append(out, jf)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeGitHub prints GitHub Actions workflow commands, which GitHub shows as
// annotations on the file and line: errors as ::error, warnings as ::warning,
// info and hints as ::notice. Inputs that could not be read are ::error
// commands without a file. A one-line summary follows.
func writeGitHub(w io.Writer, results []result, trouble error) error {
	bw := bufio.NewWriter(w)
	if trouble != nil {
		for _, line := range strings.Split(trouble.Error(), "\n") {
			fmt.Fprintf(bw, "::error title=brazelint::%s\n", escapeData(line))
		}
	}
	var count [lint.Hint + 1]int
	files := 0
	for _, r := range results {
		if len(r.findings) > 0 {
			files++
		}
		for _, f := range r.findings {
			count[f.Severity]++
			command := "notice"
			switch f.Severity {
			case lint.Error:
				command = "error"
			case lint.Warning:
				command = "warning"
			}
			msg := f.Message
			if f.Value != "" {
				msg += " (value: " + f.Value + ")"
			}
			fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", command,
				escapeProperty(r.file), f.Start.Line, f.Start.Column, f.End.Line, f.End.Column,
				escapeProperty(f.Rule), escapeData(msg))
		}
	}
	fmt.Fprintf(bw, "brazelint: %s, %s, %s and %s in %d of %d files\n",
		plural(count[lint.Error], "error"), plural(count[lint.Warning], "warning"),
		plural(count[lint.Info], "info note"), plural(count[lint.Hint], "hint"), files, len(results))
	return bw.Flush()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "x") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// escapeData and escapeProperty escape a workflow command's message and its
// property values, as GitHub's actions/toolkit does.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
