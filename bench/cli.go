package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// binaries are the commands built once for the whole-process measures.
type binaries struct {
	brazelint string
	readfile  string // reads one file and exits: the start-up floor
	peakrss   string // runs a command and reports its peak memory
}

func build(c *corpus) (binaries, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return binaries{}, fmt.Errorf("go is needed to build brazelint: %w", err)
	}
	dir, err := filepath.Abs(c.path(binDir))
	if err != nil {
		return binaries{}, err
	}
	b := binaries{brazelint: filepath.Join(dir, "brazelint"), readfile: filepath.Join(dir, "readfile"), peakrss: filepath.Join(dir, "peakrss")}
	for _, t := range []struct{ out, pkg string }{{b.brazelint, "./cmd/brazelint"}, {b.readfile, "./bench/readfile"}, {b.peakrss, "./bench/peakrss"}} {
		if out, err := exec.Command(goTool, "build", "-o", t.out, t.pkg).CombinedOutput(); err != nil {
			return binaries{}, fmt.Errorf("go build %s: %w\n%s", t.pkg, err, out)
		}
	}
	return b, nil
}

// exitOK accepts the exit statuses of a validator that ran to the end:
// 0 (all valid) and 1 (findings). Anything else is trouble.
func exitOK(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return nil
	}
	return err
}

// checkCLIFiles runs brazelint on the file corpus, as the timed runs do but
// with JSON output, and compares each file's verdict with its label.
func checkCLIFiles(c *corpus, b binaries) error {
	cmd := exec.Command(b.brazelint, "--no-config", "--format", "json", filesDir)
	cmd.Dir = c.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err := exitOK(err); err != nil {
		return fmt.Errorf("brazelint --format json %s: %w\n%s", filesDir, err, stderr.Bytes())
	}
	var findings []struct{ File, Severity, Rule string }
	if err := json.Unmarshal(out, &findings); err != nil {
		return fmt.Errorf("brazelint --format json: %w", err)
	}
	errorRules := map[string][]string{}
	for _, f := range findings {
		if f.Severity == "error" && !slices.Contains(errorRules[f.File], f.Rule) {
			errorRules[f.File] = append(errorRules[f.File], f.Rule)
		}
	}
	var bad []disagreement
	for _, l := range c.files {
		if got := len(errorRules[l.File]) == 0; got != l.Valid {
			bad = append(bad, disagreement{l.File, l.Label, lintGot(got, errorRules[l.File])})
		}
	}
	if len(bad) > 0 {
		return checkFailed("the brazelint command", len(c.files), bad)
	}
	return nil
}

// checkAjvCLIFiles runs ajv-cli on the file corpus and compares the verdict
// it prints for each file ("FILE valid" or "FILE invalid") with the labels.
func checkAjvCLIFiles(c *corpus, t *nodeTools) error {
	verdicts := map[string]bool{}
	for _, ep := range []string{messagesSend, campaignsTriggerSend} {
		cmd := t.ajvCLICommand(c, ep)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := exitOK(cmd.Run()); err != nil {
			return fmt.Errorf("ajv-cli validate on %s: %w\n%s", endpointDir(ep), err, out.Bytes())
		}
		sc := bufio.NewScanner(&out)
		for sc.Scan() {
			file, v, ok := strings.Cut(sc.Text(), " ")
			if ok && strings.HasPrefix(file, filesDir+string(filepath.Separator)) && (v == "valid" || v == "invalid") {
				verdicts[file] = v == "valid"
			}
		}
	}
	labels := make([]Label, len(c.files))
	valid := make([]bool, len(c.files))
	for i, l := range c.files {
		v, ok := verdicts[l.File]
		if !ok {
			return fmt.Errorf("ajv-cli printed no verdict for %s", l.File)
		}
		labels[i], valid[i] = l.Label, v
	}
	return checkSchemaVerdicts("ajv-cli", labels, func(i int) string { return c.files[i].File }, valid)
}

// runQuiet runs a command with its output thrown away and returns its wall
// time, from just before the fork to just after the wait.
func runQuiet(cmd *exec.Cmd) (time.Duration, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer devnull.Close()
	cmd.Stdout, cmd.Stderr = devnull, devnull
	start := time.Now()
	err = exitOK(cmd.Run())
	elapsed := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
	}
	return elapsed, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// filesTiming is the wall time of one run over the whole file corpus.
type filesTiming struct {
	brazelint, ajvCLI time.Duration // medians; ajvCLI is its two calls summed
}

// timeFiles runs brazelint once over the file corpus and ajv-cli once per
// endpoint directory, runs times, alternating so that noise on the machine
// falls on both alike.
func timeFiles(c *corpus, b binaries, t *nodeTools, runs int) (filesTiming, error) {
	var bl, ajv []time.Duration
	for range runs {
		cmd := exec.Command(b.brazelint, "--no-config", filesDir)
		cmd.Dir = c.dir
		d, err := runQuiet(cmd)
		if err != nil {
			return filesTiming{}, err
		}
		bl = append(bl, d)
		var sum time.Duration
		for _, ep := range []string{messagesSend, campaignsTriggerSend} {
			d, err := runQuiet(t.ajvCLICommand(c, ep))
			if err != nil {
				return filesTiming{}, err
			}
			sum += d
		}
		ajv = append(ajv, sum)
	}
	return filesTiming{median(bl), median(ajv)}, nil
}

// startupTiming compares brazelint on one small valid file with a program
// that only reads it: what is left is brazelint's own start-up (runtime,
// schema compile, rule tables) and its check of one payload.
type startupTiming struct {
	brazelint, readfile time.Duration
}

func timeStartup(c *corpus, b binaries, runs int) (startupTiming, error) {
	var bl, rf []time.Duration
	for i := -2; i < runs; i++ { // two warm-up runs each, for the page cache
		d1, err := runQuiet(exec.Command(b.brazelint, "--no-config", c.path(c.smallValid)))
		if err != nil {
			return startupTiming{}, err
		}
		d2, err := runQuiet(exec.Command(b.readfile, c.path(c.smallValid)))
		if err != nil {
			return startupTiming{}, err
		}
		if i >= 0 {
			bl, rf = append(bl, d1), append(rf, d2)
		}
	}
	return startupTiming{median(bl), median(rf)}, nil
}

// rssTiming is one run of the command over an NDJSON file.
type rssTiming struct {
	lines    int
	bytes    int64
	wall     time.Duration
	maxRSSKB int64 // peak resident set, KiB
}

// timeRSS runs brazelint --ndjson over the corpus and over the corpus twice,
// with its text output thrown away, and reads each run's peak memory through
// peakrss (see bench/peakrss for why not directly).
func timeRSS(c *corpus, b binaries) ([]rssTiming, error) {
	var res []rssTiming
	for i, name := range []string{corpusFile, doubleFile} {
		args := []string{b.brazelint, "--ndjson", "--no-config", c.path(name)}
		out, err := exec.Command(b.peakrss, args...).Output()
		if err != nil {
			return nil, fmt.Errorf("peakrss %s: %w", strings.Join(args, " "), err)
		}
		var ns, kib int64
		var status int
		if _, err := fmt.Sscan(string(out), &ns, &kib, &status); err != nil {
			return nil, fmt.Errorf("peakrss printed %q: %w", out, err)
		}
		if status != 0 && status != 1 {
			return nil, fmt.Errorf("%s exited with status %d", strings.Join(args, " "), status)
		}
		res = append(res, rssTiming{lines: len(c.labels) * (i + 1), bytes: c.bytes * int64(i+1), wall: time.Duration(ns), maxRSSKB: kib})
	}
	return res, nil
}
