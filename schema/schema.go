// Package schema holds the JSON Schemas (Draft 2020-12) of the Braze request
// bodies brazelint checks, embedded in the binary and compiled once.
//
// The schemas say what Braze accepts, field by field: types, enums, defaults,
// limits, required members. Constraints that span fields are Go rules in
// package lint.
package schema

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed *.json
var files embed.FS

// BaseURL is where the schema files are published; their $id is BaseURL + file
// name. Nothing is ever fetched from it.
const BaseURL = "https://github.com/brazelint/brazelint/raw/main/schema/"

// Files lists the embedded schema files.
var Files = []string{"defs.json", "messages-send.json", "campaigns-trigger-send.json"}

// Source returns the text of an embedded schema file, e.g. "messages-send.json".
func Source(name string) ([]byte, error) { return files.ReadFile(name) }

// Set is the compiled schemas and the documents they were compiled from.
type Set struct {
	// Roots maps a root file name to its compiled schema.
	Roots map[string]*jsonschema.Schema
	// Docs maps each file's $id to its decoded document, for looking up the
	// schema an error came from.
	Docs map[string]any
}

// Compiled returns the schemas, compiling them on first use. It is safe for
// concurrent use; the compiled schemas are immutable.
var Compiled = sync.OnceValues(compile)

// newCompiler returns a compiler that asserts formats and loads nothing.
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(refuseLoader{})
	c.AssertFormat()
	for _, f := range Formats {
		c.RegisterFormat(f)
	}
	return c
}

func compile() (*Set, error) {
	c := newCompiler()
	set := &Set{Roots: map[string]*jsonschema.Schema{}, Docs: map[string]any{}}
	for _, name := range Files {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		if err := c.AddResource(BaseURL+name, doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		set.Docs[BaseURL+name] = doc
	}
	for _, name := range Files[1:] {
		s, err := c.Compile(BaseURL + name)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		set.Roots[name] = s
	}
	return set, nil
}

// refuseLoader is the compiler's only loader: every schema brazelint uses is
// embedded and added up front, so a $ref to anything else is a bug or an attack,
// never a reason to touch the network or the file system.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("refusing to load %s: only the embedded schemas can be referenced", url)
}

// Formats are the formats the schemas use beyond the standard ones.
var Formats = []*jsonschema.Format{
	{Name: "ascii", Validate: validateASCII},
	{Name: "braze-date-time", Validate: validateDateTime},
}

// validateASCII accepts strings of ASCII characters only (send_id, MS-31).
func validateASCII(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return fmt.Errorf("non-ASCII character at byte %d", i)
		}
	}
	return nil
}

// dateTimeLayouts are the ISO 8601 datetimes Braze's docs use: the offset is Z,
// +hh:mm or +hhmm (their own example is 2019-07-22T13:17:55+0000, which RFC
// 3339 rejects; AUD-26, INC-27). Fractional seconds are accepted by time.Parse.
var dateTimeLayouts = []string{"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05Z0700"}

// ParseDateTime parses a datetime the way Braze's docs write them.
func ParseDateTime(s string) (time.Time, error) {
	var err error
	for _, layout := range dateTimeLayouts {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// validateDateTime accepts the datetimes ParseDateTime reads, and also a bare
// date: that is valid ISO 8601 but not a datetime, which the date-only rule
// reports as a warning (AUD-27), not as an error here.
func validateDateTime(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return nil
	}
	_, err := ParseDateTime(s)
	return err
}
