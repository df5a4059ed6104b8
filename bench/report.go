package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// results are the measures of one run, for the table.
type results struct {
	o                   options
	c                   *corpus
	nodeVersion, ajvCLI string
	ndjson, jsonFile    measure // streaming the corpus file
	bytes, json         measure // over its lines held in memory
	ajv                 ajvTiming
	small               testing.BenchmarkResult
	findings            findingsTiming
	hostile             []hostileTiming
	files               filesTiming
	startup             startupTiming
	rss                 []rssTiming
	// The one-minute load average before and after: above about 0.5 on an
	// idle machine, something else was running and the figures are noisy.
	loadBefore, loadAfter string
}

// Targets from issues 9 and 21.
const (
	maxSmallAllocs   = 0           // allocs/op of a small valid /messages/send payload
	maxBytesRatio    = 0.5         // validate.Bytes over ajv, per payload
	maxNDJSONRatio   = 0.6         // validate.NDJSON over ajv, per payload
	maxFindingGrowth = 1.5         // µs/finding at 10,000 or 80,000 findings over µs/finding at 1,000
	maxCLIFindings   = time.Second // the command on 80,000 unknown members
	minFilesSpeedup  = 3.0         // CLI files/s over ajv-cli's
	maxStartupRatio  = 2.0         // start-up over a Go program that only reads the file
	maxRSSMiB        = 32          // peak RSS on the NDJSON corpus
	maxRSSGrowth     = 1.1         // peak RSS on twice the input over peak RSS on the input: flat
)

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT MET"
}

