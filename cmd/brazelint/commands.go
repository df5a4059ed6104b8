package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// commands are the subcommands, by the name that comes first on the command
// line. Anything else is a path to check (write ./rules to check a directory
// named rules).
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"version": runVersion,
}

// runVersion prints the module version brazelint was built from.
func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "brazelint: version takes no arguments")
		return exitTrouble
	}
	fmt.Fprintf(stdout, "brazelint %s %s\n", version(), runtime.Version())
	return exitClean
}

// version is the module version from the build information: a tag when
// installed with go install ...@version, "(devel)" when built from a clone
// (with the VCS revision when the build recorded one).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "(devel)"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return v
}
