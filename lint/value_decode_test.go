package lint

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/tape"
)

// TestDecodeAsEncodingJSON decodes every testdata payload that is one JSON
// object both ways: Value.Decode must give what encoding/json gives with
// UseNumber, repeated names and escapes included.
func TestDecodeAsEncodingJSON(t *testing.T) {
	compared := 0
	err := filepath.WalkDir("../testdata", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var tp tape.Tape
		if tp.Scan(src, 0, 1000) != nil || tp.Nodes[0].Kind != tape.Object {
			return nil // not one JSON object: the strict pass stops there
		}
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) != nil {
			return nil
		}
		got := NewDoc(&tp).Root().Decode()
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: Decode differs from encoding/json (-want +got):\n%s", path, cmp.Diff(want, got))
		}
		compared++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compared < 1000 {
		t.Errorf("compared %d payloads, want the testdata's 1000 or more", compared)
	}
}

// TestDecodeSkipsAbsent checks that a member removed as absent is not
// decoded, and that the result does not share the payload's bytes.
func TestDecodeSkipsAbsent(t *testing.T) {
	src := []byte(`{"a": null, "b": {"c": null, "d": ["x", 1.50]}, "a": null}`)
	var tp tape.Tape
	if err := tp.Scan(src, 0, 1000); err != nil {
		t.Fatal(err)
	}
	doc := NewDoc(&tp)
	root := doc.Root()
	doc.Remove(root.Get("a").i - 1)
	doc.Remove(root.Get("b").Get("c").i - 1)
	got := root.Decode()
	copy(src, bytes.Repeat([]byte(" "), len(src))) // the decoded value owns its strings
	want := map[string]any{"b": map[string]any{"d": []any{"x", json.Number("1.50")}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if (Value{}).Decode() != nil {
		t.Error("the absent Value decodes to non-nil")
	}
}
