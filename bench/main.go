// Command bench is brazelint's benchmark harness. From the repository root,
//
//	go run ./bench
//
// generates a seeded corpus of realistic /messages/send and
// /campaigns/trigger/send payloads (about 70% valid, the rest with one
// typical defect each), checks that brazelint and ajv give every payload the
// verdict its label promises, and only then times brazelint against the
// encoding/json floor and ajv 8, in process and as whole commands, and prints
// one table. bench/README.md explains each number.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

type options struct {
	n, files    int
	seed        uint64
	out         string
	passes      int // timed passes over the corpus, in process
	cliRuns     int // runs of each command over the file corpus
	startupRuns int
	genOnly     bool
	strictOnly  bool
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 100_000, "payloads in the NDJSON corpus")
	flag.IntVar(&o.files, "files", 2000, "pretty-printed payload files")
	flag.Uint64Var(&o.seed, "seed", 1, "generator seed: the same seed gives the same corpus")
	flag.StringVar(&o.out, "out", filepath.Join("bench", "out"), "directory for the corpus, schemas and binaries")
	flag.IntVar(&o.passes, "passes", 5, "timed passes over the corpus in process (the median is reported)")
	flag.IntVar(&o.cliRuns, "runs", 5, "runs of each command over the files (the median is reported)")
	flag.IntVar(&o.startupRuns, "startup-runs", 20, "runs of each command for the start-up measure")
	flag.BoolVar(&o.genOnly, "gen", false, "only generate the corpus and check brazelint's verdicts")
	flag.BoolVar(&o.strictOnly, "strict", false, "only check that ajv's default strict mode compiles what brazelint schema prints")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./bench [flags]   (from the repository root)\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || o.n < 1 || o.files < 1 || o.passes < 1 || o.cliRuns < 1 || o.startupRuns < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// step prints what the harness is doing, so a ten-minute run shows progress.
func step(format string, args ...any) func() {
	start := time.Now()
	fmt.Fprintf(os.Stderr, "bench: "+format+" ... ", args...)
	return func() { fmt.Fprintf(os.Stderr, "%.1fs\n", time.Since(start).Seconds()) }
}

// linesSettle is how long the lines read into memory rest before they are
// timed. Without it, six runs measured validate.Bytes at 8.1 to 9.2 µs;
// three with it, at 7.0 to 7.1 (2 cores, 2026-12-07).
const linesSettle = 15 * time.Second

