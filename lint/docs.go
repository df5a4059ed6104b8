package lint

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule table as the Markdown list the README shows
// between its rules markers.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| Rule | Severity | Endpoints | What it reports | Spec |\n|---|---|---|---|---|\n")
	for _, r := range Rules {
		eps := "both"
		if len(r.Endpoints) == 1 {
			eps = r.Endpoints[0].Path()
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Severity, eps, r.Title, strings.Join(r.Spec, ", "))
	}
	return b.String()
}
