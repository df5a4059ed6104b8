package lint

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidConnectedContent = &Rule{
	ID: "liquid-connected-content", severity: Error,
	Title: "a malformed connected_content call",
	Doc: "`{% connected_content URL [options] %}` calls a URL at send time. Errors: a literal scheme other than `http` or `https`; an explicit port other than 80 or 443, " +
		"which Braze does not connect to; an unknown option; `:save`, `:basic_auth` or `:method` without a value (`:save` takes one identifier). " +
		"Warnings: `:method` other than `get` or `post`; `:headers` that are not a JSON object of strings (an engine that drops unreadable headers also drops `Authorization`); " +
		"`:cache_max_age` outside 300 to 14,400 seconds, or together with `:no_cache`; `:cache`, which is not Braze's spelling of `:cache_max_age`; an option given twice; " +
		"another option without a value. The options are `:save`, `:method`, `:headers`, `:body`, `:content_type`, `:basic_auth`, `:cache_max_age`, `:no_cache` and `:retry`. " +
		"(GET responses are cached for 5 minutes unless `:no_cache`; POST responses only with `:cache_max_age`.)",
	Spec:      []string{"LIQ-24", "LIQ-25", "LIQ-26", "LIQ-27", "LIQ-28", "LIQ-29", "LIQ-30", "LIQ-I3"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factConnectedContent) {
			return
		}
		p.eachNode(func(t *template, n *liquid.Node) {
			if n.Kind == liquid.Tag && n.Name == "connected_content" {
				checkConnectedContent(p, t, n)
			}
		})
	},
}

func checkConnectedContent(p *Pass, t *template, n *liquid.Node) {
	cc := t.ReadConnectedContent(n)
	if cc.URL.End == cc.URL.Start {
		p.reportIn(t, n.Start, n.End, "connected_content needs the URL to call first: write {% connected_content https://... %}")
	} else {
		checkConnectedURL(p, t, cc.URL)
	}
	warn := func(s liquid.Span, msg string) { p.reportInAs(Warning, t, s.Start, s.End, msg) }
	seen := map[string]liquid.Option{}
	for _, o := range cc.Options {
		value := t.Src[o.Value.Start:o.Value.End]
		if first, dup := seen[o.Name]; dup {
			p.emit(Finding{Rule: p.rule, Severity: Warning, At: t.at(o.At.Start, o.At.End), Message: "this option is given twice: keep one",
				Related: []Note{{t.at(first.At.Start, first.At.End), "the first"}}})
			continue
		}
		seen[o.Name] = o
		takesValue, known := liquid.ConnectedContentOptions[o.Name]
		switch {
		case o.Name == "cache":
			warn(o.At, ":cache is not Braze's option: write :cache_max_age")
			continue
		case !known:
			p.reportIn(t, o.At.Start, o.At.End, "connected_content has no option "+quoteName(":"+o.Name)+": use :save, :method, :headers, :body, :content_type, :basic_auth, :cache_max_age, :no_cache or :retry")
			continue
		case takesValue && value == "":
			switch o.Name {
			case "save", "basic_auth", "method":
				p.reportIn(t, o.At.Start, o.At.End, ":"+o.Name+" needs a value")
			default:
				warn(o.At, ":"+o.Name+" has no value: give one or remove the option")
			}
			continue
		}
		switch o.Name {
		case "save":
			if !isIdentifier(value) {
				p.reportIn(t, o.Value.Start, o.Value.End, ":save takes one variable name (letters, digits, underscores)")
			}
		case "method":
			if m := strings.ToLower(value); m != "get" && m != "post" {
				warn(o.Value, ":method is get or post in Braze's documentation")
			}
		case "headers":
			if !headersObject(t, o.Value) {
				warn(o.Value, ":headers is not a JSON object of string values, so the headers may not be sent: write {\"Name\": \"value\"}")
			}
		case "cache_max_age":
			if strings.Contains(value, "{{") {
				break
			}
			if secs, err := strconv.Atoi(value); err != nil || secs < 300 || secs > 14400 {
				warn(o.Value, ":cache_max_age is a whole number of seconds from 300 (5 minutes) to 14400 (4 hours)")
			}
		}
	}
	if a, ok := seen["no_cache"]; ok {
		if b, ok := seen["cache_max_age"]; ok {
			p.emit(Finding{Rule: p.rule, Severity: Warning, At: t.at(a.At.Start, a.At.End), Message: ":no_cache and :cache_max_age contradict each other: keep one",
				Related: []Note{{t.at(b.At.Start, b.At.End), "the cache_max_age"}}})
		}
	}
}

// checkConnectedURL checks a literal scheme and port (LIQ-24); parts built by
// Liquid are left alone.
func checkConnectedURL(p *Pass, t *template, u liquid.Span) {
	url := t.Src[u.Start:u.End]
	i := strings.Index(url, "://")
	if i < 0 || strings.ContainsAny(url[:i], "{}%") {
		return
	}
	if scheme := strings.ToLower(url[:i]); scheme != "http" && scheme != "https" {
		p.reportIn(t, u.Start, u.Start+i, "connected_content calls http or https URLs only")
		return
	}
	host := url[i+3:]
	if k := strings.IndexAny(host, "/?#"); k >= 0 {
		host = host[:k]
	}
	if strings.ContainsAny(host, "{}") {
		return
	}
	userinfo := 0
	if at := strings.LastIndexByte(host, '@'); at >= 0 { // user:password@host
		userinfo = at + 1
		host = host[userinfo:]
	}
	k := strings.LastIndexByte(host, ':')
	if k < 0 || strings.Contains(host[k:], "]") { // no port, or inside an IPv6 address
		return
	}
	port := host[k+1:]
	if port != "" && port != "80" && port != "443" {
		start := u.Start + i + 3 + userinfo + k + 1
		p.reportIn(t, start, start+len(port), "Braze only connects to ports 80 and 443: serve the endpoint on one of them")
	}
}

// headersObject reports whether the :headers value is a JSON object of
// strings, with the outputs nested in it standing for plain text.
func headersObject(t *template, s liquid.Span) bool {
	var b strings.Builder
	pos := s.Start
	for _, node := range t.Nodes {
		if node.Start >= s.Start && node.End <= s.End && node.Start >= pos {
			b.WriteString(t.Src[pos:node.Start])
			b.WriteString("x")
			pos = node.End
		}
	}
	b.WriteString(t.Src[pos:s.End])
	var m map[string]json.RawMessage // each value's text, to see that it is a string
	if json.Unmarshal([]byte(b.String()), &m) != nil {
		return false
	}
	for _, v := range m {
		if len(v) == 0 || v[0] != '"' {
			return false
		}
	}
	return true
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
