package liquid

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// every is the specification's template that uses every construct (spec
// section 8): it scans without an error.
const every = `{% assign balance = {{custom_attribute.${current_rewards_balance}}} %}
{% connected_content https://example.com/api?email={{${email_address} | url_param_escape}}
   :method post :headers {"Authorization": "Bearer {{custom_attribute.${token}}}"}
   :body a=1&b={{${user_id}}} :content_type application/json :cache_max_age 900 :retry :save result %}
{% if result.__http_status_code__ != 200 %}{% abort_message('cc failed') %}{% endif %}
{% catalog_items products {{custom_attribute.${favorite_product_id}}} %}
{% capture code %}{% promotion('spring25') %}{% endcapture %}
{% message_extras :key code :value {{code}} %}
{% for b in {{custom_attribute.${Brands Viewed}}} limit:5 %}{% if b contains 'Nike' %}{% break %}{% endif %}{% endfor %}
{% case ${language} %}{% when 'fr' %}Bonjour{% else %}Hi{% endcase %} {{ ${first_name} | default: 'there' | capitalize }},
you have ${{custom_attribute.${giftcard_balance} | plus: {{balance}}}} — {{ 'now' | time_zone: 'America/Los_Angeles' | date: '%b %d' }}.
{% translation greet %}Welcome{% endtranslation %} {{content_blocks.${footer}}} {{items[0].name | default: ''}}`

func TestEveryConstructScans(t *testing.T) {
	tp := Parse(every)
	if len(tp.Errors) != 0 {
		t.Fatalf("errors: %+v", tp.Errors)
	}
	var names []string
	for _, n := range tp.Nodes {
		if n.Kind == Tag {
			names = append(names, n.Name)
		}
	}
	want := "assign connected_content if abort_message endif catalog_items capture promotion endcapture message_extras for if break endif endfor case when else endcase translation endtranslation"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("tags:\n got %s\nwant %s", got, want)
	}
	var filters []string
	for i := range tp.Nodes {
		for _, f := range tp.Filters(&tp.Nodes[i]) {
			filters = append(filters, f.Name)
		}
	}
	if got, want := strings.Join(filters, " "), "url_param_escape default capitalize plus time_zone date default"; got != want {
		t.Errorf("filters:\n got %s\nwant %s", got, want)
	}
}

// TestErrors pins each syntax error to the bytes it covers: the text between
// « and » in the case.
func TestErrors(t *testing.T) {
	for _, c := range []struct{ marked, msg string }{
		{"Hi «{{» first_name", "this {{ is never closed"},
		{"Hi «{{» first_name {% if x %}{% endif %}", "is not closed before the next {%"},
		{"«{%» if x", "this {% is never closed"},
		{"«{%» if x {% endif %}", "this {% is not closed before the next {%"},
		{"{{«${»first_name", "this ${ is never closed"},
		{"{% if «${»first_name %}", "this ${ is never closed"},
		// The }} closes the output, not the reference (issue 19, part 4).
		{"Hi {{ «${»first_name | default: 'x' }}", "this ${ is never closed"},
		{"{{ «${»first_name | default: 'x' }}, see {{x}}", "this ${ is never closed"},
		{"{{«${»first_name}}", "this ${ is never closed"},
		{"«{% if x %}»yes", "the if block is never closed"},
		{"{% if x %}«{% endfor %}»", "endfor does not match the open if block"},
		{"{% for a in b %}{% if x %}«{% endfor %}»", "endfor closes the for block while an if block"},
		{"{% if x %}{% for a in b %}«{% endif %}»", "endif closes the if block while a for block"},
		{"yes«{% endif %}»", "endif has no if block to close"},
		{"«{% else %}»", "else is outside any"},
		{"{% for a in b %}«{% when 1 %}»{% endfor %}", "when is outside any case block"},
		{"{% if «(»a or b) %}{% endif %}", "parentheses do not group conditions"},
		{"{% case x %}{% when «(»1) %}{% endcase %}", "parentheses do not group conditions"},
		{"{% abort_message«(reason)» %}", "abort_message takes nothing"},
		{"{% abort_message «'a' 'b'» %}", "abort_message takes nothing"},
		{"«{% raw %}»{{ never", "the raw block is never closed"},
		{"«{%  %}»", "this tag has no name"},
		{"Hi «{{{»first_name}}}", "{{{ is not Braze personalization"}, // LIQ-45
		{"«{{{»x}}} {{{{y}}}}", "{{{ is not Braze personalization"},
	} {
		start := strings.Index(c.marked, "«")
		end := strings.Index(c.marked, "»") - len("«")
		src := strings.NewReplacer("«", "", "»", "").Replace(c.marked)
		tp := Parse(src)
		if len(tp.Errors) != 1 {
			t.Errorf("%s: %d errors, want 1: %+v", c.marked, len(tp.Errors), tp.Errors)
			continue
		}
		e := tp.Errors[0]
		if e.Start != start || e.End != end || !strings.Contains(e.Message, c.msg) || e.Warning != strings.HasPrefix(c.msg, "{{{") {
			t.Errorf("%s: error at %d-%d %q, want %d-%d containing %q", c.marked, e.Start, e.End, e.Message, start, end, c.msg)
		}
	}
}

