package validate

import (
	"bufio"
	"io"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
)

// WriteText writes diagnostics of the payload called name the way the
// brazelint command's text format prints them: one line each,
//
//	name:line:col: severity: message (rule)
//
// with its related locations and the messages of its fixes (see ApplyFixes)
// on tab-indented lines below it. Like the messages, it quotes no payload
// value. It returns the first error from w.
func WriteText(w io.Writer, name string, diags []lint.Diagnostic) error {
	bw := bufio.NewWriter(w)
	for i := range diags {
		textformat.Write(bw, name, &diags[i], "", "")
	}
	return bw.Flush() // bufio keeps the first error of w
}
