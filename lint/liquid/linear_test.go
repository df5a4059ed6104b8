package liquid

import (
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/lineartest"
)

// TestParseLinear holds the scanner to linear cost on the shapes that once
// made it rescan the rest of the template per tag (issue 22).
func TestParseLinear(t *testing.T) {
	base := 1000
	if testing.Short() {
		base = 250
	}
	shapes := map[string]func(n int) string{
		// Each raw block, never closed, searched for its endraw to the end.
		"comment with unclosed raws": func(n int) string {
			return "{% comment %}" + strings.Repeat("{% raw %}", n)
		},
		"closed comment with unclosed raws": func(n int) string {
			return "{% comment %}" + strings.Repeat("{% raw %}x", n) + "{% endcomment %}"
		},
		"nested comments never closed": func(n int) string {
			return strings.Repeat("{% comment %}", n)
		},
		"many outputs": func(n int) string { return strings.Repeat("{{ a | b: 'c' }}{% if x %}{% endif %}", n) },
		"unclosed raw": func(n int) string { return "{% raw %}" + strings.Repeat("{% endcomment %}", n) },
	}
	for name, build := range shapes {
		t.Run(name, func(t *testing.T) {
			lineartest.Check(t, base, build, func(s string) { Parse(s) })
		})
	}
}

// TestUnclosedRawsInComment checks that remembering a failed endraw search
// keeps the reading: a raw block never closed inside a comment is text of the
// comment, and a later raw that is closed still hides an endcomment.
func TestUnclosedRawsInComment(t *testing.T) {
	for _, c := range []struct {
		src           string
		nodes, errors int
	}{
		{"{% comment %}{% raw %}{% raw %}{% endcomment %}{{ x }}", 2, 0},
		{"{% comment %}{% raw %}{% endraw %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}{{ x }}", 2, 0},
		{"{% comment %}{% raw %}{% raw %}", 0, 1},
	} {
		tpl := Parse(c.src)
		if len(tpl.Nodes) != c.nodes || len(tpl.Errors) != c.errors {
			t.Errorf("%s: %d nodes and %d errors, want %d and %d", c.src, len(tpl.Nodes), len(tpl.Errors), c.nodes, c.errors)
		}
	}
}
