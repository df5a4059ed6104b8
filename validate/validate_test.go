package validate

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/lint"
)

// at is a compact view of a diagnostic for table tests.
type at struct {
	Rule      string
	Line, Col int
	EndLine   int
	EndCol    int
}

func view(ds []lint.Diagnostic) []at {
	var out []at
	for _, d := range ds {
		out = append(out, at{d.Rule, d.Start.Line, d.Start.Column, d.End.Line, d.End.Column})
	}
	return out
}

const okSMS = `"messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}`

func TestSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     []at
	}{
		{"truncated at end of input", `{"campaign_id": "x",`, []at{{"json-syntax", 1, 21, 1, 21}}},
		{"empty", ``, []at{{"json-syntax", 1, 1, 1, 1}}},
		{"white space only", "  \n ", []at{{"json-syntax", 1, 1, 1, 1}}},
		{"missing comma", "{\"a\": 1\n \"b\": 2}", []at{{"json-syntax", 2, 2, 2, 3}}},
		{"trailing comma", `{"external_user_ids": ["a",]}`, []at{{"json-syntax", 1, 27, 1, 28}}},
		{"invalid UTF-8 in a string", "{\"segment_id\": \"ab\xffc\"}", []at{{"json-invalid-utf8", 1, 19, 1, 20}}},
		{"invalid UTF-8 in a key", "{\"\xff\": 1}", []at{{"json-invalid-utf8", 1, 3, 1, 4}}},
		{"not an object", `[1, 2]`, []at{{"json-not-object", 1, 1, 1, 7}}},
		{"trailing data", `{"external_user_ids": ["a"], ` + okSMS + `} {}`, []at{{"json-trailing-data", 1, 112, 1, 114}}},
		{"lone surrogate", `{"segment_id": "\ud800"}`, []at{{"json-syntax", 1, 17, 1, 18}}}, // at the escape
		{"control character", "{\"segment_id\": \"a\tb\"}", []at{{"json-syntax", 1, 18, 1, 19}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := view(Bytes(MessagesSend, []byte(tt.in)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Bytes(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestColumnsCountCodePoints(t *testing.T) {
	// é is two bytes, 😀 four: columns still count one each.
	in := "{\"external_user_ids\": [\"é😀\"],\r\n \"bogus\": 1, " + okSMS + "}"
	ds := Bytes(MessagesSend, []byte(in))
	if diff := cmp.Diff([]at{{"unknown-member", 2, 2, 2, 9}}, view(ds)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	in = "{\"external_user_ids\": [\"é😀\", 5], " + okSMS + "}"
	ds = Bytes(MessagesSend, []byte(in))
	if diff := cmp.Diff([]at{{"id-not-string", 1, 30, 1, 31}}, view(ds)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestBOM(t *testing.T) {
	in := "\xEF\xBB\xBF{\"bogus\": 1, \"external_user_ids\": [\"a\"], " + okSMS + "}"
	got := view(Bytes(MessagesSend, []byte(in)))
	// The mark takes no column, as in editors: the member is at column 2.
	want := []at{{"json-bom", 1, 1, 1, 1}, {"unknown-member", 1, 2, 1, 9}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestDuplicateKey(t *testing.T) {
	in := "{\n  \"broadcast\": false,\n  \"external_user_ids\": [\"a\"],\n  \"broadcast\": true,\n  " + okSMS + "\n}"
	ds := Bytes(MessagesSend, []byte(in))
	// The duplicate is reported at its second occurrence, the first related;
	// the rest of the payload is checked with the last value, as decoders do.
	want := []at{{"broadcast-with-recipients", 4, 3, 4, 20}, {"json-duplicate-key", 4, 3, 4, 14}}
	if diff := cmp.Diff(want, view(ds)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	rel := ds[1].Related
	if len(rel) != 1 || rel[0].Start.Line != 2 || rel[0].Start.Column != 3 {
		t.Errorf("related = %+v, want the first occurrence at 2:3", rel)
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)
	got := view(Bytes(MessagesSend, []byte(deep)))
	if diff := cmp.Diff([]at{{"json-too-deep", 1, 321, 1, 322}}, got); diff != "" {
		t.Errorf("deep nesting (-want +got):\n%s", diff)
	}
	big := []byte(`{"segment_id": "` + strings.Repeat("x", 100) + `"}`)
	got = view(Config{MaxBytes: 50}.Bytes(MessagesSend, big))
	if diff := cmp.Diff([]at{{"input-too-large", 1, 51, 1, 119}}, got); diff != "" {
		t.Errorf("size limit (-want +got):\n%s", diff)
	}
	within := Config{MaxDepth: 3}.Bytes(MessagesSend, []byte(`{"a": {"b": [1]}}`))
	for _, d := range within {
		if d.Rule == "json-too-deep" {
			t.Errorf("depth 3 reported at MaxDepth 3: %+v", d)
		}
	}
}

func TestLocate(t *testing.T) {
	src := []byte(`{"a/b": {"x": 1, "x": [10, {"c~d": "v"}]}, "e": [] }`)
	tests := []struct {
		ptr      string
		key, val string
	}{
		{"", "", string(src)},
		{"/a~1b", `"a/b"`, `{"x": 1, "x": [10, {"c~d": "v"}]}`},
		{"/a~1b/x", `"x"`, `[10, {"c~d": "v"}]`}, // the last duplicate wins
		{"/a~1b/x/1/c~0d", `"c~d"`, `"v"`},
		{"/a~1b/x/0", "", "10"},
		{"/e", `"e"`, "[]"},
	}
	d, _, ok := parse(src, Config{})
	if !ok {
		t.Fatal("the test payload does not parse")
	}
	loc := newLocator(d.tape)
	for _, tt := range tests {
		key, val, ok := loc.locate(tt.ptr)
		if !ok {
			t.Errorf("locate(%q) failed", tt.ptr)
			continue
		}
		if got := string(src[key.start:key.end]); got != tt.key {
			t.Errorf("locate(%q) key = %q, want %q", tt.ptr, got, tt.key)
		}
		if got := string(src[val.start:val.end]); got != tt.val {
			t.Errorf("locate(%q) value = %q, want %q", tt.ptr, got, tt.val)
		}
	}
	for _, ptr := range []string{"/nope", "/e/0", "/a~1b/x/9", "/a~1b/x/-1"} {
		if _, _, ok := loc.locate(ptr); ok {
			t.Errorf("locate(%q) found something", ptr)
		}
	}
}

// TestLocateInLargeObjects locates members of objects and arrays of more
// than indexFrom members, which are looked up through indexes, with a
// repeated name (the last wins) and an escaped one.
func TestLocateInLargeObjects(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"big": {`)
	for i := range 3 * indexFrom {
		fmt.Fprintf(&b, `"m%d": %d, `, i, i)
	}
	b.WriteString(`"m7": "again", "name": [`)
	for i := range 3 * indexFrom {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d", 100+i)
	}
	b.WriteString(`]}}`)
	src := []byte(b.String())
	d, _, ok := parse(src, Config{})
	if !ok {
		t.Fatal("the test payload does not parse")
	}
	loc := newLocator(d.tape)
	for ptr, want := range map[string][2]string{
		"/big/m0":      {`"m0"`, "0"},
		"/big/m40":     {`"m40"`, "40"},
		"/big/m7":      {`"m7"`, `"again"`},
		"/big/name":    {`"name"`, ""},
		"/big/name/41": {"", "141"},
	} {
		key, val, ok := loc.locate(ptr)
		if !ok {
			t.Errorf("locate(%q) failed", ptr)
			continue
		}
		if got := string(src[key.start:key.end]); got != want[0] {
			t.Errorf("locate(%q) key = %q, want %q", ptr, got, want[0])
		}
		if got := string(src[val.start:val.end]); want[1] != "" && got != want[1] {
			t.Errorf("locate(%q) value = %q, want %q", ptr, got, want[1])
		}
	}
	if _, _, ok := loc.locate("/big/m48"); ok {
		t.Error("locate found a member that is not there")
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		in   string
		want Endpoint
		ok   bool
	}{
		{`{"messages": {}}`, MessagesSend, true},
		{`{"campaign_id": "c"}`, CampaignsTriggerSend, true},
		{`{"campaign_id": "c", "segment_id": "s", "broadcast": true}`, CampaignsTriggerSend, true}, // tie, no messages
		{`{"campaign_id": "c", "messages": {}}`, MessagesSend, true},                               // tie, messages
		{`{"campaign_id": "c", "recipients": [], "messages": {}}`, CampaignsTriggerSend, true},
		{`{"segment_id": "s", "broadcast": true}`, MessagesSend, true},
		{"\xEF\xBB\xBF" + `{"recipients": []}`, CampaignsTriggerSend, true},
		{`{"broadcast": true}`, "", false},
		{`[]`, "", false},
		{`not json`, "", false},
	}
	for _, tt := range tests {
		got, ok := Detect([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Detect(%s) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAutoEndpoint(t *testing.T) {
	got := view(Bytes(Auto, []byte("{\n  \"broadcast\": true\n}")))
	if diff := cmp.Diff([]at{{"endpoint-unknown", 1, 1, 3, 2}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Syntax comes before detection.
	got = view(Bytes(Auto, []byte(`{"broadcast": tru}`)))
	if len(got) != 1 || got[0].Rule != "json-syntax" {
		t.Errorf("got %v, want one json-syntax", got)
	}
	if ds := Bytes(Auto, []byte(`{"campaign_id": "c", "recipients": [{"external_user_id": "u"}]}`)); len(ds) != 0 {
		t.Errorf("clean trigger payload: %v", ds)
	}
}

// TestMessagesNeverQuoteValues feeds payloads full of personal data through
// every kind of finding and checks no diagnostic repeats a value.
func TestMessagesNeverQuoteValues(t *testing.T) {
	secrets := []string{"alice@example.com", "ext-7781", "Alice", "seg-991", "sendé"}
	payloads := []struct {
		ep  Endpoint
		doc string
	}{
		{MessagesSend, `{"broadcast": "alice@example.com", "external_user_ids": ["ext-7781", "ext-7781"], "segment_id": "seg-991",
			"send_id": "sendé", "recipient_subscription_state": "Alice", "messages": {"email": "alice@example.com"}}`},
		{CampaignsTriggerSend, `{"campaign_id": "ext-7781", "recipients": [{"email": "alice@example.com", "external_user_id": "ext-7781",
			"prioritization": ["Alice"], "attributes": {"first_name": "Alice"}}, {"email": "alice@example.com", "prioritization": []}],
			"trigger_properties": "Alice", "segment_id": "seg-991"}`},
		{MessagesSend, `{"external_user_ids": ["u"], "messages": {"sms": {"subscription_group_id": "g", "body": "b", "app_id": "a"}},
			"audience": {"AND": [
				{"custom_attribute": {"custom_attribute_name": "Alice", "comparison": "greater_than", "value": "alice@example.com"}},
				{"custom_attribute": {"custom_attribute_name": "Alice", "comparison": "ext-7781", "value": "seg-991"}},
				{"custom_attribute": {"custom_attribute_name": "Alice", "comparison": "matches_regex", "value": "(alice@example.com"}},
				{"custom_attribute": {"custom_attribute_name": "Alice", "comparison": "exists", "value": "sendé"}},
				{"push_subscription_status": {"comparison": "is", "value": "Alice"}},
				{"last_used_app": {"comparison": "after", "value": "alice@example.com"}}]}}`},
	}
	for _, p := range payloads {
		ds := Bytes(p.ep, []byte(p.doc))
		if len(ds) < 4 {
			t.Fatalf("%s: only %d diagnostics; the test needs findings to inspect", p.ep, len(ds))
		}
		for _, d := range ds {
			for _, s := range secrets {
				if strings.Contains(d.Message, s) {
					t.Errorf("%s: %s message quotes %q: %s", p.ep, d.Rule, s, d.Message)
				}
			}
		}
	}
}

func TestMessagesAreLowerCaseWithoutPeriod(t *testing.T) {
	in := `{"broadcast": "x", "bogus": 1, "recipients": [], "messages": {"smss": {}}}`
	for _, d := range Bytes(MessagesSend, []byte(in)) {
		if m := d.Message; m == "" || strings.HasSuffix(m, ".") || strings.ToLower(m[:1]) != m[:1] {
			t.Errorf("%s: message %q must start lower case and end without a period", d.Rule, m)
		}
	}
}

// TestConcurrentUse runs every testdata payload from parallel goroutines and
// checks each gets the same diagnostics as when run alone; under -race it also
// proves the shared state (compiled schemas) is safe to share.
func TestConcurrentUse(t *testing.T) {
	var docs [][]byte
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			data, rerr := os.ReadFile(path)
			docs = append(docs, data)
			return rerr
		}
		return err
	})
	if err != nil || len(docs) < 100 {
		t.Fatalf("read %d testdata payloads: %v", len(docs), err)
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		want[i] = fmt.Sprint(Bytes(Auto, d))
	}
	t.Run("group", func(t *testing.T) {
		for g := range 8 {
			t.Run(fmt.Sprint(g), func(t *testing.T) {
				t.Parallel()
				for i := range docs {
					k := (g*37 + i) % len(docs)
					if got := fmt.Sprint(Bytes(Auto, docs[k])); got != want[k] {
						t.Errorf("payload %d: diagnostics differ when run concurrently", k)
					}
				}
			})
		}
	})
}

// TestDiagnosticLimit keeps the first findings and sums up the rest in one,
// which carries the worst severity of those it stands for.
func TestDiagnosticLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"external_user_ids": ["a"], ` + okSMS)
	for i := range 30 {
		fmt.Fprintf(&b, `, "extra_%02d": 1`, i) // warnings
	}
	b.WriteString(`, "broadcast": "no"}`) // an error, last by position
	ds := Config{MaxDiagnostics: 10}.Bytes(MessagesSend, []byte(b.String()))
	if len(ds) != 10 {
		t.Fatalf("%d diagnostics, want 10", len(ds))
	}
	last := ds[9]
	if last.Rule != "too-many-findings" || last.Severity != lint.Error || !strings.HasPrefix(last.Message, "22 more findings") {
		t.Errorf("last diagnostic %+v: want too-many-findings, error, 22 more", last)
	}
	if ds[8].Rule != "unknown-member" || last.Start.Offset <= ds[8].Start.Offset {
		t.Errorf("the kept findings are not the first by position")
	}
}

// INC-36: an integer id is an info up to 2^53-1 and a warning beyond it, or
// with a fraction or an exponent; the rule's own severity is the warning's.
func TestNumericIDSeverity(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want lint.Severity
	}{
		{"12345", lint.Info},
		{"9007199254740991", lint.Info},
		{"-9007199254740991", lint.Info},
		{"9007199254740992", lint.Warning},
		{"-9007199254740992", lint.Warning},
		{"8999999999999999", lint.Info},
		{"10000000000000000", lint.Warning},
		{"0", lint.Info},
		{"-0", lint.Info},
		{"1.5", lint.Warning},
		{"1e3", lint.Warning},
		{"1.0", lint.Warning},
	} {
		ds := Bytes(MessagesSend, []byte(`{"external_user_ids": [`+tc.id+`], `+okSMS+`}`))
		if len(ds) != 1 || ds[0].Rule != "id-not-string" || ds[0].Severity != tc.want {
			t.Errorf("id %s: got %v, want one id-not-string %v", tc.id, ds, tc.want)
		}
	}
	if lint.IDNotString.Severity() != lint.Warning {
		t.Errorf("id-not-string's severity is %v: a config setting must see the worst finding's", lint.IDNotString.Severity())
	}
}

// Numbers cost time linear in their text: a numeric id of a million digits
// is judged by its length, a whole number written 1e999999 is not expanded
// to its million digits (duplicate-recipient compared ids so), and a number
// against a schema bound is compared digit by digit. math/big took seconds
// on each.
func TestLongNumbersAreCheap(t *testing.T) {
	long := "1" + strings.Repeat("7", 1<<20)
	for _, tc := range []struct {
		payload string
		want    int
	}{
		{`{"external_user_ids": [` + long + `], ` + okSMS + `}`, 1},
		{`{"external_user_ids": [` + strings.Repeat("1e999999, ", 49) + `1e999999], ` + okSMS + `}`, 50 + 49},
		{`{"external_user_ids": ["a"], "messages": {"android_push": {"alert": "a", "title": "t", "priority": ` + long + `, "time_to_live": ` + long + `.0e0}}}`, 2},
	} {
		start := time.Now()
		ds := Config{MaxBytes: 4 << 20}.Bytes(MessagesSend, []byte(tc.payload))
		if len(ds) != tc.want {
			t.Errorf("%.40s...: %d findings, want %d: %v", tc.payload, len(ds), tc.want, ds)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.40s... took %v", tc.payload, d)
		}
	}
}

// INC-37 and INC-39: detection counts a null member as absent, and api_key,
// which both endpoints accept, for neither.
func TestDetectIgnoresNullsAndAPIKey(t *testing.T) {
	for in, want := range map[string]Endpoint{
		`{"api_key": "k", "campaign_id": "c", "recipients": []}`:              CampaignsTriggerSend,
		`{"api_key": "k", "external_user_ids": ["u"], "messages": {}}`:        MessagesSend,
		`{"external_user_ids": null, "segment_id": null, "campaign_id": "c"}`: CampaignsTriggerSend,
		`{"recipients": null, "trigger_properties": null, "messages": {}}`:    MessagesSend,
	} {
		if got, ok := Detect([]byte(in)); !ok || got != want {
			t.Errorf("Detect(%s) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := Detect([]byte(`{"api_key": "k", "campaign_id": null}`)); ok {
		t.Error("api_key and a null campaign_id named an endpoint")
	}
}

// INC-37: the Go rules run on the payload without its null members, so a
// null campaign_id asks for no message_variation_id, and null broadcast is
// no broadcast.
func TestGoRulesSeeNullAsAbsent(t *testing.T) {
	ds := Bytes(MessagesSend, []byte(`{"campaign_id": null, "external_user_ids": ["u"], `+okSMS+`}`))
	if len(ds) != 1 || ds[0].Rule != "null-member" || ds[0].Severity != lint.Info {
		t.Errorf("null campaign_id: got %v, want one null-member info", ds)
	}
	ds = Bytes(CampaignsTriggerSend, []byte(`{"campaign_id": "c", "broadcast": null, "recipients": [{"external_user_id": "u"}]}`))
	if len(ds) != 1 || ds[0].Rule != "null-member" {
		t.Errorf("null broadcast with recipients: got %v, want one null-member", ds)
	}
}

// TestRelatedAndFixesPerDiagnostic holds each diagnostic's related
// locations and fix edits to its own finding, below and past the memory a
// document keeps for them (locatedScratch), and checks that they do not
// share capacity: a caller appending to one diagnostic's slices must not
// write into the next one's.
func TestRelatedAndFixesPerDiagnostic(t *testing.T) {
	for _, n := range []int{3, locatedScratch + 100} {
		var ids []string
		for i := range n {
			ids = append(ids, fmt.Sprint(1000+i), `"dup"`)
		}
		payload := `{"external_user_ids": [` + strings.Join(ids, ", ") + `], ` + okSMS + `}`
		ds := Config{MaxDiagnostics: 1 << 20}.Bytes(MessagesSend, []byte(payload))
		var fixes, related int
		for _, d := range ds {
			switch d.Rule {
			case "id-not-string":
				if len(d.Fixes) != 1 || len(d.Fixes[0].Edits) == 0 {
					t.Fatalf("n=%d: %s at %s has no fix", n, d.Rule, d.Pointer)
				}
				for _, e := range d.Fixes[0].Edits {
					if e.Start.Offset < d.Start.Offset || e.End.Offset > d.End.Offset {
						t.Fatalf("n=%d: the fix of %s edits %d-%d, outside its finding %d-%d", n, d.Pointer, e.Start.Offset, e.End.Offset, d.Start.Offset, d.End.Offset)
					}
				}
				fixes++
			case "duplicate-recipient":
				if len(d.Related) != 1 || d.Related[0].Pointer != "/external_user_ids/1" {
					t.Fatalf("n=%d: %s at %s relates %v, want the first \"dup\"", n, d.Rule, d.Pointer, d.Related)
				}
				related++
			}
		}
		if fixes != n || related != n-1 {
			t.Fatalf("n=%d: %d fixes and %d duplicates, want %d and %d", n, fixes, related, n, n-1)
		}
		var first, second *lint.Diagnostic
		for i := range ds {
			if len(ds[i].Fixes) > 0 || len(ds[i].Related) > 0 {
				if first == nil {
					first = &ds[i]
				} else if second == nil {
					second = &ds[i]
				}
			}
		}
		before := fmt.Sprint(*second)
		_ = append(first.Related, lint.Related{Message: "appended"})
		_ = append(first.Fixes, lint.Fix{Message: "appended"})
		if len(first.Fixes) > 0 {
			_ = append(first.Fixes[0].Edits, lint.Edit{NewText: "appended"})
		}
		if after := fmt.Sprint(*second); after != before {
			t.Fatalf("n=%d: appending to one diagnostic changed the next:\n%s\n%s", n, before, after)
		}
	}
}

// TestUnknownMemberSpansAgreeWithPointers holds the spans the schema
// mapping takes from the member it has at hand (Value.KeySpan) to what its
// pointer locates: the name, as for every KeyAt target.
func TestUnknownMemberSpansAgreeWithPointers(t *testing.T) {
	checked := 0
	for path, src := range testdataPayloads(t) {
		for _, d := range Bytes(Auto, src) {
			if d.Rule != lint.UnknownMember.ID {
				continue
			}
			doc, _, ok := parse(src, Config{})
			if !ok {
				t.Fatalf("%s: an unknown member in a payload that does not parse", path)
			}
			key, _, found := newLocator(doc.tape).locate(d.Pointer)
			if !found || key.start != d.Start.Offset || key.end != d.End.Offset {
				t.Errorf("%s: unknown member %s at %d-%d, its pointer locates %d-%d", path, d.Pointer, d.Start.Offset, d.End.Offset, key.start, key.end)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d unknown members under testdata", checked)
	}
}
