//go:build unix

// Command peakrss runs a command with its output thrown away and prints its
// wall time in nanoseconds, its peak resident set in KiB and its exit status:
//
//	peakrss brazelint --ndjson corpus.ndjson   # prints e.g. "7712345678 61508 1"
//
// The benchmark harness (go run ./bench) measures memory through this small
// program instead of reading its own children's rusage: Go starts a child
// sharing the parent's memory until exec (CLONE_VM), and Linux carries the
// parent's peak at that moment into the child's ru_maxrss, so a harness that
// held the corpus would report its own size as the child's. Here the parent
// is a few MiB. ru_maxrss is in KiB on Linux (bytes on macOS).
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peakrss COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	// exec.Command leaves Stdout and Stderr nil: the child writes to /dev/null.
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "peakrss: no resource usage for the command")
		os.Exit(2)
	}
	fmt.Println(wall.Nanoseconds(), ru.Maxrss, cmd.ProcessState.ExitCode())
}
