package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/brazelint/brazelint/internal/lsp"
)

const lspUsage = `usage: brazelint lsp

Runs a Language Server Protocol 3.17 server on standard input and output, for
editors: findings as diagnostics while a payload is written, fixes as code
actions (source.fixAll.brazelint applies what --fix would), rule and schema
documentation on hover, and completion of member names, enum values and Liquid
attributes. Each workspace folder's .brazelint.yaml applies to its files.
See the README's editor section for set-ups.
`

// runLSP is the lsp subcommand: it serves until the editor sends exit.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("lsp", lspUsage)
	cmd.flags.Bool("stdio", true, "talk over standard input and output (the only transport; editors often pass it)")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() > 0 {
		return cmd.fail(stderr, "takes no arguments")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	err := lsp.Serve(ctx, stdin, stdout, lsp.Options{Debounce: lsp.DefaultDebounce, Version: version(), Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "brazelint: lsp: %v\n", err)
		return exitFindings // the protocol's exit status without shutdown
	}
	return exitClean
}
