package validate

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/lint"
)

func mustPolicy(t *testing.T, dir string, rules map[string]lint.Severity, overrides ...Override) *Policy {
	t.Helper()
	p, err := NewPolicy(dir, rules, overrides...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// brief is "pointer rule severity" for each diagnostic.
func brief(ds []lint.Diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Pointer+" "+d.Rule+" "+d.Severity.String())
	}
	return out
}

// The policy is applied before the cap: with unknown-member off, the
// type-mismatch the 300 unknown members hid is the one finding.
func TestPolicyBeforeTheCap(t *testing.T) {
	data := testpayload.UnknownMembers()
	all := Bytes(MessagesSend, data)
	if len(all) != DefaultMaxDiagnostics || all[len(all)-1].Rule != lint.TooManyFindings.ID {
		t.Fatalf("without a policy: %d diagnostics, last %s; want the cap and too-many-findings", len(all), all[len(all)-1].Rule)
	}
	c := Config{Policy: mustPolicy(t, "", map[string]lint.Severity{"unknown-member": Off})}
	want := []string{"/broadcast type-mismatch error"}
	if diff := cmp.Diff(want, brief(c.Bytes(MessagesSend, data))); diff != "" {
		t.Errorf("Bytes (-want +got):\n%s", diff)
	}
	if err := c.Check(MessagesSend, data); err == nil || !strings.Contains(err.Error(), "(type-mismatch)") {
		t.Errorf("Check = %v, want the type-mismatch", err)
	}
}

// A rule the policy turns off for every finding is not run; one off for
// some pointers only runs, and only those findings go.
func TestPolicyRulesOffAreNotRun(t *testing.T) {
	p := mustPolicy(t, "", map[string]lint.Severity{"broadcast-enabled": Off, "duplicate-recipient": Off, "unknown-member": Off},
		Override{Pointers: []string{"/recipients/**"}, Rules: map[string]lint.Severity{"duplicate-recipient": lint.Error}},
		Override{Pointers: []string{"/x"}, Rules: map[string]lint.Severity{"broadcast-enabled": Off}},
		Override{Paths: []string{"legacy/**"}, Rules: map[string]lint.Severity{"unknown-member": lint.Hint}})
	run := p.forPath("a.json").run()
	for rule, want := range map[*lint.Rule]bool{lint.BroadcastEnabled: false, lint.DuplicateRecipient: true, lint.UnknownMember: false} {
		if got := slices.Contains(run, rule); got != want {
			t.Errorf("%s runs: %v, want %v", rule.ID, got, want)
		}
	}
	if !slices.Contains(p.forPath("legacy/a.json").run(), lint.UnknownMember) {
		t.Error("unknown-member does not run where an override turns it on")
	}
	if len(Config{}.policyRun()) != len(lint.Rules) {
		t.Error("no policy does not run every rule")
	}
}

// policyRun is the rules a Config runs on a payload of no path.
func (c Config) policyRun() []*lint.Rule {
	var pp *payloadPolicy
	if c.Policy != nil {
		pp = c.Policy.forPath(c.Path)
	}
	return pp.run()
}

func TestPolicySeverities(t *testing.T) {
	dir := t.TempDir()
	const payload = `{"campaign_id": "c", "recipients": [{"external_user_id": "a", "foo": 1}, {"external_user_id": "a"}], "bar": 2, "x/y": 3}`
	p := mustPolicy(t, dir, map[string]lint.Severity{"unknown-member": lint.Error},
		Override{Paths: []string{"legacy/**"}, Rules: map[string]lint.Severity{"unknown-member": Off, "duplicate-recipient": lint.Hint}},
		Override{Pointers: []string{"/recipients/**"}, Rules: map[string]lint.Severity{"unknown-member": lint.Info}},
		Override{Pointers: []string{"/x~1*"}, Rules: map[string]lint.Severity{"unknown-member": lint.Warning}},
		Override{Paths: []string{"*.later.json"}, Rules: map[string]lint.Severity{"unknown-member": Off}})
	tests := []struct {
		path string
		want []string
	}{
		{"", []string{ // no file: no path pattern matches
			"/recipients/0/foo unknown-member info",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member error",
			"/x~1y unknown-member warning",
		}},
		{filepath.Join(dir, "legacy", "a.json"), []string{ // later overrides win
			"/recipients/0/foo unknown-member info",
			"/recipients/1/external_user_id duplicate-recipient hint",
			"/x~1y unknown-member warning",
		}},
		{filepath.Join(dir, "deep", "p.later.json"), []string{
			"/recipients/1/external_user_id duplicate-recipient warning",
		}},
		{filepath.Join(dir, "..", "legacy", "a.json"), []string{ // outside dir
			"/recipients/0/foo unknown-member info",
			"/recipients/1/external_user_id duplicate-recipient warning",
			"/bar unknown-member error",
			"/x~1y unknown-member warning",
		}},
	}
	for _, tt := range tests {
		c := Config{Policy: p}.ForPath(tt.path)
		if diff := cmp.Diff(tt.want, brief(c.Bytes(CampaignsTriggerSend, []byte(payload)))); diff != "" {
			t.Errorf("path %q (-want +got):\n%s", tt.path, diff)
		}
	}
}

