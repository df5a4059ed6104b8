package lint

import (
	"os"
	"strings"
	"testing"
)

const (
	rulesBegin = "<!-- rules:begin (generated from lint.Rules; BRAZELINT_UPDATE=1 go test ./lint rewrites it) -->\n"
	rulesEnd   = "<!-- rules:end -->"

	endpointsBegin = "<!-- endpoints:begin (generated from the endpoint table, lint.DefaultEndpoints; BRAZELINT_UPDATE=1 go test ./lint rewrites it) -->\n"
	endpointsEnd   = "<!-- endpoints:end -->"
)

// TestREADMERules fails when the README's rule list is not what the rule table
// generates; BRAZELINT_UPDATE=1 rewrites it.
func TestREADMERules(t *testing.T) {
	checkREADMESection(t, rulesBegin, rulesEnd, RulesMarkdown("docs/rules.md"))
}

// TestREADMEEndpoints does the same for the README's endpoint table.
func TestREADMEEndpoints(t *testing.T) {
	checkREADMESection(t, endpointsBegin, endpointsEnd, DefaultEndpoints.Markdown())
}

func checkREADMESection(t *testing.T, begin, end, text string) {
	t.Helper()
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q ... %q", begin, end)
	}
	fresh := readme[:i+len(begin)] + text + readme[j:]
	if fresh == readme {
		return
	}
	if os.Getenv("BRAZELINT_UPDATE") != "" {
		if err := os.WriteFile(path, []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the section %q of README.md is stale: run BRAZELINT_UPDATE=1 go test ./lint", strings.TrimSpace(begin))
}
