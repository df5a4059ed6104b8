package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
)

// The formats of CI systems beyond GitHub: JUnit XML (Jenkins, GitLab test
// reports, CircleCI), Checkstyle XML (reviewdog and many CI plugins) and
// GitLab Code Quality JSON. Each is deterministic: no times, no host names,
// files in output order, findings by position.

func init() {
	formats["junit"] = func(w io.Writer) formatter { return &junitFormat{w: bufio.NewWriter(w)} }
	formats["checkstyle"] = func(w io.Writer) formatter { return &checkstyleFormat{w: bufio.NewWriter(w)} }
	formats["gitlab"] = func(w io.Writer) formatter { return &gitlabFormat{w: bufio.NewWriter(w)} }
}

// xmlText escapes s for XML text and attribute values, after writing every
// control character as a visible escape: XML 1.0 cannot carry most of them.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(textformat.Escape(s)))
	return b.String()
}

// xmlEscaped escapes text that textformat has already made visible.
func xmlEscaped(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// junitFormat writes JUnit XML as Jenkins' junit-10.xsd describes it, the
// shape GitLab and CircleCI read too: a testsuite per checked file, holding a
// testcase per finding with a failure whose type is the severity, or one
// passing testcase when the file is clean. Inputs that could not be read are
// errors in a testsuite named brazelint.
type junitFormat struct {
	w       *bufio.Writer
	name    string
	cases   bytes.Buffer // the current file's testcases
	tests   int
	started bool
}

func (j *junitFormat) start() {
	if !j.started {
		j.started = true
		j.w.WriteString(xml.Header + "<testsuites name=\"brazelint\">\n")
	}
}

func (j *junitFormat) file(name string) {
	j.start()
	j.flushFile()
	j.name = name
}

func (j *junitFormat) findings(fs []finding) error {
	for _, f := range fs {
		j.tests++
		var text bytes.Buffer
		textformat.Write(&text, j.name, &f.Diagnostic, f.Value, "(brazelint --fix)")
		fmt.Fprintf(&j.cases, "    <testcase name=\"%s at %d:%d\" classname=\"%s\">\n      <failure type=\"%s\" message=\"%s\">%s</failure>\n    </testcase>\n",
			xmlText(f.Rule), f.Start.Line, f.Start.Column, xmlText(j.name), f.Severity, xmlText(f.Message), xmlEscaped(text.String()))
	}
	return nil // written when the file ends: the testsuite's counts come first
}

// flushFile writes the testsuite of the file that ends.
func (j *junitFormat) flushFile() {
	if j.name == "" {
		return
	}
	failures := j.tests
	if j.tests == 0 {
		j.tests = 1
		fmt.Fprintf(&j.cases, "    <testcase name=\"brazelint\" classname=\"%s\"></testcase>\n", xmlText(j.name))
	}
	fmt.Fprintf(j.w, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n", xmlText(j.name), j.tests, failures)
	j.w.Write(j.cases.Bytes())
	j.w.WriteString("  </testsuite>\n")
	j.cases.Reset()
	j.tests, j.name = 0, ""
}

func (j *junitFormat) end(trouble error) error {
	j.start()
	j.flushFile()
	if trouble != nil {
		lines := strings.Split(trouble.Error(), "\n")
		fmt.Fprintf(j.w, "  <testsuite name=\"brazelint\" tests=\"%d\" failures=\"0\" errors=\"%d\">\n", len(lines), len(lines))
		for i, line := range lines {
			fmt.Fprintf(j.w, "    <testcase name=\"input %d\" classname=\"brazelint\">\n      <error type=\"io\" message=\"%s\"></error>\n    </testcase>\n", i+1, xmlText(line))
		}
		j.w.WriteString("  </testsuite>\n")
	}
	j.w.WriteString("</testsuites>\n")
	return j.w.Flush()
}

// checkstyleFormat writes Checkstyle XML: a file element per checked file,
// with an error element per finding (line, column, severity, message and
// source brazelint.RULE). Checkstyle's severities are error, warning and
// info: a hint is info.
type checkstyleFormat struct {
	w       *bufio.Writer
	name    string
	open    bool // a file element is open
	started bool
}

func (c *checkstyleFormat) start() {
	if !c.started {
		c.started = true
		c.w.WriteString(xml.Header + "<checkstyle version=\"4.3\">\n")
	}
}

func (c *checkstyleFormat) closeFile() {
	if c.open {
		c.w.WriteString("  </file>\n")
		c.open = false
	}
}

func (c *checkstyleFormat) file(name string) {
	c.start()
	c.closeFile()
	c.name = name
	fmt.Fprintf(c.w, "  <file name=\"%s\">\n", xmlText(name))
	c.open = true
}

func checkstyleSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "info"
}

func (c *checkstyleFormat) findings(fs []finding) error {
	for _, f := range fs {
		msg := f.Message
		if f.Value != "" {
			msg += " (value: " + f.Value + ")"
		}
		fmt.Fprintf(c.w, "    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"%s\" source=\"brazelint.%s\"></error>\n",
			f.Start.Line, f.Start.Column, checkstyleSeverity(f.Severity), xmlText(msg), xmlText(f.Rule))
	}
	return c.w.Flush()
}

func (c *checkstyleFormat) end(error) error {
	c.start()
	c.closeFile()
	c.w.WriteString("</checkstyle>\n")
	return c.w.Flush()
}

// gitlabIssue is one entry of a GitLab Code Quality report: the subset of the
// Code Climate issue GitLab reads.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path      string          `json:"path"`
	Positions gitlabPositions `json:"positions"`
}

type gitlabPositions struct {
	Begin gitlabPosition `json:"begin"`
	End   gitlabPosition `json:"end"`
}

type gitlabPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// gitlabSeverity maps severities onto GitLab's info, minor, major, critical
// and blocker: an error stops the payload being sent, so it is critical.
func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "critical"
	case lint.Warning:
		return "minor"
	}
	return "info"
}

// gitlabFormat writes a GitLab Code Quality report: one JSON array of issues,
// [] when clean. The fingerprint is a hash of the path and the finding's own
// fingerprint (which survives edits elsewhere in the file), so GitLab can
// tell new issues from old across commits.
type gitlabFormat struct {
	w     *bufio.Writer
	name  string
	count int
}

func (g *gitlabFormat) file(name string) { g.name = name }

func (g *gitlabFormat) findings(fs []finding) error {
	for _, f := range fs {
		sum := sha256.Sum256([]byte(g.name + "\x00" + f.Fingerprint))
		desc := f.Message
		if f.Value != "" {
			desc += " (value: " + f.Value + ")"
		}
		issue := gitlabIssue{
			Description: textformat.Escape(desc),
			CheckName:   f.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(f.Severity),
			Location: gitlabLocation{Path: g.name, Positions: gitlabPositions{
				Begin: gitlabPosition{f.Start.Line, f.Start.Column},
				End:   gitlabPosition{f.End.Line, f.End.Column},
			}},
		}
		data, err := json.MarshalIndent(issue, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if g.count == 0 {
			sep = "[\n  "
		}
		g.w.WriteString(sep)
		g.w.Write(data)
		g.count++
	}
	return g.w.Flush()
}

func (g *gitlabFormat) end(error) error {
	if g.count == 0 {
		g.w.WriteString("[]\n")
	} else {
		g.w.WriteString("\n]\n")
	}
	return g.w.Flush()
}