// The cap's own summary follows the policy too.
func TestPolicyTooManyFindings(t *testing.T) {
	data := testpayload.UnknownMembers()
	c := Config{MaxDiagnostics: 5, Policy: mustPolicy(t, "", map[string]lint.Severity{"too-many-findings": Off})}
	if ds := c.Bytes(MessagesSend, data); len(ds) != 4 || ds[3].Rule != lint.UnknownMember.ID {
		t.Errorf("too-many-findings off: %v", brief(ds))
	}
	c.Policy = mustPolicy(t, "", map[string]lint.Severity{"too-many-findings": lint.Hint})
	if ds := c.Bytes(MessagesSend, data); len(ds) != 5 || ds[4].Severity != lint.Hint {
		t.Errorf("too-many-findings hint: %v", brief(ds))
	}
}

func TestNewPolicyErrors(t *testing.T) {
	for name, bad := range map[string]func() (*Policy, error){
		"unknown rule":     func() (*Policy, error) { return NewPolicy("", map[string]lint.Severity{"no-such-rule": Off}) },
		"bad severity":     func() (*Policy, error) { return NewPolicy("", map[string]lint.Severity{"unknown-member": 9}) },
		"bad path pattern": func() (*Policy, error) { return NewPolicy("", nil, Override{Paths: []string{"../x"}}) },
		"bad pointer":      func() (*Policy, error) { return NewPolicy("", nil, Override{Pointers: []string{"x"}}) },
		"unknown rule in an override": func() (*Policy, error) {
			return NewPolicy("", nil, Override{Rules: map[string]lint.Severity{"nope": Off}})
		},
	} {
		if p, err := bad(); err == nil {
			t.Errorf("%s: NewPolicy = %v, no error", name, p)
		}
	}
}

// A fix is vetoed by a new warning or error under the policy only: a rule
// it turns off never vetoes, and a rule it lowers to info neither.
func TestFixVetoFollowsThePolicy(t *testing.T) {
	in := `{"external_user_ids": ["a"], "broadcast": "true", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	fixed := strings.Replace(in, `"true"`, `true`, 1)
	for _, tt := range []struct {
		policy  bool
		setting lint.Severity
		want    string
	}{
		{false, 0, in}, // no policy: broadcast-with-recipients is an error
		{true, lint.Warning, in},
		{true, lint.Info, fixed},
		{true, Off, fixed},
	} {
		c := Config{}
		if tt.policy {
			c.Policy = mustPolicy(t, "", map[string]lint.Severity{"broadcast-with-recipients": tt.setting})
		}
		res := c.Fix(MessagesSend, []byte(in), nil)
		if string(res.Data) != tt.want {
			t.Errorf("broadcast-with-recipients %v: Fix = %s, want %s", tt.setting, res.Data, tt.want)
		}
		if tt.want == in {
			if len(res.Refusals) != 1 || res.Refused != 1 {
				t.Fatalf("%v: refusals %+v", tt.setting, res.Refusals)
			}
			r := res.Refusals[0]
			if r.Diagnostic.Rule != "type-mismatch" || r.Diagnostic.Pointer != "/broadcast" ||
				r.Brings.Rule != "broadcast-with-recipients" || r.Brings.Severity > lint.Warning {
				t.Errorf("%v: refusal %+v", tt.setting, r)
			}
		}
	}
	// A rule turned off offers no fix.
	c := Config{Policy: mustPolicy(t, "", map[string]lint.Severity{"type-mismatch": Off})}
	if res := c.Fix(MessagesSend, []byte(in), nil); res.Applied != 0 || string(res.Data) != in {
		t.Errorf("a fix of a rule turned off was applied: %s", res.Data)
	}
}

// "broadcast": "true" becomes true although the result draws the info
// broadcast-enabled, and fixing again changes nothing.
func TestFixBringingAnInfo(t *testing.T) {
	in := `{"segment_id": "s", "broadcast": "true", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	want := strings.Replace(in, `"true"`, `true`, 1)
	res := Config{}.Fix(MessagesSend, []byte(in), nil)
	if string(res.Data) != want || res.Applied != 1 || res.Refused != 0 {
		t.Fatalf("Fix = %s (applied %d, refused %d), want %s", res.Data, res.Applied, res.Refused, want)
	}
	if diff := cmp.Diff([]string{"/broadcast broadcast-enabled info"}, brief(res.Diagnostics)); diff != "" {
		t.Errorf("diagnostics of the fixed payload (-want +got):\n%s", diff)
	}
	if again := (Config{}).Fix(MessagesSend, res.Data, nil); again.Applied != 0 || string(again.Data) != want {
		t.Errorf("fixing the fixed payload changed it: %s", again.Data)
	}
}

// One Policy serves many goroutines at once (run with -race).
func TestPolicyConcurrentUse(t *testing.T) {
	p := mustPolicy(t, "", map[string]lint.Severity{"unknown-member": Off},
		Override{Paths: []string{"legacy/**"}, Pointers: []string{"/broadcast"}, Rules: map[string]lint.Severity{"type-mismatch": lint.Hint}})
	data := testpayload.UnknownMembers()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			path := []string{"a.json", "legacy/a.json"}[i%2]
			want := []lint.Severity{lint.Error, lint.Hint}[i%2]
			for range 5 {
				ds := Config{Policy: p}.ForPath(path).Bytes(MessagesSend, data)
				if len(ds) != 1 || ds[0].Severity != want {
					t.Errorf("%s: %v", path, brief(ds))
					return
				}
			}
		})
	}
	wg.Wait()
}
