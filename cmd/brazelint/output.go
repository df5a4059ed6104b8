package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
)

// formatter prints findings as they come: file starts each checked file, in
// output order (sorted by path), findings gives that file's findings in
// order of position, in one call or several (NDJSON), and end closes the
// output. trouble is the run's I/O errors, which standard error reports too.
type formatter interface {
	file(name string)
	findings(fs []finding) error
	end(trouble error) error
}

// formats make the formatters, by --format name.
var formats = map[string]func(io.Writer) formatter{
	"text":   func(w io.Writer) formatter { return &textFormat{w: bufio.NewWriter(w)} },
	"json":   func(w io.Writer) formatter { return &jsonFormat{w: bufio.NewWriter(w)} },
	"github": func(w io.Writer) formatter { return &githubFormat{w: bufio.NewWriter(w)} },
	"sarif":  func(w io.Writer) formatter { return &sarifFormat{w: w} },
}

func formatNames() []string {
	var names []string
	for name := range formats {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// writeResults prints whole results in a format: for docs and tests, which
// have them collected.
func writeResults(format string, w io.Writer, results []result, trouble error) error {
	f := formats[format](w)
	for _, r := range results {
		f.file(r.file)
		if len(r.findings) > 0 {
			if err := f.findings(r.findings); err != nil {
				return err
			}
		}
	}
	return f.end(trouble)
}

// textFormat prints one line per finding, path:line:col: severity: message
// (rule), with the text the finding covers (with --show-values), related
// locations and the fixes --fix would apply on tab-indented lines below it:
// validate.WriteText's format, written by the same code.
type textFormat struct {
	w     *bufio.Writer
	name  string
	color bool // ANSI colours: --color, when the output is a terminal
	buf   bytes.Buffer
}

func (t *textFormat) file(name string) { t.name = name }

func (t *textFormat) findings(fs []finding) error {
	for i := range fs {
		if !t.color {
			textformat.Write(t.w, t.name, &fs[i].Diagnostic, fs[i].Value, "(brazelint --fix)") // bufio keeps the error for Flush
			continue
		}
		t.buf.Reset()
		textformat.Write(&t.buf, t.name, &fs[i].Diagnostic, fs[i].Value, "(brazelint --fix)")
		t.w.Write(colorize(t.buf.Bytes(), t.name, &fs[i].Diagnostic))
	}
	return t.w.Flush() // a line at a time for a reader of the pipe; bufio keeps writes few
}

func (t *textFormat) end(error) error { return t.w.Flush() }

// jsonFinding is the JSON form of a finding: the file, the diagnostic's own
// JSON members (lint.Diagnostic's shape, which serve answers too), then the
// value (with --show-values) and the fingerprint.
type jsonFinding struct {
	File string
	lint.Diagnostic
	Value       string
	Fingerprint string
}

// jsonFindingExtra holds the members the command adds around a diagnostic.
type jsonFindingExtra struct {
	File        string `json:"file"`
	Value       string `json:"value,omitempty"`
	Fingerprint string `json:"fingerprint"`
}

func (f jsonFinding) MarshalJSON() ([]byte, error) {
	diag, err := json.Marshal(f.Diagnostic)
	if err != nil {
		return nil, err
	}
	file, _ := json.Marshal(f.File) // a string always marshals
	extra, _ := json.Marshal(struct {
		Value       string `json:"value,omitempty"`
		Fingerprint string `json:"fingerprint"`
	}{f.Value, f.Fingerprint})
	// {"file":F, diagnostic members, value and fingerprint}: both objects
	// have members, so their braces can go.
	out := make([]byte, 0, len(diag)+len(file)+len(extra)+16)
	out = append(out, `{"file":`...)
	out = append(out, file...)
	out = append(out, ',')
	out = append(out, diag[1:len(diag)-1]...)
	out = append(out, ',')
	return append(out, extra[1:]...), nil
}

func (f *jsonFinding) UnmarshalJSON(data []byte) error {
	var extra jsonFindingExtra
	if err := json.Unmarshal(data, &extra); err != nil {
		return err
	}
	f.File, f.Value, f.Fingerprint = extra.File, extra.Value, extra.Fingerprint
	return json.Unmarshal(data, &f.Diagnostic)
}

// jsonFormat prints one JSON array of every finding, element by element;
// [] when clean.
type jsonFormat struct {
	w     *bufio.Writer
	name  string
	count int
}

func (j *jsonFormat) file(name string) { j.name = name }

func (j *jsonFormat) findings(fs []finding) error {
	for _, f := range fs {
		jf := jsonFinding{File: j.name, Diagnostic: f.Diagnostic, Value: f.Value, Fingerprint: f.Fingerprint}
		data, err := json.MarshalIndent(jf, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if j.count == 0 {
			sep = "[\n  "
		}
		j.w.WriteString(sep)
		j.w.Write(data)
		j.count++
	}
	return j.w.Flush()
}

func (j *jsonFormat) end(error) error {
	if j.count == 0 {
		j.w.WriteString("[]\n")
	} else {
		j.w.WriteString("\n]\n")
	}
	return j.w.Flush()
}

// githubFormat prints GitHub Actions workflow commands, which GitHub shows
// as annotations on the file and line: errors as ::error, warnings as
// ::warning, info and hints as ::notice. Inputs that could not be read are
// ::error commands without a file. A one-line summary follows.
type githubFormat struct {
	w              *bufio.Writer
	name           string
	count          [lint.Hint + 1]int
	files, flagged int
	current        bool // the current file has a finding
}

func (g *githubFormat) file(name string) {
	g.name, g.current = name, false
	g.files++
}

func (g *githubFormat) findings(fs []finding) error {
	if len(fs) > 0 && !g.current {
		g.current = true
		g.flagged++
	}
	for _, f := range fs {
		g.count[f.Severity]++
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
		fmt.Fprintf(g.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", command,
			escapeProperty(g.name), f.Start.Line, f.Start.Column, f.End.Line, f.End.Column,
			escapeProperty(f.Rule), escapeData(msg))
	}
	return g.w.Flush()
}

func (g *githubFormat) end(trouble error) error {
	if trouble != nil {
		for _, line := range strings.Split(trouble.Error(), "\n") {
			fmt.Fprintf(g.w, "::error title=brazelint::%s\n", escapeData(line))
		}
	}
	fmt.Fprintf(g.w, "brazelint: %s, %s, %s and %s in %d of %d files\n",
		plural(g.count[lint.Error], "error"), plural(g.count[lint.Warning], "warning"),
		plural(g.count[lint.Info], "info note"), plural(g.count[lint.Hint], "hint"), g.flagged, g.files)
	return g.w.Flush()
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
// property values, as GitHub's actions/toolkit does, after textformat.Escape
// has written every control character (line breaks included) as a visible
// escape: GitHub turns %0A back into a line break and the log viewer obeys
// ANSI sequences, so a file or member name must reach neither raw.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(textformat.Escape(s)) }
func escapeProperty(s string) string { return propertyEscaper.Replace(textformat.Escape(s)) }
