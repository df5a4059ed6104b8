package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/internal/testtree"
)

// The config applies before the findings cap: with unknown-member off, the
// type-mismatch 300 unknown members hid is reported, and nothing else.
func TestConfigBeforeTheCap(t *testing.T) {
	testtree.Repo(t, map[string]string{".brazelint.yaml": "rules:\n  unknown-member: off\n", "p.json": string(testpayload.UnknownMembers())})
	want := []string{"p.json /broadcast type-mismatch error"}
	if diff := cmp.Diff(want, findings(t, "p.json")); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if got := findings(t, "--no-config", "p.json"); len(got) != 200 || !strings.Contains(got[199], "too-many-findings") {
		t.Errorf("--no-config: %d findings, the last %q; want the cap", len(got), got[len(got)-1])
	}
}

// serve --config checks bodies under the config's policy; serve reads no
// config unless asked.
func TestServeConfig(t *testing.T) {
	testtree.Repo(t, map[string]string{"conf.yaml": "rules:\n  unknown-member: off\n", ".brazelint.yaml": "rules: [broken\n"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	}, "--config", "conf.yaml")
	req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", strings.NewReader(string(testpayload.UnknownMembers())))
	req.Header.Set("Authorization", "Bearer key-1")
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var reply struct {
		Diagnostics []struct{ Rule, Pointer string } `json:"brazelint_diagnostics"`
	}
	json.NewDecoder(resp.Body).Decode(&reply)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || len(reply.Diagnostics) != 1 ||
		reply.Diagnostics[0].Rule != "type-mismatch" || reply.Diagnostics[0].Pointer != "/broadcast" {
		t.Errorf("status %d, diagnostics %+v; want 400 and the type-mismatch alone", resp.StatusCode, reply.Diagnostics)
	}
	cancel()
	waitExit(t, code, stderr)

	// The broken .brazelint.yaml beside it is never read unless named.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, code, stderr = startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	})
	cancel()
	waitExit(t, code, stderr)

	for args, want := range map[string]string{
		"serve --config .brazelint.yaml": "brazelint: .brazelint.yaml:2: invalid YAML",
		"serve --config missing.yaml":    "brazelint: config file missing.yaml does not exist",
		"serve --config=":                "brazelint: serve: --config needs a file name",
	} {
		out, stderr, code := runCLI("", strings.Fields(args)...)
		if code != exitTrouble || out != "" || !strings.HasPrefix(stderr, want) {
			t.Errorf("brazelint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, stderr, want)
		}
	}
}

// "broadcast": "true" is fixed although the result draws the info
// broadcast-enabled.
func TestFixBroadcastString(t *testing.T) {
	const in = `{"segment_id": "s", "broadcast": "true", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{"p.json": in})
	t.Chdir(dir)
	out, stderr, code := runCLI("", "--no-config", "--fix", "p.json")
	got, _ := os.ReadFile("p.json")
	if want := strings.Replace(in, `"true"`, "true", 1); string(got) != want {
		t.Errorf("--fix wrote %s, want %s", got, want)
	}
	if code != exitClean || withoutSummary(stderr) != "brazelint: p.json: 1 fix applied\n" || !strings.Contains(out, "(broadcast-enabled)") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, the info and the fix reported", code, out, stderr)
	}
}

// A fix that would bring a warning under the config is refused, with the
// reason, by --fix and --diff; one whose new finding the config turns off
// is applied.
func TestFixVetoUnderTheConfig(t *testing.T) {
	const in = `{"external_user_ids": ["a"], "broadcast": "true", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	const why = "brazelint: p.json:1:43: fix of type-mismatch not applied (write true without quotes): it would bring a warning at /broadcast (broadcast-with-recipients): "
	testtree.Repo(t, map[string]string{".brazelint.yaml": "rules:\n  broadcast-with-recipients: warning\n", "p.json": in})
	for _, mode := range []string{"--fix", "--diff"} {
		out, stderr, _ := runCLI("", mode, "p.json")
		stderr = withoutSummary(stderr)
		if got, _ := os.ReadFile("p.json"); string(got) != in {
			t.Errorf("%s changed the file: %s", mode, got)
		}
		if !strings.HasPrefix(stderr, why) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: stderr %q, want one line %q…", mode, stderr, why)
		}
		if mode == "--diff" && out != "" {
			t.Errorf("--diff printed %q for a refused fix", out)
		}
	}
	testtree.Write(t, ".", map[string]string{".brazelint.yaml": "rules:\n  broadcast-with-recipients: off\n"})
	if _, stderr, _ := runCLI("", "--fix", "p.json"); stderr != "brazelint: p.json: 1 fix applied\n" {
		t.Errorf("with the rule off: stderr %q, want the fix applied", stderr)
	}
	if got, _ := os.ReadFile("p.json"); string(got) != strings.Replace(in, `"true"`, "true", 1) {
		t.Errorf("with the rule off, --fix wrote %s", got)
	}
}
