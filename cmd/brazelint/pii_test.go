package main

import (
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
