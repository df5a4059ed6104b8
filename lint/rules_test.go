package lint

import (
	"regexp"
	"strings"
	"testing"
)

var (
	kebab  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	specID = regexp.MustCompile(`^((MS|TS|CV|SCH|TX|AUD|REC|ALIAS|PRIO|ATTR|TP|RESP|INC|EX|LIQ|OBJ-(GEN|ANDROID|APPLE|CARD|EMAIL|KINDLE|WEB|WEBHOOK|WA|SMS))-[0-9]+|LIQ-I[0-9]+)$`)
)

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if !kebab.MatchString(r.ID) {
			t.Errorf("%q is not a kebab-case id", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("%s is in the table twice", r.ID)
		}
		seen[r.ID] = true
		if RuleByID(r.ID) != r {
			t.Errorf("RuleByID(%q) does not return the rule", r.ID)
		}
		if r.severity < Error || r.severity > Hint {
			t.Errorf("%s: invalid severity %d", r.ID, r.severity)
		}
		if r.Title == "" || strings.HasSuffix(r.Title, ".") || strings.ToLower(r.Title[:1]) != r.Title[:1] {
			t.Errorf("%s: title %q must be one lower-case line without a period", r.ID, r.Title)
		}
		if len(r.Doc) < 60 {
			t.Errorf("%s: doc too short to explain the rule", r.ID)
		}
		// Every Go rule enforces facts of the specification and cites them.
		if r.Check != nil && len(r.Spec) == 0 {
			t.Errorf("%s: a Go rule must cite the spec ids it enforces", r.ID)
		}
		for _, id := range r.Spec {
			if !specID.MatchString(id) {
				t.Errorf("%s: %q is not a spec id", r.ID, id)
			}
		}
	}
}

func TestPointerAndPath(t *testing.T) {
	if got, want := Pointer("a/b", 3, "c~d", ""), "/a~1b/3/c~0d/"; got != want {
		t.Errorf("Pointer = %q, want %q", got, want)
	}
	if got, want := Path("recipients", 3, "user_alias", "alias_name"), "recipients[3].user_alias.alias_name"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}

func TestSeverityText(t *testing.T) {
	for s := Error; s <= Hint; s++ {
		text, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(text); err != nil || back != s {
			t.Errorf("round trip of %v: %v, %v", s, back, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepted an unknown name")
	}
}