func TestValid(t *testing.T) {
	for _, src := range []string{
		"You have ${{balance}} to spend",
		"{{-  ${first_name} -}} {%- if x -%}y{%- endif -%}",
		"{% raw %}{{ {% if %}{% endraw %}",
		"{% comment %}{% if{% endcomment %}",
		"{% # an inline comment with {{ and %}",
		"{% if a %}{% elsif{{b}} %}{% else %}{% endif %}", // LIQ-I5
		"{{${time_zone.$}}}",
		"{% abort_message %}{% abort_message() %}{% abort_message () %}{% abort_message(\"r\") %}",
		"{% for i in (1..5) reversed %}{{ i }}{% else %}none{% endfor %}",
		"{% unless a %}{% else %}{% endunless %}{% tablerow p in ps cols:2 %}{{ p }}{% endtablerow %}",
		"{% if custom_attribute.${zip code} == 1 %}{% endif %}",
		"{{custom_attribute.${a} | plus: {{balance}}}}",
		"a { b } {{ 'x }' }} %}",
		"{% comment %}a {% comment %}b{% endcomment %} c{% endcomment %}", // comments nest (Liquid 5.5)
		"{% comment %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}",
	} {
		if tp := Parse(src); len(tp.Errors) != 0 {
			t.Errorf("%s: %+v", src, tp.Errors)
		}
	}
}

func TestTokens(t *testing.T) {
	tp := Parse("{% if a && b || (c) %}{% endif %}{{ x | f: ‘y’ }}")
	var kinds []TokKind
	for _, n := range tp.Nodes {
		for _, tok := range n.Toks {
			kinds = append(kinds, tok.Kind)
		}
	}
	want := []TokKind{Path, BadOperator, Path, BadOperator, LParen, Path, RParen, Path, Pipe, Path, Colon, CurlyQuote, Path, CurlyQuote}
	if len(kinds) != len(want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("token %d: %v, want %v", i, kinds[i], want[i])
		}
	}
}

func TestPathRef(t *testing.T) {
	for _, c := range []struct {
		src, root, name string
		hasRef          bool
	}{
		{"{{${first_name}}}", "", "first_name", true},
		{"{{custom_attribute.${Brands Viewed}[0].x}}", "custom_attribute", "Brands Viewed", true},
		{"{{result.__http_status_code__}}", "result", "", false},
		{"{{items[0].name}}", "items", "", false},
		{"{{api_trigger_properties.${details}.${color}}}", "api_trigger_properties", "details", true},
		{"{{api_trigger_properties.${related_skus}[0]}}", "api_trigger_properties", "related_skus", true},
	} {
		tp := Parse(c.src)
		ref := tp.PathRef(tp.Nodes[0].Toks[0])
		if ref.Root != c.root || ref.Name != c.name || ref.HasRef != c.hasRef {
			t.Errorf("%s: %+v", c.src, ref)
		}
		if ref.HasRef && c.src[ref.NameStart:ref.NameStart+len(ref.Name)] != c.name {
			t.Errorf("%s: NameStart %d", c.src, ref.NameStart)
		}
	}
}

func TestConnectedContent(t *testing.T) {
	tp := Parse(every)
	var cc ConnectedContent
	for i := range tp.Nodes {
		if tp.Nodes[i].Name == "connected_content" {
			cc = tp.ReadConnectedContent(&tp.Nodes[i])
		}
	}
	if got := every[cc.URL.Start:cc.URL.End]; got != "https://example.com/api?email={{${email_address} | url_param_escape}}" {
		t.Errorf("url %q", got)
	}
	var got []string
	for _, o := range cc.Options {
		got = append(got, o.Name+"="+every[o.Value.Start:o.Value.End])
	}
	want := `method=post|headers={"Authorization": "Bearer {{custom_attribute.${token}}}"}|body=a=1&b={{${user_id}}}|content_type=application/json|cache_max_age=900|retry=|save=result`
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("options:\n got %s\nwant %s", g, want)
	}
}

func TestHasDelims(t *testing.T) {
	for s, want := range map[string]bool{"": false, "{": false, "a{b}": false, "{{": true, "x{%": true, "{ {": false, "${x}": false} {
		if HasDelims(s) != want {
			t.Errorf("HasDelims(%q) = %v", s, !want)
		}
	}
}

