package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoInjectionInOutput checks a payload whose member names hold a
// workflow command and ANSI escapes, in a file whose name holds them too:
// in text and github output, and on standard error, no line other than
// brazelint's own begins with "::", and no escape byte is printed.
func TestNoInjectionInOutput(t *testing.T) {
	dir := t.TempDir()
	evil := "a\n::error file=x::pwned\x1b[2J::add-mask::b"
	payload := `{"external_user_ids": ["u1"], "messages": {"sms": {"subscription_group_id": "g", "app_id": "a", "body": "hi"}},
		"\n::error file=x::pwned": 1, "\u001b[2J": 2, "%0A::warning::x": 3}`
	name := filepath.Join(dir, evil+".json")
	if err := os.WriteFile(name, []byte(payload), 0o644); err != nil {
		t.Skip("the file system refuses the name:", err)
	}
	missing := filepath.Join(dir, "gone\n::error::pwned\x1b[2J.json")
	for _, format := range []string{"text", "github"} {
		for _, show := range []bool{false, true} {
			args := []string{"--no-config", "--format", format, name, missing}
			if show {
				args = append(args, "--show-values")
			}
			out, stderr, code := runCLI("", args...)
			if code != exitTrouble {
				t.Errorf("%s: exit %d, want 2 (a file is missing)", format, code)
			}
			for _, l := range strings.Split(out+stderr, "\n") {
				trimmed := strings.TrimSpace(l)
				own := strings.HasPrefix(trimmed, "::error file=") || strings.HasPrefix(trimmed, "::warning file=") ||
					strings.HasPrefix(trimmed, "::notice file=") || strings.HasPrefix(trimmed, "::error title=brazelint::")
				if format == "text" {
					own = false
				}
				if strings.HasPrefix(trimmed, "::") && !own {
					t.Errorf("%s: a line injects a workflow command: %q", format, l)
				}
				if strings.ContainsAny(l, "\x1b\r\u009b") {
					t.Errorf("%s: a line holds a control character: %q", format, l)
				}
			}
			if !strings.Contains(out, "unknown-member") {
				t.Errorf("%s: no unknown-member finding:\n%s", format, out)
			}
		}
	}
}
