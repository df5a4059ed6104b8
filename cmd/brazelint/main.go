// Command brazelint checks Braze REST request payloads (POST /messages/send and
// POST /campaigns/trigger/send) before they are sent.
//
//	brazelint [flags] [path ...]
//
// Paths are files, directories (searched recursively for *.json) or - for
// standard input. Exit status: 0 when no diagnostic is an error, 1 when one is,
// 2 on a usage or I/O error.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: brazelint [flags] path ...

Checks Braze request payloads for POST /messages/send and POST /campaigns/trigger/send.
A path is a file, a directory (searched recursively for *.json) or - for standard input.
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.

Flags:
`

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitTrouble  = 2
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := pflag.NewFlagSet("brazelint", pflag.ContinueOnError)
	flags.SetOutput(io.Discard)
	endpoint := flags.String("endpoint", "auto", "endpoint of the payloads: auto, messages/send or campaigns/trigger/send")
	format := flags.String("format", "text", "output format: text or json")
	maxBytes := flags.Int("max-bytes", validate.DefaultMaxBytes, "largest payload to parse, in bytes")
	maxDepth := flags.Int("max-depth", validate.DefaultMaxDepth, "deepest nesting of objects and arrays to parse")
	help := flags.BoolP("help", "h", false, "show this help")
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "brazelint: "+format+"\n", a...)
		return exitTrouble
	}
	if err := flags.Parse(args); err != nil {
		return fail("%v (see brazelint --help)", err)
	}
	if *help {
		fmt.Fprint(stdout, usage+flags.FlagUsages())
		return exitClean
	}
	ep, err := validate.ParseEndpoint(*endpoint)
	if err != nil {
		return fail("%v", err)
	}
	write, ok := formats[*format]
	if !ok {
		return fail("unknown format %q (want text or json)", *format)
	}
	if *maxBytes <= 0 || *maxDepth <= 0 {
		return fail("--max-bytes and --max-depth must be positive")
	}
	if flags.NArg() == 0 {
		return fail("no input: name files or directories, or - for standard input (see brazelint --help)")
	}
	cfg := validate.Config{MaxBytes: *maxBytes, MaxDepth: *maxDepth}

	inputs, err := expand(flags.Args())
	var results []result
	for _, in := range inputs {
		data, rerr := read(in, stdin, cfg.MaxBytes)
		if rerr != nil {
			err = errors.Join(err, rerr)
			continue
		}
		results = append(results, result{file: displayName(in), diags: cfg.Bytes(ep, data)})
	}
	if werr := write(stdout, results); werr != nil {
		return fail("%v", werr)
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(stderr, "brazelint: "+line)
		}
		return exitTrouble
	}
	for _, r := range results {
		for _, d := range r.diags {
			if d.Severity == lint.Error {
				return exitFindings
			}
		}
	}
	return exitClean
}

// result is the diagnostics of one input.
type result struct {
	file  string
	diags []lint.Diagnostic
}

// expand turns the path arguments into the inputs to read: files as given,
// directories walked in lexical order for *.json files, - as standard input.
func expand(args []string) ([]string, error) {
	var inputs []string
	var errs error
	for _, arg := range args {
		if arg == "-" {
			inputs = append(inputs, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		if !info.IsDir() {
			inputs = append(inputs, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".json") {
				inputs = append(inputs, path)
			}
			return nil
		})
		errs = errors.Join(errs, err)
	}
	return inputs, errs
}

// read reads an input, at most one byte past the size limit: enough for
// validate to report input-too-large without holding a huge file in memory.
func read(name string, stdin io.Reader, maxBytes int) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", displayName(name), err)
	}
	return data, nil
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}