func TestDeepNestingIsBounded(t *testing.T) {
	src := strings.Repeat("{{", 100000) + strings.Repeat("}}", 100000)
	tp := Parse(src)
	if len(tp.Errors) != 1 || !strings.Contains(tp.Errors[0].Message, "nested too deep") {
		t.Errorf("errors %+v", tp.Errors)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(every)
	f.Add("{% if (a %}{{ ${x | f: ‘y’ }}{% endfor %}")
	f.Add(`<a href="{{campaign.${name}}}" src={{x}}>[t]({{{y}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		tp := Parse(src)
		for _, n := range tp.Nodes {
			if n.Start < 0 || n.End > len(src) || n.Start >= n.End || n.ArgStart > n.ArgEnd {
				t.Fatalf("node out of range: %+v", n)
			}
			for _, tok := range n.Toks {
				if tok.Start < n.ArgStart || tok.End > n.End || tok.Start >= tok.End {
					t.Fatalf("token out of range: %+v in %+v", tok, n)
				}
				if tok.Kind == Path {
					tp.PathRef(tok)
				}
			}
			tp.Filters(&n)
			if n.Name == "connected_content" {
				tp.ReadConnectedContent(&n)
			}
		}
		for _, e := range tp.Errors {
			if e.Start < 0 || e.End > len(src) || e.Start > e.End {
				t.Fatalf("error out of range: %+v", e)
			}
		}
		last := 0
		for _, s := range tp.URLSpans() {
			if s.Start < last || s.End > len(src) || s.Start >= s.End {
				t.Fatalf("URL span out of range or order: %+v", s)
			}
			last = s.End
		}
		// A template reused for another scan reads it as a fresh one.
		reused := Parse(every + src)
		reused.Reset()
		ParseInto(reused, src)
		if !sameTemplate(reused, tp) {
			t.Fatalf("ParseInto a reused template differs from Parse:\n%+v\n%+v", reused, tp)
		}
	})
}

// sameTemplate compares what a template exports, filters included.
func sameTemplate(a, b *Template) bool {
	if a.Src != b.Src || len(a.Nodes) != len(b.Nodes) || !slices.Equal(a.Errors, b.Errors) {
		return false
	}
	for i := range a.Nodes {
		x, y := a.Nodes[i], b.Nodes[i]
		if !slices.Equal(x.Toks, y.Toks) || !slices.EqualFunc(a.Filters(&x), b.Filters(&y), func(f, g Filter) bool {
			return f.Name == g.Name && f.Start == g.Start && f.End == g.End && slices.Equal(f.Args, g.Args)
		}) {
			return false
		}
		x.Toks, y.Toks, x.filters, y.filters = nil, nil, nil, nil
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func TestParseIntoReuses(t *testing.T) {
	tp := Parse(every)
	ParseInto(tp, "{{a | b: 1}}{% if c %}{% endif %}")
	if !sameTemplate(tp, Parse("{{a | b: 1}}{% if c %}{% endif %}")) {
		t.Error("a reused template differs from a fresh one")
	}
	clean := "{% connected_content https://api.example.com/o?u={{${user_id} | url_param_escape}} :save order %}{% if order.x != 200 %}{% abort_message('no') %}{% endif %}<p>Hi {{${first_name} | default: 'there'}},</p>{% for item in order.items limit:5 %}<li>{{item.name | escape}}</li>{% endfor %}"
	ParseInto(tp, clean)
	if n := testing.AllocsPerRun(20, func() { ParseInto(tp, clean) }); n != 0 {
		t.Errorf("ParseInto allocates %v times into a template that held as much", n)
	}
}

// FuzzPathRef holds PathRef's one pass to the reading it replaced: the root
// ends at the first of . [ $, and the reference is the first ${...}.
func FuzzPathRef(f *testing.F) {
	for _, s := range []string{"custom_attribute.${x}", "${first_name}", "a[0].b", "$x${y}", "a.$", "${", "x.${a}b}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want := Ref{Root: text}
		if i := strings.IndexAny(text, ".[$"); i >= 0 {
			want.Root = text[:i]
		}
		if i := strings.Index(text, "${"); i >= 0 {
			want.HasRef = true
			rest := text[i+2:]
			if k := strings.IndexByte(rest, '}'); k >= 0 {
				rest = rest[:k]
			}
			want.Name, want.NameStart = rest, 3+i+2
		}
		tp := &Template{Src: "{{ " + text + " }}"}
		tok := Token{Kind: Path, Start: 3, End: 3 + len(text)}
		if got := tp.PathRef(tok); got != want {
			t.Fatalf("PathRef(%q) = %+v, want %+v", text, got, want)
		}
		if tp.HasRef(tok) != want.HasRef {
			t.Fatalf("HasRef(%q) = %v", text, !want.HasRef)
		}
	})
}
