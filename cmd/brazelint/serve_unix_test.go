//go:build unix

package main

import (
	"io"
	"net/http"
	"os"
	"syscall"
	"testing"
)

// The command itself, signal handling included: SIGTERM stops it cleanly.
func TestServeStopsOnSIGTERM(t *testing.T) {
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return runServe(args, nil, stdout, stderr)
	}, "--api-key", "key-1")
	status, log := sendOne(t, url, "wrong-key", "key-1")
	if status != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", status)
	}
	if reqs, _ := log["requests"].([]any); len(reqs) != 1 || reqs[0].(map[string]any)["status"] != 401.0 {
		t.Errorf("requests received: %v", log)
	}
	// runServe has caught SIGTERM since before it printed its address.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitExit(t, code, stderr)
}
