package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/internal/testtree"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

func TestMalformedConfigs(t *testing.T) {
	tests := []struct {
		name, config string
		want         []string // error lines after ".brazelint.yaml:"
	}{
		{"unknown key", "rules: {}\nrulez: {}\n", []string{
			`2:1: unknown key "rulez" (want endpoints, ignore, rules or overrides)`}},
		{"not a mapping", "- rules\n", []string{
			`1:1: the config must be a mapping with endpoints, ignore, rules or overrides, not a list`}},
		{"duplicate key", "rules: {}\nignore: []\nrules: {}\n", []string{
			`3:1: duplicate key "rules" (first at line 1): keep one`}},
		{"unknown rule, close", "rules:\n  unknown-membr: off\n", []string{
			`2:3: unknown rule "unknown-membr" (did you mean "unknown-member"?)`}},
		{"unknown rule, far", "rules:\n  no-such-thing: off\n", []string{
			`2:3: unknown rule "no-such-thing" (brazelint rules lists every rule id)`}},
		{"bad severity", "rules:\n  unknown-member: fatal\n", []string{
			`2:19: unknown severity "fatal" (want error, warning, info, hint or off)`}},
		{"severity not a string", "rules:\n  unknown-member: [off]\n", []string{
			`2:19: the severity of unknown-member must be a string, not a list`}},
		{"rules not a mapping", "rules: [unknown-member]\n", []string{
			`1:8: rules must be a mapping of rule ids to severities, not a list`}},
		{"bad endpoint", "endpoints:\n  - paths: [a/**]\n    endpoint: users/track\n", []string{
			`3:15: unknown endpoint "users/track" (want auto, messages/send, campaigns/trigger/send, canvas/trigger/send, messages/schedule/create, campaigns/trigger/schedule/create, canvas/trigger/schedule/create or transactional/send)`}},
		{"endpoints entry without endpoint or paths", "endpoints:\n  - {}\n", []string{
			`2:5: this endpoints entry has no paths: add the path patterns it applies to`,
			`2:5: this endpoints entry has no endpoint: add endpoint: messages/send, campaigns/trigger/send or auto`}},
		{"endpoints entry with a misspelt key", "endpoints:\n  - path: [a]\n    endpoint: auto\n", []string{
			`2:5: unknown key "path" (want paths or endpoint)`,
			`2:5: this endpoints entry has no paths: add the path patterns it applies to`}},
		{"endpoints entry not a mapping", "endpoints:\n  - messages/send\n", []string{
			`2:5: an endpoints entry must be a mapping with paths and endpoint, not a string`}},
		{"endpoints entry with empty paths", "endpoints:\n  - paths: []\n    endpoint: auto\n", []string{
			`2:12: paths is empty: list at least one path pattern`}},
		{"malformed glob", "ignore:\n  - \"fixtures/[a\"\n", []string{
			`2:5: malformed pattern "fixtures/[a": close every [ and follow every \ with a character`}},
		{"empty glob", "ignore:\n  - \"\"\n", []string{
			`2:5: empty path pattern: write one like payloads/** or *.json`}},
		{"a string where a list is wanted", "ignore: fixtures/**\n", []string{
			`1:9: ignore must be a list of path patterns, not a string`}},
		{"a mapping in a list of patterns", "ignore:\n  - {a: b}\n", []string{
			`2:5: a pattern in ignore must be a string, not a mapping`}},
		{"override with empty paths", "overrides:\n  - paths:\n    rules: {unknown-member: off}\n", []string{
			`2:11: paths is empty: list at least one path pattern, or leave paths out to match every file`}},
		{"override with empty pointers", "overrides:\n  - pointers: []\n    rules: {unknown-member: off}\n", []string{
			`2:15: pointers is empty: list at least one JSON-pointer pattern, or leave pointers out to match every finding`}},
		{"override without rules", "overrides:\n  - paths: [legacy/**]\n", []string{
			`2:5: this override has no rules: add rules with their severities, or remove the override`}},
		{"override with empty rules", "overrides:\n  - paths: [legacy/**]\n    rules: {}\n", []string{
			`3:12: this override has no rules: add rules with their severities, or remove the override`}},
		{"pointer without a leading slash", "overrides:\n  - pointers: [messages/**]\n    rules: {unknown-member: off}\n", []string{
			`2:16: pointer pattern "messages/**" must start with / (like /messages/*/extra/**)`}},
		{"pointer with a bad escape", "overrides:\n  - pointers: [/a~2b]\n    rules: {unknown-member: off}\n", []string{
			`2:16: pointer pattern "/a~2b" has a ~ that is not ~0 or ~1: write ~0 for ~ and ~1 for / in a member name`}},
		{"several problems, all reported", "rulez: {}\nrules:\n  unknown-member: fatal\n  json-bom: off\n  jsn-bom: off\n", []string{
			`1:1: unknown key "rulez" (want endpoints, ignore, rules or overrides)`,
			`3:19: unknown severity "fatal" (want error, warning, info, hint or off)`,
			`5:3: unknown rule "jsn-bom" (did you mean "json-bom"?)`}},
		{"override not a mapping", "overrides:\n  - [a]\n", []string{
			`2:5: an override must be a mapping with rules, and paths or pointers or both, not a list`}},
		{"a key that is not a string", "rules:\n  [a]: off\n", []string{
			`2:3: a key must be a string, not a list`}},
		{"two documents", "rules: {}\n---\nignore: []\n", []string{
			`2:1: a second YAML document starts here: keep the settings in one document`}},
		// yaml reports syntax errors by line only.
		{"syntax error on the first line", "rules: a: b\n", []string{
			`1: invalid YAML: mapping values are not allowed in this context`}},
		{"syntax error, from the scanner", "rules:\n  a: off\n  b: off\n    c: off\n", []string{
			`4: invalid YAML: mapping values are not allowed in this context`}},
		{"syntax error, from the parser", "rules:\n  a: off\n b: off\n", []string{
			`3: invalid YAML: did not find expected key`}},
		{"syntax error, unclosed flow list", "ignore: []\nrules: {}\noverrides: [a, b\n", []string{
			`3: invalid YAML: did not find expected ',' or ']'`}},
		{"tab indentation", "rules:\n\tjson-bom: off\n", []string{
			`2: invalid YAML: found character that cannot start any token`}},
		{"alias to a missing anchor", "rules: {}\nignore: [a, *nowhere]\n", []string{
			`2:13: unknown anchor "nowhere": define it with &nowhere before using it as *nowhere`}},
		{"syntax error in a second document", "rules: {}\n---\nrules: a: b\n", []string{
			`3: invalid YAML: mapping values are not allowed in this context`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testtree.Repo(t, map[string]string{".brazelint.yaml": tt.config})
			c, err := Load("")
			if err == nil {
				t.Fatalf("Load = %v, no error", c)
			}
			var want []string
			for _, line := range tt.want {
				want = append(want, ".brazelint.yaml:"+line)
			}
			if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// Paths reach the config as the user typed them: relative to the working
// directory (possibly with ..) or absolute. Outside the config's directory
// nothing matches.
func TestConfigRelativePaths(t *testing.T) {
	root := testtree.Repo(t, map[string]string{".brazelint.yaml": "ignore: [\"a/**\"]\n", "a/sub/placeholder": ""})
	t.Chdir(filepath.Join(root, "a", "sub"))
	c, err := Load("")
	if err != nil || c == nil {
		t.Fatalf("Load: %v, %v", c, err)
	}
	cases := map[string]bool{
		"p.json":                              true,
		"../p.json":                           true,
		"../../a":                             true,
		"../../b/p.json":                      false,
		"../..":                               false,
		"../../../p.json":                     false, // outside the config's directory
		filepath.Join(root, "a", "x.json"):    true,
		filepath.Join(root, "b", "x.json"):    false,
		filepath.Join(root, "..", "a", "x.j"): false,
		"-":                                   false,
	}
	for path, want := range cases {
		if got := c.Ignored(path); got != want {
			t.Errorf("ignored(%q) = %v, want %v", path, got, want)
		}
	}
}

// The config's methods are nil-safe: no config changes nothing.
func TestNilConfig(t *testing.T) {
	var c *Config
	if c.Ignored("x.json") {
		t.Error("nil config ignores a file")
	}
	if _, ok := c.Endpoint("x.json"); ok {
		t.Error("nil config names an endpoint")
	}
	if c.Policy() != nil {
		t.Error("nil config has a policy")
	}
}

// A loaded config's policy is what validate applies, before its cap, and
// with the config's path patterns relative to the config's directory.
func TestLoadedPolicy(t *testing.T) {
	root := testtree.Repo(t, map[string]string{
		".brazelint.yaml": "rules:\n  unknown-member: off\noverrides:\n  - paths: [legacy/**]\n    rules: {type-mismatch: warning}\n",
		"sub/placeholder": "",
	})
	t.Chdir(filepath.Join(root, "sub")) // found above, and paths relative to the working directory
	c, err := Load("")
	if err != nil || c == nil {
		t.Fatalf("Load: %v, %v", c, err)
	}
	data := testpayload.UnknownMembers()
	limits := validate.Config{Policy: c.Policy()}
	for path, want := range map[string]lint.Severity{"p.json": lint.Error, "../legacy/p.json": lint.Warning, "": lint.Error} {
		ds := limits.ForPath(path).Bytes(validate.MessagesSend, data)
		if len(ds) != 1 || ds[0].Rule != "type-mismatch" || ds[0].Pointer != "/broadcast" || ds[0].Severity != want {
			t.Errorf("path %q: %v, want one type-mismatch %v at /broadcast", path, ds, want)
		}
	}
	if ds := validate.Bytes(validate.MessagesSend, data); len(ds) != validate.DefaultMaxDiagnostics {
		t.Errorf("without the policy: %d diagnostics, want the cap", len(ds))
	}
}