func run(o options) error {
	start, loadBefore := time.Now(), loadAverage()
	if _, err := os.Stat(filepath.Join(ajvDir, "package.json")); err != nil {
		return fmt.Errorf("run go run ./bench from the repository root: %w", err)
	}
	if o.strictOnly {
		t, err := setupNode()
		if err != nil {
			return err
		}
		bin := filepath.Join(o.out, binDir, "brazelint")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/brazelint").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/brazelint: %w\n%s", err, out)
		}
		return checkSchemaExports(bin, filepath.Join(o.out, schemasDir), t)
	}
	done := step("generating %d payloads and %d files (seed %d) into %s", o.n, o.files, o.seed, o.out)
	c, err := generate(o.out, o.n, o.files, o.seed)
	if err != nil {
		return err
	}
	done()

	// Verdicts first: a timing is only worth reading when every validator
	// did the work its label promises.
	done = step("checking brazelint's verdicts on %s", corpusFile)
	if err := checkLibrary(c); err != nil {
		return err
	}
	done()
	if o.genOnly {
		return nil
	}
	t, err := setupNode()
	if err != nil {
		return err
	}
	done = step("checking ajv's verdicts on %s", corpusFile)
	valid, err := t.ajvVerdicts(c)
	if err != nil {
		return err
	}
	if err := checkSchemaVerdicts("ajv", c.labels, func(i int) string { return fmt.Sprintf("line %d", i+1) }, valid); err != nil {
		return err
	}
	done()
	done = step("building brazelint, readfile and peakrss into %s", c.path(binDir))
	b, err := build(c)
	if err != nil {
		return err
	}
	done()
	done = step("compiling brazelint schema output with ajv's defaults (strict mode)")
	if err := checkSchemaExports(b.brazelint, c.path(schemasDir), t); err != nil {
		return err
	}
	done()
	done = step("checking the brazelint command's and ajv-cli's verdicts on %s", c.path(filesDir))
	if err := checkCLIFiles(c, b); err != nil {
		return err
	}
	if err := checkAjvCLIFiles(c, t); err != nil {
		return err
	}
	done()

	r := &results{o: o, c: c, nodeVersion: t.nodeVersion, ajvCLI: packageVersion("ajv-cli"), loadBefore: loadBefore}
	done = step("starting ajv in node: it reads the corpus and warms up")
	ajv, err := t.startAJV(c)
	if err != nil {
		return err
	}
	defer ajv.close()
	done()
	// The streaming measures first, while the harness holds little memory:
	// a large live heap makes Go's collector run less often, which would
	// flatter both. ajv takes its turn in both rounds.
	done = step("timing validate.NDJSON, encoding/json and ajv over the file, %d passes each, taking turns", o.passes)
	ms, err := timePasses(o.passes, len(c.labels), ndjsonPass(c), decodeFilePass(c), ajv.pass)
	if err != nil {
		return err
	}
	r.ndjson, r.jsonFile = ms[0], ms[1]
	done()
	lines, err := splitLines(c)
	if err != nil {
		return err
	}
	// The lines are 142 MB of memory just read, which the machine goes on
	// settling for seconds: passes over it at once ran up to 1.9× slower
	// than later ones, and a pause did the same as passes, so it is not the
	// code warming up. ajv's server read its corpus before the streaming
	// measures; the lines get time too.
	done = step("letting the lines just read into memory settle for %s", linesSettle)
	time.Sleep(linesSettle)
	done()
	done = step("timing validate.Bytes, encoding/json and ajv over lines in memory, %d passes each, taking turns", o.passes)
	if ms, err = timePasses(o.passes, len(lines), bytesPass(lines), decodePass(lines), ajv.pass); err != nil {
		return err
	}
	r.bytes, r.json = ms[0], ms[1]
	r.ajv = ajv.timing()
	done()
	done = step("benchmarking the small /messages/send payload")
	if r.small, err = smallBenchmark(); err != nil {
		return err
	}
	done()
	done = step("timing payloads with many findings, in process and on the command")
	if r.findings, err = timeFindings(b, c.dir, o.cliRuns); err != nil {
		return err
	}
	done()
	done = step("timing the command on %d hostile payloads of 4 MiB", len(hostileShapes))
	if r.hostile, err = timeHostile(b, c.dir); err != nil {
		return err
	}
	done()
	done = step("timing the commands over the files, %d runs each", o.cliRuns)
	if r.files, err = timeFiles(c, b, t, o.cliRuns); err != nil {
		return err
	}
	done()
	done = step("timing start-up, %d runs each", o.startupRuns)
	if r.startup, err = timeStartup(c, b, o.startupRuns); err != nil {
		return err
	}
	done()
	done = step("measuring the command's peak memory on %s and %s", corpusFile, doubleFile)
	if err := c.writeDouble(); err != nil {
		return err
	}
	if r.rss, err = timeRSS(c, b); err != nil {
		return err
	}
	os.Remove(c.path(doubleFile)) // 280 MB that the next run writes again
	done()
	r.loadAfter = loadAverage()
	fmt.Fprintf(os.Stderr, "bench: done in %s\n\n", time.Since(start).Round(time.Second))

	// The table goes to standard output and, for comparing runs later, to
	// results.txt beside the corpus.
	var table strings.Builder
	r.print(&table)
	fmt.Print(table.String())
	return os.WriteFile(c.path("results.txt"), []byte(table.String()), 0o644)
}
