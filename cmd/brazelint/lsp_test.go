package main

import (
	"fmt"
	"strings"
	"testing"
)

// frame writes JSON-RPC messages with the base protocol's headers.
func frame(messages ...string) string {
	var b strings.Builder
	for _, m := range messages {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

func TestLSPSubcommand(t *testing.T) {
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	shutdown := `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`
	exit := `{"jsonrpc":"2.0","method":"exit"}`

	out, stderr, code := runCLI(frame(initialize, shutdown, exit), "lsp")
	if code != exitClean || !strings.Contains(out, `"positionEncoding":"utf-16"`) || !strings.Contains(out, `"source.fixAll.brazelint"`) ||
		!strings.Contains(out, `"id":2,"result":null`) {
		t.Errorf("lsp: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	// Exit without shutdown is exit status 1, as the protocol says; so is
	// standard input ending without exit.
	for _, in := range []string{frame(initialize, exit), frame(initialize)} {
		if _, stderr, code := runCLI(in, "lsp"); code != 1 || !strings.HasPrefix(stderr, "brazelint: lsp: ") {
			t.Errorf("lsp with %q: exit %d, stderr %q", in, code, stderr)
		}
	}
	if _, _, code := runCLI("", "lsp", "extra"); code != exitTrouble {
		t.Errorf("lsp with an argument: exit %d", code)
	}
}
