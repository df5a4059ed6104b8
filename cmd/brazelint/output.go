package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/brazelint/brazelint/lint"
)

// formats are the output writers, by --format name.
var formats = map[string]func(io.Writer, []result) error{
	"text": writeText,
	"json": writeJSON,
}

// writeText prints one line per diagnostic, path:line:col: severity: message
// (rule), with related locations on tab-indented lines below it.
func writeText(w io.Writer, results []result) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		for _, d := range r.diags {
			fmt.Fprintf(bw, "%s:%d:%d: %s: %s (%s)\n", r.file, d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule)
			for _, rel := range d.Related {
				fmt.Fprintf(bw, "\t%s:%d:%d: %s\n", r.file, rel.Start.Line, rel.Start.Column, rel.Message)
			}
		}
	}
	return bw.Flush()
}

// jsonDiagnostic is the JSON form of a diagnostic. Lines and columns are
// 1-based, columns count Unicode code points, end positions are exclusive.
type jsonDiagnostic struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Offset    int           `json:"offset"`
	EndOffset int           `json:"endOffset"`
	Pointer   string        `json:"pointer"`
	Rule      string        `json:"rule"`
	Severity  lint.Severity `json:"severity"`
	Message   string        `json:"message"`
	Related   []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Pointer   string `json:"pointer"`
	Message   string `json:"message"`
}

// writeJSON prints one JSON array of every diagnostic; [] when clean.
func writeJSON(w io.Writer, results []result) error {
	out := []jsonDiagnostic{}
	for _, r := range results {
		for _, d := range r.diags {
			jd := jsonDiagnostic{File: r.file, Line: d.Start.Line, Column: d.Start.Column,
				EndLine: d.End.Line, EndColumn: d.End.Column, Offset: d.Start.Offset, EndOffset: d.End.Offset,
				Pointer: d.Pointer, Rule: d.Rule, Severity: d.Severity, Message: d.Message}
			for _, rel := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{Line: rel.Start.Line, Column: rel.Start.Column,
					EndLine: rel.End.Line, EndColumn: rel.End.Column, Pointer: rel.Pointer, Message: rel.Message})
			}
			out = append(out, jd)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
