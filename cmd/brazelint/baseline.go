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
)

// fingerprint gives every finding its Fingerprint: a hash of the rule, the
// JSON pointer, the NDJSON line (for NDJSON input) and how many earlier
// findings in the file share all three. Positions and messages are left out, so
// reformatting a payload, editing another member or rewording a message keeps
// the fingerprint; the file is not in it, as SARIF pairs fingerprints with
// their file.
func fingerprint(results []result) {
	for i := range results {
		seen := map[string]int{}
		for j := range results[i].findings {
			f := &results[i].findings[j]
			key := f.Rule + "\x00" + f.Pointer + "\x00" + strconv.Itoa(f.Record)
			sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[key])))
			seen[key]++
			f.Fingerprint = hex.EncodeToString(sum[:8])
		}
	}
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
}

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

func readBaseline(path string) (*baseline, error) {
	data, err := os.ReadFile(path)
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
	return b, nil
}

// writeBaseline records every finding of results in a new baseline at path.
func writeBaseline(path string, results []result) error {
	b := baseline{Tool: "brazelint", Version: baselineVersion, Findings: []baselineEntry{}, dir: filepath.Dir(path)}
	for _, r := range results {
		file := b.relative(r.file)
		for _, f := range r.findings {
			b.Findings = append(b.Findings, baselineEntry{File: file, Rule: f.Rule, Pointer: f.Pointer,
				Line: f.Record, Fingerprint: f.Fingerprint})
		}
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

// filter removes from results the findings the baseline records, each entry
// matching one finding, and returns the entries for checked files that no
// longer occur. Entries for files not checked in this run are left alone: a
// pre-commit hook checks only the files that changed.
func (b *baseline) filter(results []result) (gone []baselineEntry) {
	type key struct{ file, fingerprint string }
	left := map[key]int{}
	for _, e := range b.Findings {
		left[key{e.File, e.Fingerprint}]++
	}
	checked := map[string]bool{}
	for i := range results {
		r := &results[i]
		file := b.relative(r.file)
		checked[file] = true
		kept := r.findings[:0]
		for _, f := range r.findings {
			if k := (key{file, f.Fingerprint}); left[k] > 0 {
				left[k]--
				continue
			}
			kept = append(kept, f)
		}
		r.findings = kept
	}
	for _, e := range b.Findings {
		if k := (key{e.File, e.Fingerprint}); checked[e.File] && left[k] > 0 {
			left[k]--
			gone = append(gone, e)
		}
	}
	return gone
}
