package schema

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The reference: jsonschema v6 compiles the embedded schemas, and the tests
// hold the Checker to its verdicts and errors. Only tests use it, so the
// library and the command do not pay for v6's start-up (it compiles the
// meta-schemas of five drafts when the package loads).

// refSet is the compiled schemas and the documents they were compiled from.
type refSet struct {
	// Roots maps a root file name to its compiled schema.
	Roots map[string]*jsonschema.Schema
	// Docs maps each file's $id to its decoded document, for looking up the
	// schema an error came from.
	Docs map[string]any
}

// reference returns the schemas, compiling them on first use. It is safe for
// concurrent use; the compiled schemas are immutable.
var reference = sync.OnceValues(compile)

// newCompiler returns a compiler that asserts formats and loads nothing.
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(refuseLoader{})
	c.AssertFormat()
	for _, f := range Formats {
		c.RegisterFormat(&jsonschema.Format{Name: f.Name, Validate: func(v any) error {
			if s, ok := v.(string); ok {
				return f.Validate(s)
			}
			return nil
		}})
	}
	return c
}

func compile() (*refSet, error) {
	c := newCompiler()
	set := &refSet{Roots: map[string]*jsonschema.Schema{}, Docs: map[string]any{}}
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
	for _, name := range EndpointFiles() {
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