func (r *results) print(w io.Writer) {
	c := r.c
	valid, schemaValid := 0, 0
	for _, l := range c.labels {
		if l.Valid {
			valid++
		}
		if l.SchemaValid {
			schemaValid++
		}
	}
	n := float64(len(c.labels))
	fmt.Fprintf(w, "brazelint bench: seed %d, %d payloads in %s (%.1f MB, %.0f%% valid for brazelint, %.0f%% for the schema), %d files\n",
		r.o.seed, len(c.labels), corpusFile, float64(c.bytes)/1e6, 100*float64(valid)/n, 100*float64(schemaValid)/n, len(c.files))
	fmt.Fprintf(w, "%s %s/%s, %d CPUs (%s); node %s, ajv %s, ajv-cli %s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), r.nodeVersion, r.ajv.Ajv, r.ajvCLI)
	fmt.Fprintf(w, "load average %s before the run, %s after (other work on the machine makes the figures noisy)\n", r.loadBefore, r.loadAfter)
	fmt.Fprintf(w, "defects: %s\n", defectSummary())
	fmt.Fprintf(w, "verdicts: all equal the labels, checked before timing (validate.NDJSON and ajv on %d lines, the brazelint command and ajv-cli on %d files)\n\n",
		len(c.labels), len(c.files))

	t := table{{fmt.Sprintf("In process, %d payloads, median of %d passes", len(c.labels), r.o.passes), "µs/payload", "× ajv", "× encoding/json", "allocs/payload", "KB alloc/payload"}}
	row := func(name string, us float64, floor measure, m *measure) {
		cells := []string{"  " + name, fmt.Sprintf("%.1f", us), fmt.Sprintf("%.2f", us/r.ajv.USPerPayload), fmt.Sprintf("%.2f", us/floor.us)}
		if m != nil {
			cells = append(cells, fmt.Sprintf("%.0f", m.allocs), fmt.Sprintf("%.1f", m.bytes/1024))
		}
		t = append(t, cells)
	}
	t = append(t, []string{"streaming the file, read a line at a time:"})
	row("brazelint validate.NDJSON, all findings located", r.ndjson.us, r.jsonFile, &r.ndjson)
	row("encoding/json Unmarshal into any (its floor)", r.jsonFile.us, r.jsonFile, &r.jsonFile)
	t = append(t, []string{fmt.Sprintf("lines held in memory (%.0f MB live: Go's collector runs less often):", float64(c.bytes)/1e6)})
	row("brazelint validate.Bytes", r.bytes.us, r.json, &r.bytes)
	row("encoding/json Unmarshal into any (its floor)", r.json.us, r.json, &r.json)
	row("ajv 8 allErrors: UTF-8 decode, JSON.parse, validate (node)", r.ajv.USPerPayload, r.json, nil)
	t.print(w)
	bytesRatio, ndjsonRatio := r.bytes.us/r.ajv.USPerPayload, r.ndjson.us/r.ajv.USPerPayload
	fmt.Fprintf(w, "validate.Bytes ÷ ajv: %.2f× (target ≤%.1f×: %s); validate.NDJSON ÷ ajv: %.2f× (target ≤%.1f×: %s)\n",
		bytesRatio, maxBytesRatio, met(bytesRatio <= maxBytesRatio), ndjsonRatio, maxNDJSONRatio, met(ndjsonRatio <= maxNDJSONRatio))

	allocs := r.small.AllocsPerOp()
	fmt.Fprintf(w, "\nSmall valid /messages/send payload (%d bytes), validate.Bytes: %.1f µs/op, %d B/op, %d allocs/op (target ≤%d: %s)\n",
		len(smallPayload), float64(r.small.NsPerOp())/1e3, r.small.AllocedBytesPerOp(), allocs, maxSmallAllocs, met(allocs <= maxSmallAllocs))

	fmt.Fprintln(w)
	head := []string{"Many findings, validate.Bytes (all located, 200 reported)"}
	for i, n := range findingsSizes {
		col := "at " + thousands(n)
		if i == 0 {
			col = "µs/finding " + col
		}
		head = append(head, col)
	}
	t = table{append(head, "growth")}
	for _, sh := range r.findings.shapes {
		// The worst of the larger sizes against the smallest.
		growth := slices.Max(sh.usPerFinding[1:]) / sh.usPerFinding[0]
		row := []string{"  " + sh.name}
		for _, us := range sh.usPerFinding {
			row = append(row, fmt.Sprintf("%.2f", us))
		}
		t = append(t, append(row, fmt.Sprintf("%.2f× (target ≤%.1f×: %s)", growth, maxFindingGrowth, met(growth <= maxFindingGrowth))))
	}
	t.print(w)
	fmt.Fprintf(w, "brazelint --no-config on a valid payload plus %d unknown members (1.3 MB), median of %d runs: %s (target <%s: %s)\n",
		cliUnknownMembers, r.o.cliRuns, seconds(r.findings.cli), maxCLIFindings, met(r.findings.cli < maxCLIFindings))

	fmt.Fprintln(w)
	t = table{{"Hostile payloads of 4 MiB, brazelint --no-config FILE, one run each", "wall"}}
	slowest := time.Duration(0)
	for _, h := range r.hostile {
		t = append(t, []string{"  " + h.name, seconds(h.wall)})
		slowest = max(slowest, h.wall)
	}
	t.print(w)
	fmt.Fprintf(w, "slowest: %s (target <%s each: %s)\n", seconds(slowest), maxHostile, met(slowest < maxHostile))

	files := float64(len(c.files))
	speedup := r.files.ajvCLI.Seconds() / r.files.brazelint.Seconds()
	fmt.Fprintln(w)
	table{
		{fmt.Sprintf("Commands over %d pretty-printed files, median of %d runs", len(c.files), r.o.cliRuns), "wall", "files/s"},
		{"brazelint --no-config files/", seconds(r.files.brazelint), fmt.Sprintf("%.0f", files/r.files.brazelint.Seconds())},
		{"ajv-cli validate --all-errors, one call per endpoint, summed", seconds(r.files.ajvCLI), fmt.Sprintf("%.0f", files/r.files.ajvCLI.Seconds())},
	}.print(w)
	fmt.Fprintf(w, "brazelint files/s ÷ ajv-cli files/s: %.1f× (target ≥%.0f×: %s)\n", speedup, minFilesSpeedup, met(speedup >= minFilesSpeedup))

	ratio := r.startup.brazelint.Seconds() / r.startup.readfile.Seconds()
	fmt.Fprintln(w)
	table{
		{fmt.Sprintf("Start-up on one small valid file (%s), median of %d runs", c.smallValid, r.o.startupRuns), "wall"},
		{"brazelint --no-config FILE", fmt.Sprintf("%.2f ms", ms(r.startup.brazelint))},
		{"readfile FILE (a Go program that only reads it)", fmt.Sprintf("%.2f ms", ms(r.startup.readfile))},
	}.print(w)
	fmt.Fprintf(w, "brazelint ÷ readfile: %.1f× (target ≤%.0f×: %s)\n", ratio, maxStartupRatio, met(ratio <= maxStartupRatio))

	fmt.Fprintln(w)
	t = table{{"brazelint --ndjson --no-config, text output to /dev/null", "wall", "payloads/s", "peak RSS"}}
	for _, m := range r.rss {
		t = append(t, []string{fmt.Sprintf("%d lines, %.0f MB", m.lines, float64(m.bytes)/1e6), seconds(m.wall),
			fmt.Sprintf("%.0f", float64(m.lines)/m.wall.Seconds()), mib(m.maxRSSKB)})
	}
	t.print(w)
	if len(r.rss) == 2 && r.rss[0].maxRSSKB > 0 {
		peak := max(r.rss[0].maxRSSKB, r.rss[1].maxRSSKB)
		growth := float64(r.rss[1].maxRSSKB) / float64(r.rss[0].maxRSSKB)
		fmt.Fprintf(w, "peak RSS ≤%d MiB: %s; twice the input, %.2f× the peak (flat is ≤%.1f×): %s\n",
			maxRSSMiB, met(peak <= maxRSSMiB<<10), growth, maxRSSGrowth, met(growth <= maxRSSGrowth))
	}
}

// defectSummary names the defect kinds and the ones on which brazelint and
// a schema validator are meant to differ.
func defectSummary() string {
	var all, schemaBlind, warnOnly []string
	for _, d := range defectKinds {
		all = append(all, d.name)
		if d.schemaValid && !d.lintValid {
			schemaBlind = append(schemaBlind, d.name)
		}
		if d.lintValid && !d.schemaValid {
			warnOnly = append(warnOnly, d.name)
		}
	}
	return fmt.Sprintf("%s; invisible to the schema: %s; only a warning for brazelint: %s",
		strings.Join(all, ", "), strings.Join(schemaBlind, ", "), strings.Join(warnOnly, ", "))
}

// table prints rows of cells in columns: the first left-aligned, the
// numbers right-aligned.
type table [][]string

func (t table) print(w io.Writer) {
	var widths []int
	for _, row := range t {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range t {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i == 0 {
				b.WriteString("  " + cell + pad)
			} else {
				b.WriteString("  " + pad + cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func ms(d time.Duration) float64     { return d.Seconds() * 1e3 }

func mib(kib int64) string {
	if kib == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}

// cpuModel is the processor's name, where Linux tells it.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown model"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown model"
}

// loadAverage is the one-minute load average, where Linux tells it.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	one, _, _ := strings.Cut(string(data), " ")
	return one
}

// packageVersion reads the version of an installed npm package.
func packageVersion(name string) string {
	data, err := os.ReadFile(filepath.Join(ajvDir, "node_modules", name, "package.json"))
	if err != nil {
		return "unknown"
	}
	var p struct{ Version string }
	if json.Unmarshal(data, &p) != nil {
		return "unknown"
	}
	return p.Version
}

// thousands writes n with comma separators: 80000 as 80,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
