package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

const splitUsage = `usage: brazelint split [flags] FILE

Splits a payload that lists more users than one request takes into payloads of
at most --size users each: recipients on the campaign and Canvas triggers
(sent or scheduled), external_user_ids or user_aliases on /messages/send and
/messages/schedule/create (a payload that needs splitting and uses both is
refused: split it by hand). Every other member is
copied byte for byte.

The batches are written next to FILE, or into --output DIR, as NAME.001.json,
NAME.002.json, ... (NAME is FILE without its extension; stdin for -), and each
path written is printed. With --ndjson they are printed to standard output
instead, one compact payload per line. FILE may be - (standard input) with
--ndjson or --output. A payload that lists no more than --size users is not
copied: no file is written (with --ndjson it is printed as its one batch).

The payload is checked first and every batch after splitting. An error other
than too-many-recipients is printed to standard error and nothing is written.
Exit status: 0 written or nothing to split, 1 refused (the payload has errors, or a batch would),
2 usage or I/O error.
`

// runSplit is the split subcommand.
func runSplit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("split", splitUsage)
	size := cmd.flags.Int("size", lint.MaxRecipients, "most users in a batch; Braze takes at most 50, and a larger batch is refused")
	endpoint := cmd.flags.String("endpoint", "auto", "endpoint of the payload: auto, "+lint.DefaultEndpoints.Names())
	ndjson := cmd.flags.Bool("ndjson", false, "print the batches to standard output, one per line, instead of writing files")
	outDir := cmd.flags.StringP("output", "o", "", "write the batch files into this directory (created if missing) instead of next to FILE")
	force := cmd.flags.Bool("force", false, "overwrite batch files that already exist")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() != 1 {
		return cmd.fail(stderr, "name one payload file, or - for standard input")
	}
	name := cmd.flags.Arg(0)
	ep, err := validate.ParseEndpoint(*endpoint)
	switch {
	case err != nil:
		return cmd.fail(stderr, "%v", err)
	case *size < 1:
		return cmd.fail(stderr, "--size must be at least 1")
	case *ndjson && *outDir != "":
		return cmd.fail(stderr, "--ndjson prints the batches to standard output: leave out --output")
	case name == "-" && !*ndjson && *outDir == "":
		return cmd.fail(stderr, "standard input has no directory to write the batches next to: add --output DIR or --ndjson")
	}

	data, err := read(name, stdin, validate.DefaultMaxBytes)
	if err != nil {
		return reportTrouble(stderr, err)
	}
	input := displayName(name)
	// Only errors stop a split (warnings are for brazelint's lint), and not
	// too many users in the input: that is what splitting fixes.
	if errs := errorFindings(validate.Bytes(ep, data), lint.TooManyRecipients.ID); errs != nil {
		return refuse(stderr, []result{{file: input, findings: errs}}, input+" has errors: fix them first")
	}
	batches, err := validate.Split(ep, data, *size)
	if err != nil {
		fmt.Fprintf(stderr, "brazelint: split: %s: %v\n", input, err)
		return exitFindings
	}
	paths := batchPaths(name, *outDir, len(batches))
	var refused []result
	for i, b := range batches {
		if errs := errorFindings(validate.Bytes(ep, b), ""); errs != nil {
			refused = append(refused, result{file: displayName(paths[i]), findings: errs})
		}
	}
	if refused != nil {
		return refuse(stderr, refused, "the batches would have errors")
	}

	if len(batches) == 1 && !*ndjson {
		// A copy beside the input would be linted and sent along with it.
		fmt.Fprintf(stderr, "brazelint: split: %s lists no more than %d users: nothing to split; nothing was written\n", input, *size)
		return exitClean
	}
	if *ndjson {
		if err := writeNDJSON(stdout, batches); err != nil {
			return reportTrouble(stderr, err)
		}
		return exitClean
	}
	perm, err := batchPerm(name)
	if err == nil {
		err = writeBatches(name, paths, batches, perm, *force)
	}
	if err != nil {
		return reportTrouble(stderr, fmt.Errorf("split: %w", err))
	}
	for _, p := range paths {
		fmt.Fprintln(stdout, displayName(p))
	}
	return exitClean
}

// errorFindings are the error-severity diagnostics of diags, but for rule
// except.
func errorFindings(diags []lint.Diagnostic, except string) []finding {
	var errs []finding
	for _, d := range diags {
		if d.Severity == lint.Error && d.Rule != except {
			errs = append(errs, finding{Diagnostic: d})
		}
	}
	return errs
}

// refuse prints the findings that stop a split and why, and returns exit
// status 1. They go to standard error: standard output carries the batches
// with --ndjson, and a pipeline must not take findings for payloads.
func refuse(stderr io.Writer, results []result, why string) int {
	writeResults("text", stderr, results, nil)
	fmt.Fprintf(stderr, "brazelint: split: %s; nothing was written\n", why)
	return exitFindings
}

