package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/testtree"
)

// findings runs the CLI with --format json and returns one
// "file pointer rule severity" line per finding. --show-values keeps the
// undeclared member names the config patterns name in the pointers.
func findings(t *testing.T, args ...string) []string {
	t.Helper()
	out, stderr, code := runCLI("", append([]string{"--format", "json", "--show-values"}, args...)...)
	if code == exitTrouble {
		t.Fatalf("brazelint %s: exit 2: %s", strings.Join(args, " "), stderr)
	}
	var diags []struct{ File, Pointer, Rule, Severity string }
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	lines := []string{}
	for _, d := range diags {
		lines = append(lines, strings.Join([]string{d.File, d.Pointer, d.Rule, d.Severity}, " "))
	}
	return lines
}

// A /campaigns/trigger/send payload with three unknown members, one of them
// under /recipients and one whose name needs escaping in a pointer, and a
// duplicate recipient.
const campaignPayload = `{"campaign_id":"c","recipients":[{"external_user_id":"a","foo":1},{"external_user_id":"a"}],"bar":2,"x/y":3}`

// Its findings with no config.
var campaignFindings = []string{
	"/recipients/0/foo unknown-member warning",
	"/recipients/1/external_user_id duplicate-recipient warning",
	"/bar unknown-member warning",
	"/x~1y unknown-member warning",
}

// prefixed puts file in front of each of lines.
func prefixed(file string, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = file + " " + l
	}
	return out
}

func TestConfigSeverities(t *testing.T) {
	tests := []struct {
		name   string
		config string
		file   string // the payload to check: p.json or legacy/p.json
		want   []string
	}{
		{"no settings", "", "p.json", campaignFindings},
		{"global severity", "rules:\n  unknown-member: error\n", "p.json", []string{
			"/recipients/0/foo unknown-member error",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member error",
			"/x~1y unknown-member error",
		}},
		{"global off", "rules:\n  unknown-member: off\n", "p.json", []string{
			"/recipients/1/external_user_id duplicate-recipient warning",
		}},
		{"path glob matches", "overrides:\n  - paths: [legacy/**]\n    rules: {unknown-member: info}\n", "legacy/p.json", []string{
			"/recipients/0/foo unknown-member info",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member info",
			"/x~1y unknown-member info",
		}},
		{"path glob does not match", "overrides:\n  - paths: [legacy/**]\n    rules: {unknown-member: info}\n", "p.json", campaignFindings},
		{"pointer pattern", "overrides:\n  - pointers: [/recipients/**]\n    rules: {unknown-member: off, duplicate-recipient: hint}\n", "p.json", []string{
			"/recipients/1/external_user_id duplicate-recipient hint",
			"/bar unknown-member warning",
			"/x~1y unknown-member warning",
		}},
		{"pointer pattern with * and an escaped token", "overrides:\n  - pointers: [/recipients/*/foo, /x~1y]\n    rules: {unknown-member: hint}\n", "p.json", []string{
			"/recipients/0/foo unknown-member hint",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member warning",
			"/x~1y unknown-member hint",
		}},
		{"paths and pointers both must match", "overrides:\n  - paths: [legacy/**]\n    pointers: [/bar]\n    rules: {unknown-member: off}\n", "legacy/p.json", []string{
			"/recipients/0/foo unknown-member warning",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/x~1y unknown-member warning",
		}},
		{"override wins over rules", "rules:\n  unknown-member: off\noverrides:\n  - paths: [legacy]\n    rules: {unknown-member: error}\n", "legacy/p.json", []string{
			"/recipients/0/foo unknown-member error",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member error",
			"/x~1y unknown-member error",
		}},
		{"aliases are followed", "overrides:\n  - paths: &legacy [legacy/**]\n    rules: {unknown-member: off}\n  - paths: *legacy\n    rules: {duplicate-recipient: off}\n", "legacy/p.json", []string{}},
		{"later override wins", "overrides:\n  - rules: {unknown-member: error}\n  - paths: [\"*.json\"]\n    rules: {unknown-member: off}\n  - pointers: [/bar]\n    rules: {unknown-member: hint}\n", "p.json", []string{
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member hint",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testtree.Repo(t, map[string]string{
				".brazelint.yaml": tt.config,
				"p.json":          campaignPayload,
				"legacy/p.json":   campaignPayload,
			})
			got := findings(t, tt.file)
			if diff := cmp.Diff(prefixed(tt.file, tt.want), got); diff != "" {
				t.Errorf("findings differ (-want +got):\n%s", diff)
			}
		})
	}
}

