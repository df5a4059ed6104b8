package validate_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// fieldDir holds bodies in the shapes that public Braze clients, CDP
// destinations, workflow tools and production services send, each with a
// one-line note beside it naming the kind of source and what Braze answered.
const fieldDir = "../testdata/field"

// A note states one verdict: "answered NNN" (a recorded or documented answer),
// "accepted in production" (code that has sent the shape for years, the
// evidence INC-36..INC-38 rest on) or "answer unknown".
var (
	answeredStatus = regexp.MustCompile(`\banswered (\d{3})\b`)
	inProduction   = "accepted in production"
	unknownAnswer  = "answer unknown"
)

type fieldVerdict int

const (
	verdictUnknown fieldVerdict = iota
	verdictAccepted
	verdictRejected
)

// readFieldNote reads the note of a field body and returns its verdict.
func readFieldNote(t *testing.T, path string) fieldVerdict {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no note beside the body: %v", err)
	}
	note := strings.TrimSuffix(string(data), "\n")
	if note == "" || strings.ContainsAny(note, "\r\n") {
		t.Fatalf("%s: the note must be exactly one line", path)
	}
	statuses := answeredStatus.FindAllStringSubmatch(note, -1)
	forms := len(statuses)
	if strings.Contains(note, inProduction) {
		forms++
	}
	if strings.Contains(note, unknownAnswer) {
		forms++
	}
	if forms != 1 {
		t.Fatalf("%s: the note must state exactly one of %q, %q or %q: %q", path, "answered NNN", inProduction, unknownAnswer, note)
	}
	switch {
	case len(statuses) == 1 && statuses[0][1][0] == '2':
		return verdictAccepted
	case len(statuses) == 1 && statuses[0][1][0] == '4':
		return verdictRejected
	case len(statuses) == 1:
		t.Fatalf("%s: only 2xx and 4xx answers say anything about the body: %q", path, note)
	case strings.Contains(note, inProduction):
		return verdictAccepted
	}
	return verdictUnknown
}

// TestFieldCorpus holds every field body the live API is known to have
// accepted to zero errors, and every body it is known to reject to at least
// one error. Bodies whose answer is unknown are only recorded in the goldens.
func TestFieldCorpus(t *testing.T) {
	entries, err := os.ReadDir(fieldDir)
	if err != nil {
		t.Fatal(err)
	}
	bodies, notes := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			t.Errorf("%s: the field corpus is flat, no directories", name)
		case strings.HasSuffix(name, ".json"):
			bodies[strings.TrimSuffix(name, ".json")] = true
		case strings.HasSuffix(name, ".txt"):
			notes[strings.TrimSuffix(name, ".txt")] = true
		default:
			t.Errorf("%s: only .json bodies and .txt notes belong in the field corpus", name)
		}
	}
	for name := range notes {
		if !bodies[name] {
			t.Errorf("%s.txt has no body %s.json beside it", name, name)
		}
	}
	if len(bodies) < 30 {
		t.Errorf("%d field bodies, want at least 30", len(bodies))
	}

	counts := map[fieldVerdict]int{}
	for name := range bodies {
		t.Run(name, func(t *testing.T) {
			verdict := readFieldNote(t, filepath.Join(fieldDir, name+".txt"))
			counts[verdict]++
			data, err := os.ReadFile(filepath.Join(fieldDir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			for _, d := range validate.Bytes(validate.Auto, data) {
				if d.Severity == lint.Error {
					errs = append(errs, d.Rule+" at "+pointerOrRoot(d.Pointer))
				}
			}
			switch verdict {
			case verdictAccepted:
				if len(errs) > 0 {
					t.Errorf("Braze accepts this body, yet it draws %d errors: %s", len(errs), strings.Join(errs, ", "))
				}
			case verdictRejected:
				if len(errs) == 0 {
					t.Error("Braze rejects this body, yet it draws no error")
				}
			}
		})
	}
	// Both kinds must be present, or the test above holds nothing.
	if counts[verdictAccepted] == 0 || counts[verdictRejected] == 0 {
		t.Errorf("the corpus needs accepted and rejected bodies: %d accepted, %d rejected", counts[verdictAccepted], counts[verdictRejected])
	}
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "the root"
	}
	return p
}
