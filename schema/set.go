package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Set is a collection of schema files: the embedded ones, plus any a caller
// adds with With (an endpoint of its own, as a test registers). Its Checker,
// Bundle and Export work over all of them; a Set never changes, so sets never
// leak into each other.
type Set struct {
	extra   map[string][]byte
	checker func() (*Checker, error)
}

// embeddedSet is the Set of the embedded files alone.
var embeddedSet = newSet(nil)

// Embedded returns the Set of the embedded schema files.
func Embedded() *Set { return embeddedSet }

func newSet(extra map[string][]byte) *Set {
	s := &Set{extra: extra}
	s.checker = sync.OnceValues(s.buildChecker)
	return s
}

// With returns a new Set holding s's files and the given ones, by file name.
// An added file may refer to defs.json like the embedded endpoint schemas.
func (s *Set) With(files map[string][]byte) *Set {
	extra := maps.Clone(s.extra)
	if extra == nil {
		extra = map[string][]byte{}
	}
	maps.Copy(extra, files)
	return newSet(extra)
}

// Files lists the set's schema files: defs.json first, then the endpoint
// schemas by name.
func (s *Set) Files() []string {
	names := []string{"defs.json"}
	names = append(names, s.EndpointFiles()...)
	return names
}

// EndpointFiles lists the set's endpoint schemas (every file but defs.json),
// by name.
func (s *Set) EndpointFiles() []string {
	var names []string
	entries, _ := fs.ReadDir(files, ".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && e.Name() != "defs.json" {
			names = append(names, e.Name())
		}
	}
	for name := range s.extra {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Source returns the text of one of the set's files.
func (s *Set) Source(name string) ([]byte, error) {
	if src, ok := s.extra[name]; ok {
		return src, nil
	}
	return files.ReadFile(name)
}

// Checker returns the Checker over the set's files, building it on first
// use. It is safe for concurrent use.
func (s *Set) Checker() (*Checker, error) { return s.checker() }

func (s *Set) buildChecker() (*Checker, error) {
	docs := map[string]any{}
	for _, name := range s.Files() {
		data, err := s.Source(name)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		docs[name] = doc
	}
	return NewChecker(docs, s.EndpointFiles()...)
}
