package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/tape"
)

// TestPropTablesCoverEmbeddedSchemas: every object schema the embedded
// schemas hold gets its table (else the tape walk falls back to map
// lookups), and the table finds each of its names and no other.
func TestPropTablesCoverEmbeddedSchemas(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	tables, names := 0, 0
	for loc, n := range checker.nodes {
		if n.props == nil {
			t.Errorf("%s: no property table", loc)
			continue
		}
		tables++
		p := n.props
		for k, e := range p.entries {
			names++
			name := p.names[k]
			if got := p.lookupString(name); got != k {
				t.Errorf("%s: lookup(%q) = %d, want %d", loc, name, got, k)
			}
			if _, declared := n.properties[name]; declared != e.declared {
				t.Errorf("%s: %q declared = %v, want %v", loc, name, e.declared, declared)
			}
			// As validNamed reads a name: the rest of the payload after it.
			if got := p.lookup(inPayload(name)); got != k {
				t.Errorf("%s: lookup(%q in a payload) = %d, want %d", loc, name, got, k)
			}
			for _, other := range nearNames(name) {
				if _, ok := n.properties[other]; ok || containsName(p, other) {
					continue
				}
				if got := p.lookupString(other); got != -1 {
					t.Errorf("%s: lookup(%q) = %d (%q), want -1", loc, other, got, p.names[got])
				}
				if got := p.lookup(inPayload(other)); got != -1 {
					t.Errorf("%s: lookup(%q in a payload) = %d (%q), want -1", loc, other, got, p.names[got])
				}
			}
		}
	}
	if tables < 70 || names < 300 {
		t.Errorf("only %d tables with %d names: the test lost its schemas", tables, names)
	}
}

// inPayload returns name followed, within its capacity, by what follows a
// name in a payload, which lookup reads past its end and must ignore.
func inPayload(name string) []byte {
	b := append([]byte(name), `": "value", "next": 1}`...)
	return b[:len(name)]
}

// nearNames are names that share much with name: a byte changed at each
// end and in the middle, one added or dropped.
func nearNames(name string) []string {
	out := []string{"", name + "x", "x" + name, strings.ToUpper(name)}
	if name != "" {
		out = append(out, name[:len(name)-1], name[1:])
	}
	for _, i := range []int{0, len(name) / 2, len(name) - 1, len(name) / 3, 8, len(name) - 9} {
		if i >= 0 && i < len(name) {
			b := []byte(name)
			b[i] ^= 1
			out = append(out, string(b))
		}
	}
	return out
}

func containsName(p *propTable, name string) bool {
	return slices.Contains(p.names, name)
}

// TestPropTableFallsBack: names a perfect hash cannot part (same length,
// first and last 8 bytes) leave the node without a table, and the
// tape walk asks the maps with the same verdicts.
func TestPropTableFallsBack(t *testing.T) {
	doc, _ := decodeNumbers([]byte(`{"type": "object", "properties": {"abcdefghXijklmnop": {"type": "string"}, "abcdefghYijklmnop": {"type": "integer"}},
		"required": ["abcdefghXijklmnop"], "additionalProperties": false, "dependentRequired": {"abcdefghYijklmnop": ["abcdefghXijklmnop"]}}`))
	c, err := NewChecker(map[string]any{"x.json": doc}, "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.roots["x.json"].props != nil {
		t.Fatal("the colliding names have a table")
	}
	agreeOn(t, c, "x.json", []string{`{"abcdefghXijklmnop": "a"}`, `{"abcdefghXijklmnop": "a", "abcdefghYijklmnop": 1}`, `{"abcdefghXijklmnop": 1}`, `{"abcdefghYijklmnop": 1}`,
		`{"abcdefghXijklmnop": "a", "abcdefghZijklmnop": 1}`, `{}`, `{"abcdefghXijklmnop": "a", "abcdefghYijklmnop": "b"}`})
}

// TestValidLengthCountsWhenInDoubt holds the byte-length shortcut of
// minLength and maxLength to the character count, on strings of 1 to 4
// byte characters, escapes and surrogate pairs around the limits.
func TestValidLengthCountsWhenInDoubt(t *testing.T) {
	pieces := []string{"a", "é", "€", "😀", `\n`, `\u00e9`, `\ud83d\ude00`, `\"`}
	payloads := []string{`""`}
	for _, p := range pieces {
		for _, q := range pieces {
			for n := range 8 {
				payloads = append(payloads, `"`+strings.Repeat(p, n)+q+`"`)
			}
		}
	}
	for limit := 1; limit <= 7; limit++ {
		for _, kw := range []string{"minLength", "maxLength"} {
			file := fmt.Sprintf("%s-%d.json", kw, limit)
			doc, _ := decodeNumbers([]byte(fmt.Sprintf(`{"type": "string", %q: %d}`, kw, limit)))
			c, err := NewChecker(map[string]any{file: doc}, file)
			if err != nil {
				t.Fatal(err)
			}
			agreeOn(t, c, file, payloads)
		}
	}
}

// agreeOn holds ValidTape and ValidateTape to Valid and Validate on each
// payload.
func agreeOn(t *testing.T, c *Checker, file string, payloads []string) {
	t.Helper()
	var tp tape.Tape
	valid := 0
	for _, src := range payloads {
		doc, ok := decodeNumbers([]byte(src))
		if !ok || !scanCase(&tp, []byte(src)) {
			t.Fatalf("%s does not decode", src)
		}
		want := c.Valid(file, doc)
		if got := c.ValidTape(file, &tp); got != want {
			t.Errorf("%s against %s: ValidTape = %v, Valid = %v", src, file, got, want)
		}
		if want {
			valid++
		}
		wantErrs, gotErrs := c.Validate(file, doc), c.ValidateTape(file, &tp)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s against %s: ValidateTape and Validate differ\nValidateTape:\n%sValidate:\n%s",
				src, file, describeInOrder(gotErrs), describeInOrder(wantErrs))
		}
	}
	if valid == 0 || valid == len(payloads) {
		t.Errorf("%s: %d of %d payloads valid: the cases do not tell", file, valid, len(payloads))
	}
}