// Standard input has no path: path globs never match it, global rules and
// overrides without paths still apply.
func TestConfigStandardInput(t *testing.T) {
	testtree.Repo(t, map[string]string{".brazelint.yaml": "" +
		"rules:\n  duplicate-recipient: off\n" +
		"overrides:\n  - paths: [\"**\"]\n    rules: {unknown-member: off}\n" +
		"  - pointers: [/bar]\n    rules: {unknown-member: error}\n"})
	out, _, code := runCLI(campaignPayload, "-")
	want := "<stdin>:1:58: warning: an unknown member in recipients[0]: remove it or fix its name (unknown-member)\n" +
		"<stdin>:1:93: error: an unknown member at the top level: remove it or fix its name (unknown-member)\n" +
		"<stdin>:1:101: warning: an unknown member at the top level: remove it or fix its name (unknown-member)\n"
	if code != exitFindings || out != want {
		t.Errorf("exit %d, output:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
}

// TestConfigIgnoresStandardInput: standard input standing for a path the
// config ignores, or --exclude matches, is not checked, as the file would
// not be; another path is.
func TestConfigIgnoresStandardInput(t *testing.T) {
	testtree.Repo(t, map[string]string{".brazelint.yaml": "ignore:\n  - \"fixtures/**\"\n"})
	for _, args := range [][]string{
		{"--stdin-filename", "fixtures/a.json", "-"},
		{"--stdin-filename", "src/a.json", "--exclude", "src/**", "-"},
	} {
		if out, stderr, code := runCLI(campaignPayload, args...); code != exitClean || out != "" {
			t.Errorf("%v: exit %d, output %q %q, want exit 0 and nothing", args, code, out, stderr)
		}
	}
	if out, _, _ := runCLI(campaignPayload, "--stdin-filename", "src/a.json", "-"); !strings.Contains(out, "src/a.json:1:") {
		t.Errorf("a path not ignored is not checked: %q", out)
	}
}

func TestConfigEndpoints(t *testing.T) {
	// No member tells the endpoint of this payload: auto reports endpoint-unknown.
	const undetectable = `{"broadcast": true}`
	testtree.Repo(t, map[string]string{
		".brazelint.yaml": "endpoints:\n" +
			"  - paths: [sends/special.json]\n    endpoint: messages/send\n" +
			"  - paths: [sends/**]\n    endpoint: campaigns/trigger/send\n",
		"sends/trigger.json": undetectable,
		"sends/special.json": undetectable,
		"other/p.json":       undetectable,
	})
	got := findings(t, ".")
	want := []string{
		"other/p.json  endpoint-unknown error",
		"sends/special.json  missing-target error",
		"sends/special.json  required-member error",
		"sends/trigger.json  required-member error", // campaign_id
		"sends/trigger.json /broadcast broadcast-enabled info",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("configured endpoints (-want +got):\n%s", diff)
	}

	got = findings(t, "--endpoint", "messages/send", "sends/trigger.json")
	want = []string{
		"sends/trigger.json  missing-target error",
		"sends/trigger.json  required-member error", // messages
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("--endpoint must win over the config (-want +got):\n%s", diff)
	}
}

func TestConfigIgnore(t *testing.T) {
	const broken = `{"campaign_id": `
	testtree.Repo(t, map[string]string{
		".brazelint.yaml":                  "ignore:\n  - fixtures/broken/**\n  - scratch\n  - \"*.draft.json\"\n  - /top.json\n",
		"kept.json":                        broken,
		"fixtures/broken/a.json":           broken,
		"fixtures/broken/deeper/b.json":    broken,
		"fixtures/kept.json":               broken,
		"deep/down/scratch/c.json":         broken, // no slash in the pattern: any depth
		"deep/down/x.draft.json":           broken,
		"top.json":                         broken,
		"deep/top.json":                    broken, // a leading slash anchors: not ignored
		"scratchpad/d.json":                broken, // scratch is a whole segment
		"fixtures/broken-too/e.draft.json": broken,
	})
	out, _, _ := runCLI("", ".")
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		file, _, _ := strings.Cut(line, ":")
		files = append(files, file)
	}
	want := []string{"deep/top.json", "fixtures/kept.json", "kept.json", "scratchpad/d.json"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("walked files (-want +got):\n%s", diff)
	}

	// Named files and directories are ignored too, and so is a named file
	// in an ignored directory (scratch matches the directory, not the file).
	out, stderr, code := runCLI("", "fixtures/broken/a.json", "fixtures/broken", "top.json", "deep/down/scratch/c.json",
		filepath.Join(mustGetwd(t), "deep", "down"))
	if code != exitClean || out != "" || stderr != "" {
		t.Errorf("named ignored paths: exit %d, stdout %q, stderr %q; want exit 0 and no output", code, out, stderr)
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestConfigDiscovery(t *testing.T) {
	t.Run("walks up from a subdirectory", func(t *testing.T) {
		root := testtree.Repo(t, map[string]string{
			".brazelint.yaml":     "overrides:\n  - paths: [a/b/p.json]\n    rules: {unknown-member: off}\n",
			"a/b/p.json":          campaignPayload,
			"a/b/elsewhere.json":  campaignPayload,
			"a/.brazelint.yml.md": "not a config",
		})
		t.Chdir(filepath.Join(root, "a", "b"))
		// Path patterns are relative to the config's directory, not the
		// working directory.
		got := findings(t, "p.json", "elsewhere.json")
		want := append(prefixed("elsewhere.json", campaignFindings), "p.json /recipients/1/external_user_id duplicate-recipient warning")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("the nearest wins and .yml counts", func(t *testing.T) {
		root := testtree.Repo(t, map[string]string{
			".brazelint.yaml":   "rules:\n  unknown-member: off\n",
			"a/.brazelint.yml":  "rules:\n  duplicate-recipient: off\n",
			"a/b/p.json":        campaignPayload,
			"a/b/c/placeholder": "",
		})
		t.Chdir(filepath.Join(root, "a", "b", "c"))
		got := findings(t, "../p.json")
		want := prefixed("../p.json", []string{
			"/recipients/0/foo unknown-member warning",
			"/bar unknown-member warning",
			"/x~1y unknown-member warning",
		})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("stops at the repository root", func(t *testing.T) {
		outer := testtree.Repo(t, map[string]string{
			".brazelint.yaml": "rules:\n  unknown-member: off\n",
			"repo/.git/HEAD":  "ref: refs/heads/main\n",
			"repo/sub/p.json": campaignPayload,
		})
		t.Chdir(filepath.Join(outer, "repo", "sub"))
		if diff := cmp.Diff(prefixed("p.json", campaignFindings), findings(t, "p.json")); diff != "" {
			t.Errorf("a config above .git was used (-want +got):\n%s", diff)
		}
	})
	t.Run("a .git file marks the root too", func(t *testing.T) {
		outer := testtree.Repo(t, map[string]string{
			".brazelint.yaml": "rules:\n  unknown-member: off\n",
			"worktree/.git":   "gitdir: /elsewhere\n", // as in a git worktree
			"worktree/p.json": campaignPayload,
		})
		t.Chdir(filepath.Join(outer, "worktree"))
		if diff := cmp.Diff(prefixed("p.json", campaignFindings), findings(t, "p.json")); diff != "" {
			t.Errorf("a config above .git was used (-want +got):\n%s", diff)
		}
	})
	t.Run("both names in one directory", func(t *testing.T) {
		testtree.Repo(t, map[string]string{".brazelint.yaml": "", ".brazelint.yml": "", "p.json": campaignPayload})
		_, stderr, code := runCLI("", "p.json")
		want := "brazelint: both .brazelint.yaml and .brazelint.yml exist: keep one of them\n"
		if code != exitTrouble || stderr != want {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
		}
	})
	t.Run("errors name the config relative to the working directory", func(t *testing.T) {
		root := testtree.Repo(t, map[string]string{".brazelint.yaml": "rulez: {}\n", "a/b/p.json": campaignPayload})
		t.Chdir(filepath.Join(root, "a", "b"))
		_, stderr, code := runCLI("", "p.json")
		want := "brazelint: ../../.brazelint.yaml:1:1: unknown key \"rulez\" (want endpoints, ignore, rules or overrides)\n"
		if code != exitTrouble || stderr != want {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
		}
	})
}

func TestConfigFlags(t *testing.T) {
	testtree.Repo(t, map[string]string{
		".brazelint.yaml":   "not: [a, valid, config\n",
		"conf/strict.yaml":  "overrides:\n  - paths: [\"../p.json\"]\n    rules: {unknown-member: off}\n",
		"conf/lenient.yaml": "rules:\n  unknown-member: off\n  duplicate-recipient: off\n",
		"p.json":            campaignPayload,
	})

	if got := findings(t, "--config", "conf/lenient.yaml", "p.json"); len(got) != 0 {
		t.Errorf("--config conf/lenient.yaml: got findings %q, want none", got)
	}
	if diff := cmp.Diff(prefixed("p.json", campaignFindings), findings(t, "--no-config", "p.json")); diff != "" {
		t.Errorf("--no-config must read no config (-want +got):\n%s", diff)
	}

	_, stderr, code := runCLI("", "--config", "conf/strict.yaml", "p.json")
	want := "brazelint: conf/strict.yaml:2:13: path pattern \"../p.json\" does not name anything inside the config's directory: patterns are relative to that directory\n"
	if code != exitTrouble || stderr != want {
		t.Errorf("--config conf/strict.yaml: exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}

	_, stderr, code = runCLI("", "--config", "conf/missing.yaml", "p.json")
	want = "brazelint: config file conf/missing.yaml does not exist: check the --config path\n"
	if code != exitTrouble || stderr != want {
		t.Errorf("--config conf/missing.yaml: exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}
}

func TestConfigEmptyFilesAreValid(t *testing.T) {
	for _, text := range []string{"", "# nothing yet\n", "---\n", "endpoints:\nignore:\nrules:\noverrides:\n"} {
		testtree.Repo(t, map[string]string{".brazelint.yaml": text, "p.json": campaignPayload})
		if diff := cmp.Diff(prefixed("p.json", campaignFindings), findings(t, "p.json")); diff != "" {
			t.Errorf("config %q (-want +got):\n%s", text, diff)
		}
	}
}
