// Package textformat writes diagnostics in brazelint's text format, for
// validate.WriteText and the command's --format text alike, so the two never
// drift apart.
package textformat

import (
	"fmt"
	"io"

	"github.com/brazelint/brazelint/lint"
)

// Write writes one diagnostic of file:
//
//	file:line:col: severity: message (rule)
//		value: value
//		file:line:col: related message
//		fix: fix message fixHint
//
// The value line only when value is not "" (the command's --show-values: a
// diagnostic never holds payload text); fixHint, such as "(brazelint --fix)",
// follows each fix's message after a space when not "".
//
// Every text from outside (the file name, the value, and the messages,
// which may name members) goes through Escape, so each finding's lines are
// exactly these: no name can add a line, such as a GitHub Actions workflow
// command, or send a terminal escape sequence.
func Write(w io.Writer, file string, d *lint.Diagnostic, value, fixHint string) error {
	file = Escape(file)
	if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s (%s)\n", file, d.Start.Line, d.Start.Column, d.Severity, Escape(d.Message), Escape(d.Rule)); err != nil {
		return err
	}
	if value != "" {
		fmt.Fprintf(w, "\tvalue: %s\n", Escape(value))
	}
	for _, rel := range d.Related {
		fmt.Fprintf(w, "\t%s:%d:%d: %s\n", file, rel.Start.Line, rel.Start.Column, Escape(rel.Message))
	}
	for _, fix := range d.Fixes {
		if fixHint != "" {
			fmt.Fprintf(w, "\tfix: %s %s\n", Escape(fix.Message), fixHint)
		} else {
			fmt.Fprintf(w, "\tfix: %s\n", Escape(fix.Message))
		}
	}
	return nil
}
