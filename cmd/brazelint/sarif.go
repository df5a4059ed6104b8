package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/lint"
)

// The types below are the parts of SARIF 2.1.0 (OASIS) that brazelint writes,
// named after the SARIF objects they encode.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version"`
	Rules          []sarifRule `json:"rules"`
}

// sarifRule is a reportingDescriptor.
type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifProperties    `json:"properties"`
}

// sarifText is a message or a multiformatMessageString in plain text only.
type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

// sarifProperties is the property bag of a rule or a result. Severity is
// brazelint's own severity, which the SARIF level cannot tell apart for info
// and hint.
type sarifProperties struct {
	Tags     []string      `json:"tags,omitempty"`
	Severity lint.Severity `json:"severity"`
}

// sarifInvocation says whether the run completed: files that could not be
// read are tool execution notifications, and make it unsuccessful.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          sarifProperties   `json:"properties"`
}

// sarifFix is a fix --fix would apply: replacements in the result's file. An
// insertion is a replacement of an empty region.
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifLocation struct {
	ID               int                    `json:"id,omitempty"` // related locations only, numbered from 1
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion gives both a text region (lines and columns) and a binary one
// (bytes). Lines and columns are 1-based and columns count code points, as
// run.columnKind says; the end is exclusive, as SARIF's endColumn is "one
// greater than the column number of the last character in the region". So
// lint positions go in as they are: no conversion, no off-by-one.
type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn"`
	EndLine     int        `json:"endLine"`
	EndColumn   int        `json:"endColumn"`
	ByteOffset  int        `json:"byteOffset"`
	ByteLength  int        `json:"byteLength"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

const (
	sarifSchema    = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	informationURI = "https://github.com/brazelint/brazelint"
	rulesDocURI    = "https://github.com/brazelint/brazelint/blob/main/docs/rules.md#"
	// fingerprintKey names brazelint's partial fingerprint; the version goes
	// up with baselineVersion when fingerprints change.
	fingerprintKey = "brazelint/v1"
)

// sarifFormat collects the results and prints the log at the end: SARIF is
// one JSON document whose run holds the results.
type sarifFormat struct {
	w       io.Writer
	results []result
}

func (s *sarifFormat) file(name string) { s.results = append(s.results, result{file: name}) }

func (s *sarifFormat) findings(fs []finding) error {
	r := &s.results[len(s.results)-1]
	r.findings = append(r.findings, fs...)
	return nil
}

func (s *sarifFormat) end(trouble error) error { return writeSARIF(s.w, s.results, trouble) }

// writeSARIF prints a SARIF 2.1.0 log of one run: the rule table as the
// driver's rules and every finding as a result, in the order of results. The
// log holds nothing that changes from run to run (no times, no absolute paths
// for relative inputs), so the same inputs give the same bytes.
func writeSARIF(w io.Writer, results []result, trouble error) error {
	ruleIndex := make(map[string]int, len(lint.Rules))
	for i, r := range lint.Rules {
		ruleIndex[r.ID] = i
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "brazelint", InformationURI: informationURI,
			Version: version(), Rules: sarifRules()}},
		Invocations: []sarifInvocation{invocation(trouble)},
		ColumnKind:  "unicodeCodePoints",
		Results:     []sarifResult{}, // a clean run still lists its (empty) results
	}
	for _, r := range results {
		artifact := artifactLocation(r.file)
		for _, f := range r.findings {
			index, ok := ruleIndex[f.Rule]
			if !ok {
				index = -1 // SARIF's "not in the rules array"; every rule is in the table
			}
			primary := sarifLocation{
				PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact, Region: region(f.Start, f.End)},
				LogicalLocations: pointerLocation(f.Pointer),
			}
			if f.Value != "" {
				// --show-values: the payload text goes in the snippet, never in
				// the message. It is the text the text format prints, on one
				// line and cut at maxSnippet code points, not the exact bytes.
				primary.PhysicalLocation.Region.Snippet = &sarifText{Text: f.Value}
			}
			res := sarifResult{
				RuleID:              f.Rule,
				RuleIndex:           index,
				Level:               sarifLevel(f.Severity),
				Message:             sarifText{Text: f.Message},
				Locations:           []sarifLocation{primary},
				PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
				Properties:          sarifProperties{Severity: f.Severity},
			}
			for i, rel := range f.Related {
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
					ID:               i + 1,
					PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact, Region: region(rel.Start, rel.End)},
					LogicalLocations: pointerLocation(rel.Pointer),
					Message:          &sarifText{Text: rel.Message},
				})
			}
			for _, fix := range f.Fixes {
				change := sarifArtifactChange{ArtifactLocation: artifact}
				for _, e := range fix.Edits {
					rep := sarifReplacement{DeletedRegion: region(e.Start, e.End)}
					if e.NewText != "" {
						rep.InsertedContent = &sarifText{Text: e.NewText}
					}
					change.Replacements = append(change.Replacements, rep)
				}
				res.Fixes = append(res.Fixes, sarifFix{Description: sarifText{Text: fix.Message}, ArtifactChanges: []sarifArtifactChange{change}})
			}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // rule docs say <key>; \u003ckey\u003e helps no one
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules describes every rule of the table, in table order, so a result's
// ruleIndex is its rule's index in lint.Rules.
func sarifRules() []sarifRule {
	rules := make([]sarifRule, len(lint.Rules))
	for i, r := range lint.Rules {
		help := sarifHelp{Text: r.Doc, Markdown: markdownEscaper.Replace(r.Doc)}
		if len(r.Spec) > 0 {
			enforces := "\n\nEnforces: " + strings.Join(r.Spec, ", ")
			help.Text += enforces
			help.Markdown += enforces
		}
		rules[i] = sarifRule{
			ID:                   r.ID,
			Name:                 pascalCase(r.ID),
			ShortDescription:     sarifText{Text: r.Title},
			FullDescription:      sarifText{Text: r.Doc},
			Help:                 help,
			HelpURI:              rulesDocURI + r.ID,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity())},
			Properties:           sarifProperties{Tags: r.Spec, Severity: r.Severity()},
		}
	}
	return rules
}

// markdownEscaper escapes what Markdown would read as inline markup in a rule
// doc: "Bearer <key>" is not an HTML tag, and (ab_cat_*) is no emphasis. Line
// breaks stay as they are: a doc's "- " lines are meant as a list.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`,
	"<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`, "#", `\#`, "|", `\|`)

// pascalCase turns a rule id such as json-syntax into JsonSyntax, the form
// SARIF suggests for a rule's name.
func pascalCase(id string) string {
	var b strings.Builder
	for _, word := range strings.Split(id, "-") {
		if word != "" {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	return b.String()
}

// sarifLevel maps a severity to a SARIF level. SARIF has no level below note,
// so info and hint are both notes.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	default:
		return "note"
	}
}

func region(start, end lint.Position) sarifRegion {
	return sarifRegion{
		StartLine: start.Line, StartColumn: start.Column,
		EndLine: end.Line, EndColumn: end.Column,
		ByteOffset: start.Offset, ByteLength: end.Offset - start.Offset,
	}
}

// artifactLocation names a checked file by URI. A relative path, the usual
// case, becomes a relative reference against %SRCROOT%, the directory
// brazelint ran in: run it from the repository root and GitHub code scanning
// finds the files. An absolute path becomes a file: URI. Either way what is
// not allowed in a URI is percent-encoded (a space is %20). Standard input
// keeps its display name, encoded as %3Cstdin%3E, and has no base: it is not
// a file under the source root.
func artifactLocation(file string) sarifArtifactLocation {
	switch {
	case file == stdinName:
		return sarifArtifactLocation{URI: (&url.URL{Path: file}).String()}
	case filepath.IsAbs(filepath.FromSlash(file)):
		// /srv/a.json becomes file:///srv/a.json, C:/a.json file:///C:/a.json.
		u := url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(file, "/")}
		return sarifArtifactLocation{URI: u.String()}
	default:
		// url.URL writes a first segment holding a colon as ./a:b.json, so it
		// is not read as a scheme.
		u := url.URL{Path: path.Clean(file)}
		return sarifArtifactLocation{URI: u.String(), URIBaseID: "%SRCROOT%"}
	}
}

// pointerLocation gives a finding's JSON pointer as its logical location, as
// SARIF's own JSON example does: the pointer is the fully qualified name, its
// last token the name. A pointer names a value (RFC 6901), so the kind is
// "value", one of the kinds SARIF lists for JSON ("member" is for code). The
// whole payload, pointer "", has no name to show and gets none.
func pointerLocation(pointer string) []sarifLogicalLocation {
	if pointer == "" {
		return nil
	}
	return []sarifLogicalLocation{{Name: jsonpointer.Last(pointer), FullyQualifiedName: pointer, Kind: "value"}}
}

// invocation reports the run's I/O and usage trouble, one notification per
// line of the error.
func invocation(trouble error) sarifInvocation {
	if trouble == nil {
		return sarifInvocation{ExecutionSuccessful: true}
	}
	var inv sarifInvocation
	for _, line := range strings.Split(trouble.Error(), "\n") {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifText{Text: line}})
	}
	return inv
}
