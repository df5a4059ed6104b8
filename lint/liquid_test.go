package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brazelint/brazelint/internal/tape"
)

// TestURLMembersAreNamedSo backs liquid-default's reading of "a whole string
// the schema types as a URL" (LIQ-43) by member name: every string member the
// schemas describe as a URL or deep link is one isURLMember knows.
func TestURLMembersAreNamedSo(t *testing.T) {
	files, err := filepath.Glob("../schema/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas: %v", err)
	}
	found := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, s := range props {
					s, _ := s.(map[string]any)
					desc, _ := s["description"].(string)
					if s["type"] == "string" && (strings.Contains(desc, "URL") || strings.Contains(desc, "deep link")) {
						found++
						if !isURLMember(name) {
							t.Errorf("%s holds a URL by its schema, but isURLMember does not know the name", name)
						}
					}
				}
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(v)
	}
	if found < 5 {
		t.Errorf("only %d URL members in the schemas: the test no longer finds them", found)
	}
}

// TestTemplateWalkAllocatesNothingOnPlainStrings holds the walk for templates
// to LIQ-4 on both endpoints: a payload whose strings hold no Liquid costs no
// allocation, even when the scanner could not rule templates out (its \u
// escapes may spell a delimiter, so those strings are decoded and read).
func TestTemplateWalkAllocatesNothingOnPlainStrings(t *testing.T) {
	recipient := func() any {
		return map[string]any{"external_user_id": "user-1",
			"trigger_properties": map[string]any{"order_id": "o-1", "items": []any{"sku-1", map[string]any{"note": "{ not liquid }"}}},
			"attributes":         map[string]any{"first_name": "Alex <b>", "loyalty_tier": "gold"}}
	}
	var recipients []any
	for range 50 {
		recipients = append(recipients, recipient())
	}
	for _, c := range []struct {
		ep   Endpoint
		root map[string]any
	}{
		{CampaignsTriggerSend, map[string]any{"campaign_id": "c", "trigger_properties": map[string]any{"a": "100% off <b>"}, "recipients": recipients}},
		{MessagesSend, map[string]any{"messages": map[string]any{"email": map[string]any{"subject": "Hi", "body": "<p>{ x }</p>",
			"extra": map[string]any{"k": []any{"v", "w"}}}}}},
	} {
		var n int
		doc := docOf(t, c.root)
		p := &doc.pass
		p.Endpoint, p.Root, p.doc = c.ep, doc.Root(), doc
		allocs := testing.AllocsPerRun(100, func() {
			p.resetLiquid()
			n = len(p.templates())
		})
		if !doc.t.Delims {
			t.Fatalf("%s: no string flagged tape.Delims: the test no longer decodes any", c.ep)
		}
		if allocs != 0 || n != 0 {
			t.Errorf("%s: %v allocations, %d templates", c.ep, allocs, n)
		}
	}
}

// TestTriggerTemplates checks which strings of a /campaigns/trigger/send body
// are templates (LIQ-44): trigger_properties at the top and per recipient, at
// any depth, and recipient attributes, whatever their member names.
func TestTriggerTemplates(t *testing.T) {
	root := map[string]any{
		"campaign_id":        "{{not a template}}",
		"trigger_properties": map[string]any{"type": "{{a}}", "deep": []any{map[string]any{"x": "{% if b %}{% endif %}"}}},
		"recipients": []any{
			map[string]any{"external_user_id": "{{no}}", "trigger_properties": map[string]any{"c": "{{c}}"}},
			map[string]any{"attributes": map[string]any{"first_name": "{{d}}", "app_id": "{{e}}"}},
		},
	}
	doc := docOf(t, root)
	p := &Pass{Endpoint: CampaignsTriggerSend, Root: doc.Root(), doc: doc}
	p.resetLiquid()
	var got []string
	for _, tp := range p.templates() {
		if !tp.warnOnly() {
			t.Errorf("%s is not warning-only", tp.pointer())
		}
		got = append(got, tp.pointer())
	}
	slices.Sort(got)
	want := []string{"/recipients/0/trigger_properties/c", "/recipients/1/attributes/app_id", "/recipients/1/attributes/first_name",
		"/trigger_properties/deep/0/x", "/trigger_properties/type"}
	if !slices.Equal(got, want) {
		t.Errorf("templates %v, want %v", got, want)
	}
}

// docOf is v, encoded, on a tape.
func docOf(t testing.TB, v any) *Doc {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, string(b))
}

