package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/brazelint/brazelint/lint"
)

// fingerprinter gives the findings of one file their Fingerprint: a hash of
// the rule, the JSON pointer, the NDJSON line (for NDJSON input) and how many
// earlier findings in the file share all three. Positions and messages are
// left out, so reformatting a payload, editing another member or rewording a
// message keeps the fingerprint; the file is not in it, as SARIF pairs
// fingerprints with their file.
type fingerprinter struct {
	seen   map[string]int
	record int
}

func (p *fingerprinter) add(f *finding) {
	// The NDJSON line is in the key, and findings come line by line: what
	// earlier lines saw is never looked up again, so memory stays flat.
	if p.seen == nil || f.Record != p.record {
		p.seen, p.record = map[string]int{}, f.Record
	}
	key := f.Rule + "\x00" + f.Pointer + "\x00" + strconv.Itoa(f.Record)
	if f.Rule == lint.TooManyFindings.ID {
		// The summary stands for the findings past the cap, with the
		// severity of the worst: an error among them must not pass as the
		// warnings the baseline accepted.
		key += "\x00" + f.Severity.String()
	}
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(p.seen[key])))
	p.seen[key]++
	f.Fingerprint = hex.EncodeToString(sum[:8])
}

// baselineVersion is the format of baseline files; a change to fingerprints
// bumps it.
const baselineVersion = 1

// baseline is the file --write-baseline writes and --baseline reads: the
// findings accepted so far, which later runs leave out. Entries name their
// file relative to the baseline's directory, so a baseline works from any
// working directory; rule and pointer are there for the reviewer.
type baseline struct {
	Tool     string          `json:"tool"`
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
	dir      string          // the baseline file's directory

	// While filtering: the entries not yet matched by a finding, and the
	// files checked.
	left    map[baselineKey]int
	visited map[string]bool
}

type baselineKey struct{ file, fingerprint string }

type baselineEntry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Pointer     string `json:"pointer"`
	Line        int    `json:"line,omitempty"` // the payload's line, for NDJSON input
	Fingerprint string `json:"fingerprint"`
}

func (e baselineEntry) String() string {
	at := e.Pointer
	if at == "" {
		at = "the payload"
	}
	if e.Line > 0 {
		at += " on line " + strconv.Itoa(e.Line)
	}
	return fmt.Sprintf("%s: %s at %s", e.File, e.Rule, at)
}

// maxBaselineBytes is the largest baseline read: about 300,000 findings.
const maxBaselineBytes = 64 << 20

func readBaseline(path string) (*baseline, error) {
	data, err := readCapped(path, maxBaselineBytes)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	b := &baseline{dir: filepath.Dir(path)}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(b); err != nil || b.Tool != "brazelint" {
		return nil, fmt.Errorf("%s is not a brazelint baseline (write one with --write-baseline)", path)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("%s is a version %d baseline; this brazelint reads version %d: write it again with --write-baseline", path, b.Version, baselineVersion)
	}
	b.left, b.visited = map[baselineKey]int{}, map[string]bool{}
	for _, e := range b.Findings {
		b.left[baselineKey{e.File, e.Fingerprint}]++
	}
	return b, nil
}

// baselineEntryOf is the entry of a finding in file, for a baseline to be
// written at path.
func baselineEntryOf(path, file string, f finding) baselineEntry {
	b := baseline{dir: filepath.Dir(path)}
	// Member names the schemas do not declare are payload data: the
	// pointer, kept for the reviewer, holds a hash of each instead.
	return baselineEntry{File: b.relative(file), Rule: f.Rule, Pointer: lint.PrivatePointer(f.Pointer), Line: f.Record, Fingerprint: f.Fingerprint}
}

// writeBaseline writes a new baseline of entries at path.
func writeBaseline(path string, entries []baselineEntry) error {
	b := baseline{Tool: "brazelint", Version: baselineVersion, Findings: entries}
	if b.Findings == nil {
		b.Findings = []baselineEntry{}
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// relative names a checked file as the baseline does: relative to the
// baseline's directory, with forward slashes.
func (b *baseline) relative(file string) string {
	if file == stdinName {
		return file
	}
	abs, err1 := filepath.Abs(filepath.FromSlash(file))
	dir, err2 := filepath.Abs(b.dir)
	if err1 != nil || err2 != nil {
		return file
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// take reports whether the baseline records finding f of file, and uses up
// the entry that does: each entry matches one finding.
func (b *baseline) take(file string, f finding) bool {
	k := baselineKey{b.relative(file), f.Fingerprint}
	if b.left[k] == 0 {
		return false
	}
	b.left[k]--
	return true
}

// checked notes that a file was checked in this run.
func (b *baseline) checked(file string) { b.visited[b.relative(file)] = true }

// gone returns the entries of checked files that no finding used. Entries
// for files not checked in this run are left alone: a pre-commit hook checks
// only the files that changed.
func (b *baseline) gone() []baselineEntry {
	var out []baselineEntry
	for _, e := range b.Findings {
		if k := (baselineKey{e.File, e.Fingerprint}); b.visited[e.File] && b.left[k] > 0 {
			b.left[k]--
			out = append(out, e)
		}
	}
	return out
}
