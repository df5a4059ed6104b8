package lint

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule table as the Markdown table the README and
// docs/rules.md show. Each rule id links to its section of docs/rules.md;
// rulesDoc is the path of that file from the one the table goes in
// ("docs/rules.md" from the README, "" within docs/rules.md itself).
func RulesMarkdown(rulesDoc string) string {
	var b strings.Builder
	b.WriteString("| Rule | Severity | Endpoints | What it reports | Spec |\n|---|---|---|---|---|\n")
	for _, r := range Rules {
		eps := "all"
		if r.Endpoints != nil {
			paths := make([]string, len(r.Endpoints))
			for i, ep := range r.Endpoints {
				paths[i] = ep.Path()
			}
			eps = strings.Join(paths, ", ")
		}
		fmt.Fprintf(&b, "| [`%s`](%s#%s) | %s | %s | %s | %s |\n", r.ID, rulesDoc, r.ID, r.Severity(), eps, r.Title, strings.Join(r.Spec, ", "))
	}
	return b.String()
}