// TestTemplatesOfMessages checks which strings of a /messages/send body are
// templates, with what place, channel and key: those under messages, not
// the members Braze does not render (app_id), the last of a repeated member,
// and a delimiter spelled with \u escapes; and that escapes elsewhere change
// nothing.
func TestTemplatesOfMessages(t *testing.T) {
	const body = `{"messages": {"email": {"subject": "{{${first_name}}}", "app_id": "{{x}}", "body": "<p>{% if a %}{{b}}{% endif %}</p>",
		"preheader": "\u007b{y}}", "plain": "\u007b not \u007d {",
		"extras": [{"k": "{{c}}"}, "no", "{{d}} and {{e}}"], "subject": "{{kept}}"}, "webhook": {"headers": {"A": "{{f}}"}}},
		"x": "%s"}`
	read := func(extra string) []string {
		doc := decode(t, strings.Replace(body, "%s", extra, 1))
		p := &doc.pass
		p.Endpoint, p.Root, p.doc = MessagesSend, doc.Root(), doc
		p.resetLiquid()
		var got []string
		for _, tp := range p.templates() {
			got = append(got, fmt.Sprintf("%s %s %s %d %v %q", tp.pointer(), tp.Channel, tp.Key, tp.depth, tp.headers, tp.Src))
		}
		return got
	}
	got, escaped := read("plain"), read(`\u00e9`)
	if !slices.Equal(got, escaped) || len(got) != 6 {
		t.Errorf("templates:\n%s\nwith an escape elsewhere:\n%s", strings.Join(got, "\n"), strings.Join(escaped, "\n"))
	}
	for _, want := range []string{`/messages/email/subject email subject 3 false "{{kept}}"`, `/messages/webhook/headers/A webhook A 4 true "{{f}}"`,
		`/messages/email/preheader email preheader 3 false "{{y}}"`} {
		if !slices.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestLiquidFactsOnlySkipRules holds the facts the Liquid rules return early
// on to their promise: over every rule case, each Liquid rule reports the
// same with every fact taken as present, so a fact never skips a finding.
func TestLiquidFactsOnlySkipRules(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rules/*/*.json")
	if len(files) < 100 {
		t.Fatalf("only %d rule cases", len(files))
	}
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	compared := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var tp tape.Tape
		if tp.Scan(data, 0, 64) != nil {
			continue
		}
		doc := NewDoc(&tp)
		ep, ok := DefaultEndpoints.Detect(func(n string) bool { return doc.Root().Has(n) })
		if !ok {
			continue
		}
		for _, r := range Rules {
			if !strings.HasPrefix(r.ID, "liquid-") || !r.AppliesTo(ep) {
				continue
			}
			var gated, all []string
			Run([]*Rule{r}, ep, doc, now, func(f Finding) { gated = append(gated, findingText(f)) })
			p := &doc.pass
			p.Endpoint, p.Root, p.doc, p.now, p.rule = ep, doc.Root(), doc, now, r
			p.report = func(f Finding) { all = append(all, findingText(f)) }
			p.resetLiquid()
			p.readTemplates()
			p.facts = ^liquidFact(0)
			r.Check(p)
			if !slices.Equal(gated, all) {
				t.Errorf("%s, %s: with its facts %q, every fact %q", f, r.ID, gated, all)
			}
			compared += len(all)
		}
	}
	if compared < 50 {
		t.Errorf("only %d Liquid findings compared", compared)
	}
}

func findingText(f Finding) string {
	s := fmt.Sprintf("%s %d %+v %q %+v", f.Rule.ID, f.Severity, f.At, f.Message, f.Related)
	if f.Fix != nil {
		s += fmt.Sprintf(" fix %+v", *f.Fix)
	}
	return s
}

// TestTemplatePointersInLargeArrays holds the pointers built on a finding to
// the walk's: an element's index is counted in a small array and looked up
// in a large one's index.
func TestTemplatePointersInLargeArrays(t *testing.T) {
	var recipients, items []any
	for i := range 40 {
		r := map[string]any{"external_user_id": fmt.Sprint("u", i)}
		if i == 37 {
			r["attributes"] = map[string]any{"first_name": "{{a}}"}
		}
		recipients = append(recipients, r)
		items = append(items, fmt.Sprint("item ", i))
	}
	items[23] = "{{b}}"
	doc := docOf(t, map[string]any{"campaign_id": "c", "recipients": recipients,
		"trigger_properties": map[string]any{"items": items, "few": []any{"x", "{{c}}"}}})
	p := &doc.pass
	p.Endpoint, p.Root, p.doc = CampaignsTriggerSend, doc.Root(), doc
	p.resetLiquid()
	var got []string
	for _, tp := range p.templates() {
		got = append(got, tp.pointer())
	}
	want := []string{"/trigger_properties/few/1", "/trigger_properties/items/23", "/recipients/37/attributes/first_name"}
	if !slices.Equal(got, want) {
		t.Errorf("pointers %v, want %v", got, want)
	}
}
