package lsp

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// payload16K is a /messages/send payload of about 16 KB: 50 users, an
// email whose body has Liquid, an Apple push with a finding, and text with
// non-ASCII letters. With manyFindings, each of the body's 150 paragraphs
// has a finding (liquid-default), so publications hold 200 diagnostics.
func payload16K(manyFindings bool) string {
	attr := "{{custom_attribute.${plan} | default: 'Basis'}}"
	if manyFindings {
		attr = "{{custom_attribute.${plan}}}"
	}
	var users []string
	for i := range 50 {
		users = append(users, fmt.Sprintf("%q", fmt.Sprintf("user-%04d", i)))
	}
	var body strings.Builder
	for i := 0; body.Len() < 15400; i++ {
		fmt.Fprintf(&body, `<p>Grüße {{${first_name} | default: 'du'}}, Angebot %d: %s</p>\n`, i, attr)
	}
	return `{
  "external_user_ids": [` + strings.Join(users, ", ") + `],
  "messages": {
    "email": {
      "app_id": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
      "from": "Team <team@example.com>",
      "subject": "Neuigkeiten 🎉",
      "body": "` + body.String() + `"
    },
    "apple_push": {"alert": "Hallo 🎉", "badge": "3"}
  }
}
`
}

// BenchmarkDidChangeToDiagnostics times an editor's keystroke: from sending
// didChange for a 16 KB payload to receiving its publishDiagnostics, over
// pipes, without the debounce (which is a wait, not work). It reports the
// 50th and 99th percentiles. The client's decoding of the publication is
// in the time, as it is in an editor's.
func BenchmarkDidChangeToDiagnostics(b *testing.B) {
	b.Run("few-findings", func(b *testing.B) { benchDidChange(b, false) })
	b.Run("200-findings", func(b *testing.B) { benchDidChange(b, true) })
}

func benchDidChange(b *testing.B, manyFindings bool) {
	dir := b.TempDir()
	uri := pathToURI(filepath.Join(dir, "payload.json"))
	c := startServer(b, Options{})
	c.initialize(nil, dir)
	text := payload16K(manyFindings)
	if len(text) < 16<<10-1024 || len(text) > 16<<10+1024 {
		b.Fatalf("the payload is %d bytes", len(text))
	}
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	if pub := c.nextDiagnostics(uri); len(pub.Diagnostics) == 0 {
		b.Fatal("the payload has no finding")
	}
	// Each change types a digit into the badge, and the next takes it back.
	at := strings.Index(text, `"3"`) + 1
	pos := editorPosition(text, at, false)
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ch := ContentChange{Range: &Range{pos, pos}, Text: "4"}
		if i%2 == 1 {
			ch = ContentChange{Range: &Range{pos, Position{pos.Line, pos.Character + 1}}, Text: ""}
		}
		start := time.Now()
		c.notify("textDocument/didChange", DidChangeParams{TextDocument: struct {
			URI     string `json:"uri"`
			Version int    `json:"version"`
		}{uri, i + 2}, ContentChanges: []ContentChange{ch}})
		pub := c.nextDiagnostics(uri)
		took = append(took, time.Since(start))
		if *pub.Version != i+2 {
			b.Fatalf("published for version %d, want %d", *pub.Version, i+2)
		}
	}
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
