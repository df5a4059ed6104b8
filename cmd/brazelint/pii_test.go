package main

import (
	"os"
	"strings"
	"testing"
)

// personalData are the values in testdata/pii/bad-personal-data.json.
var personalData = []string{
	"jane.doe@example.com", "ext-8675309-jane", "+15551234567", "jane.doe.alias", "crm-4815162342",
	"4815162342", "john.roe@example.org", "Jonathan-Roe-Secret", "séñd-jane-doe", "not-an-address-jane-at-example",
}

// TestNoPersonalDataInOutput greps the output of every format for the
// values of a payload full of emails and ids: none without --show-values,
// and with it the values the findings cover, which proves the grep would see
// them.
func TestNoPersonalDataInOutput(t *testing.T) {
	t.Chdir("../..")
	const file = "testdata/pii/bad-personal-data.json"
	for _, format := range formatNames() {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := runCLI("", "--no-config", "--format", format, file)
			if code != exitFindings {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			for _, v := range personalData {
				if strings.Contains(out, v) || strings.Contains(stderr, v) {
					t.Errorf("the output quotes %q", v)
				}
			}
			shown, _, _ := runCLI("", "--no-config", "--format", format, "--show-values", file)
			if !strings.Contains(shown, "jane.doe@example.com") || !strings.Contains(shown, "4815162342") {
				t.Errorf("--show-values does not show the values the findings cover:\n%s", shown)
			}
		})
	}
}

// TestNoMemberNameInOutput: a member name no schema declares is payload
// data: text and github output do not print it, nor does a baseline,
// unless --show-values asks for the text.
func TestNoMemberNameInOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	const name = "jane.doe@example.com"
	payload := `{"external_user_ids": ["u"], "messages": {"sms": {"subscription_group_id": "g", "app_id": "a", "body": "hi"}},
		"` + name + `": 1, "trigger_properties": {"` + name + `": 2}}`
	if err := os.WriteFile("p.json", []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "github"} {
		out, stderr, _ := runCLI("", "--no-config", "--format", format, "p.json")
		if !strings.Contains(out, "unknown-member") || strings.Contains(out+stderr, "jane") {
			t.Errorf("%s: want an unknown-member finding that does not name the member:\n%s%s", format, out, stderr)
		}
		shown, _, _ := runCLI("", "--no-config", "--format", format, "--show-values", "p.json")
		if !strings.Contains(shown, name) {
			t.Errorf("%s --show-values does not show the member:\n%s", format, shown)
		}
	}
	if _, stderr, code := runCLI("", "--no-config", "--write-baseline", "baseline.json", "p.json"); code != exitClean {
		t.Fatalf("--write-baseline: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile("baseline.json"); strings.Contains(string(data), "jane") || !strings.Contains(string(data), "unknown-member") {
		t.Errorf("the baseline names the member or misses it:\n%s", data)
	}
}
