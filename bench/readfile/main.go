// Command readfile reads the file it is given and exits: the floor for
// brazelint's start-up time in the benchmark harness (go run ./bench), a Go
// program that starts, reads one payload and stops.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: readfile FILE")
		os.Exit(2)
	}
	if _, err := os.ReadFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "readfile:", err)
		os.Exit(2)
	}
}
