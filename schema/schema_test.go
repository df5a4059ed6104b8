package schema

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestCompiles(t *testing.T) {
	set, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range EndpointFiles() {
		if set.Roots[name] == nil {
			t.Errorf("%s not compiled", name)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	for _, s := range []string{"2019-07-22T13:17:55+0000", "2019-07-22T13:17:55+00:00", "2019-07-22T13:17:55Z", "2019-07-22T13:17:55.123Z"} {
		if _, err := ParseDateTime(s); err != nil {
			t.Errorf("ParseDateTime(%q): %v", s, err)
		}
	}
	for _, s := range []string{"2019-07-22", "2019-07-22T13:17:55", "22/07/2019", " 2019-07-22T13:17:55Z", "2019-07-22T25:17:55Z"} {
		if _, err := ParseDateTime(s); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", s)
		}
	}
}

// TestRefusesRemoteRefs proves nothing is ever fetched: a schema that refers
// to anything not embedded does not build into a Checker, and does not
// compile with the reference compiler either.
func TestRefusesRemoteRefs(t *testing.T) {
	for _, ref := range []string{"https://example.com/evil.json", "file:///etc/passwd", "other.json#/x"} {
		_, err := NewChecker(map[string]any{"s.json": map[string]any{"$ref": ref}}, "s.json")
		if err == nil || !strings.Contains(err.Error(), "not embedded") {
			t.Errorf("$ref %s: NewChecker error = %v, want a refusal", ref, err)
		}
	}
	for _, ref := range []string{"https://example.com/evil.json", "file:///etc/passwd"} {
		c := newCompiler()
		doc := map[string]any{"$ref": ref}
		if err := c.AddResource("https://brazelint.test/s.json", doc); err != nil {
			t.Fatal(err)
		}
		_, err := c.Compile("https://brazelint.test/s.json")
		if err == nil || !strings.Contains(err.Error(), "refusing to load") {
			t.Errorf("$ref %s: Compile error = %v, want a refusal", ref, err)
		}
	}
}

// TestSchemasHaveNoDuplicateNames reads every embedded schema strictly: a
// duplicate name would silently drop one of the two values.
func TestSchemasHaveNoDuplicateNames(t *testing.T) {
	for _, name := range Files {
		src, err := Source(name)
		if err != nil {
			t.Fatal(err)
		}
		dec := jsontext.NewDecoder(bytes.NewReader(src))
		if err := dec.SkipValue(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestBundleStandsAlone compiles each bundle on its own, with a compiler that
// refuses to load anything, and checks it gives every payload under testdata
// the verdict the embedded schemas give.
func TestBundleStandsAlone(t *testing.T) {
	set, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	var payloads []any
	err = filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if doc, err := jsonschema.UnmarshalJSON(f); err == nil {
			payloads = append(payloads, doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(payloads) < 100 {
		t.Fatalf("only %d JSON payloads under ../testdata", len(payloads))
	}
	for _, name := range EndpointFiles() {
		bundle, err := Bundle(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bundle, []byte("defs.json")) {
			t.Errorf("the bundle of %s still mentions defs.json", name)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(bundle))
		if err != nil {
			t.Fatalf("the bundle of %s is not JSON: %v", name, err)
		}
		c := newCompiler()
		if err := c.AddResource("https://brazelint.test/bundle.json", doc); err != nil {
			t.Fatal(err)
		}
		alone, err := c.Compile("https://brazelint.test/bundle.json")
		if err != nil {
			t.Fatalf("the bundle of %s does not compile on its own: %v", name, err)
		}
		valid := 0
		for i, p := range payloads {
			want := set.Roots[name].Validate(p) == nil
			if got := alone.Validate(p) == nil; got != want {
				t.Errorf("%s: payload %d: bundle says valid=%v, embedded schemas say %v", name, i, got, want)
			}
			if want {
				valid++
			}
		}
		if valid == 0 || valid == len(payloads) {
			t.Errorf("%s: %d of %d payloads valid; the comparison needs both kinds", name, valid, len(payloads))
		}
	}
}

// TestBundleIsStable checks Bundle gives the same bytes every time and keeps
// the source's member order.
func TestBundleIsStable(t *testing.T) {
	first, err := Bundle("messages-send.json")
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, _ := Bundle("messages-send.json")
		if !bytes.Equal(first, again) {
			t.Fatal("two bundles differ")
		}
	}
	order := []string{`"$schema"`, `"$id"`, `"title"`, `"properties"`, `"broadcast"`, `"external_user_ids"`, `"required"`, `"$defs"`, `"identifier"`, `"externalUserId"`}
	last := -1
	for _, key := range order {
		i := bytes.Index(first, []byte(key))
		if i < last {
			t.Errorf("%s is out of the source's order", key)
		}
		last = i
	}
	for _, file := range []string{"defs.json", "nope.json"} {
		if _, err := Bundle(file); err == nil {
			t.Errorf("Bundle(%q) succeeded", file)
		}
	}
}