// batchPaths names n batch files for input: NAME.001.json and on, numbered
// with at least three digits and as many as n needs, so they sort in order.
func batchPaths(input, dir string, n int) []string {
	base := "stdin"
	if input != "-" {
		base = strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
		if dir == "" {
			dir = filepath.Dir(input)
		}
	}
	width := max(3, len(strconv.Itoa(n)))
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%s.%0*d.json", base, width, i+1))
	}
	return paths
}

// batchPerm is the permission of the batch files: the input's, since the
// batches hold the same personal data, or rw-r--r-- for standard input.
func batchPerm(input string) (fs.FileMode, error) {
	if input == "-" {
		return 0o644, nil
	}
	info, err := os.Stat(input)
	if err != nil {
		return 0, err
	}
	return info.Mode().Perm(), nil
}

// writeBatches writes each batch to its path, all or none: every batch goes to
// a temporary file in its directory first, and only when all are complete are
// they renamed into place, so a full disk or a failed write leaves no batch
// behind, let alone half of one. Existing files are kept unless force; with
// force, the batches of an earlier split of input that this one does not
// replace (NAME.004.json after a split into three) are removed, so no user
// is sent twice. No path may be input itself.
func writeBatches(input string, paths []string, batches [][]byte, perm fs.FileMode, force bool) error {
	// Check every path before writing any, so a refusal writes nothing.
	if in := sameFileAs(input, paths); input != "-" && in != "" {
		return fmt.Errorf("the batch file %s is the input %s: split into another directory with --output", displayName(in), displayName(input))
	}
	var existing []string
	for _, p := range paths {
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case info.IsDir():
			return fmt.Errorf("%s is a directory: move it out of the way", displayName(p))
		default:
			existing = append(existing, displayName(p))
		}
	}
	if len(existing) > 0 && !force {
		return fmt.Errorf("%s already exists: remove it or add --force (%d of the %d batch files exist)", existing[0], len(existing), len(paths))
	}
	stale, err := staleBatches(input, paths)
	if err != nil {
		return err
	}
	if len(stale) > 0 && !force {
		return fmt.Errorf("%s is a batch of an earlier split: remove it or add --force, which removes it (%d such files)", displayName(stale[0]), len(stale))
	}
	if err := os.MkdirAll(filepath.Dir(paths[0]), 0o755); err != nil {
		return err
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // gone already when renamed
		}
	}()
	for i, p := range paths {
		t, err := writeTemp(p, batches[i], perm, nil)
		if err != nil {
			return err
		}
		temps = append(temps, t)
	}
	for i, t := range temps {
		if err := rename(t, paths[i]); err != nil {
			// Take back the batches already in place, unless they replaced
			// files (--force): those cannot be restored.
			for _, done := range paths[:i] {
				if !slices.Contains(existing, displayName(done)) {
					os.Remove(done)
				}
			}
			return err
		}
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("the batches are written, but an earlier batch is left: %w", err)
		}
	}
	syncDir(filepath.Dir(paths[0]))
	return nil
}

// staleBatches are the files beside paths named as batches of input are
// (NAME.<three or more digits>.json) that are not among paths: the batches
// of an earlier split. Directories and input itself are never among them.
func staleBatches(input string, paths []string) ([]string, error) {
	dir := filepath.Dir(paths[0])
	prefix := strings.TrimSuffix(filepath.Base(paths[0]), filepath.Ext(paths[0]))
	prefix = prefix[:strings.LastIndexByte(prefix, '.')+1] // NAME.
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // --output names a directory still to make
	}
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, e := range entries {
		number, hasPrefix := strings.CutPrefix(e.Name(), prefix)
		number, hasSuffix := strings.CutSuffix(number, ".json")
		if !hasPrefix || !hasSuffix || e.IsDir() || len(number) < 3 || strings.Trim(number, "0123456789") != "" {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if slices.Contains(paths, p) || (input != "-" && sameFileAs(input, []string{p}) != "") {
			continue
		}
		stale = append(stale, p)
	}
	return stale, nil
}

// writeNDJSON prints each batch on one line. Compacting removes white space
// only: strings, numbers and member order stay as written. A byte order mark
// has no place inside a stream and is dropped.
func writeNDJSON(w io.Writer, batches [][]byte) error {
	bw := bufio.NewWriter(w)
	var line bytes.Buffer
	for _, b := range batches {
		line.Reset()
		if err := json.Compact(&line, bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))); err != nil {
			return err
		}
		line.WriteByte('\n')
		if _, err := bw.Write(line.Bytes()); err != nil {
			return err
		}
	}
	return bw.Flush()
}
