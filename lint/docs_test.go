package lint

import (
	"os"
	"strings"
	"testing"
)

const (
	rulesBegin = "<!-- rules:begin (generated from lint.Rules; BRAZELINT_UPDATE=1 go test ./lint rewrites it) -->\n"
	rulesEnd   = "<!-- rules:end -->"
)

// TestREADMERules fails when the README's rule list is not what the rule table
// generates; BRAZELINT_UPDATE=1 rewrites it.
func TestREADMERules(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, rulesBegin), strings.Index(readme, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the rules markers %q ... %q", rulesBegin, rulesEnd)
	}
	fresh := readme[:i+len(rulesBegin)] + RulesMarkdown("docs/rules.md") + readme[j:]
	if fresh == readme {
		return
	}
	if os.Getenv("BRAZELINT_UPDATE") != "" {
		if err := os.WriteFile(path, []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("the rule list in README.md is stale: run BRAZELINT_UPDATE=1 go test ./lint")
}
