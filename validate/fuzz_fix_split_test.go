package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint"
)

// fuzzFixConfig keeps one FuzzFix input fast: Fix may validate a payload
// once per fix, so the payload stays small; a low cap on findings exercises
// the judging beyond it.
var fuzzFixConfig = Config{MaxBytes: 4 << 10, MaxDepth: 32, MaxDiagnostics: 8}

// FuzzFix checks Fix on any input and both endpoints: no panic; a payload
// that was valid UTF-8 JSON stays so; fixing the result changes nothing; and
// the result has no finding at warning or above, by rule and pointer, that
// the input did not have, counting those beyond the cap (the rule by which
// Fix vetoes a repair); its diagnostics are those Bytes gives the result.
func FuzzFix(f *testing.F) {
	seedPayloads(f, func(data []byte) {
		if len(data) <= fuzzFixConfig.MaxBytes {
			f.Add(data, false)
			f.Add(data, true)
		}
	})
	for _, s := range []string{
		"\xef\xbb\xbf{\"external_user_ids\":[1,2],\"broadcast\":\"true\",}",
		`{"campaign_id":"c","recipients":[{"external_user_id":7},{"external_user_id":7}]}`,
		`{"external_user_ids":["a"],"messages":{"email":{"app_id":"x","from":"a <a@b.co>","body":"{{ x }"}}}`,
		`{"external_user_ids":[],"external_user_ids":["a",],"messages":{}}`,
		"{\"a\":\"\xff\"}",
		`[1e3,-0,1.0]`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, trigger bool) {
		ep := MessagesSend
		if trigger {
			ep = CampaignsTriggerSend
		}
		c := fuzzFixConfig
		in := bytes.Clone(data)
		res := c.Fix(ep, data, nil)
		if !bytes.Equal(data, in) {
			t.Fatal("Fix changed its input")
		}
		if utf8.Valid(data) && json.Valid(data) && !(utf8.Valid(res.Data) && json.Valid(res.Data)) {
			t.Fatalf("valid UTF-8 JSON fixed into something that is not:\n%q", res.Data)
		}
		if !reflect.DeepEqual(res.Diagnostics, c.Bytes(ep, res.Data)) {
			t.Fatalf("Fixed.Diagnostics are not those of Fixed.Data:\n%v\n%v", res.Diagnostics, c.Bytes(ep, res.Data))
		}
		uncapped := c
		uncapped.MaxDiagnostics = math.MaxInt
		before := findingKeys(uncapped.Bytes(ep, data))
		if d, gained := newFinding(before, uncapped.Bytes(ep, res.Data)); gained {
			t.Fatalf("the fixed payload has %s at %q (%s) that the input did not have:\n%q",
				d.Rule, d.Pointer, d.Severity, res.Data)
		}
		again := c.Fix(ep, res.Data, nil)
		if !bytes.Equal(again.Data, res.Data) {
			t.Fatalf("fixing the fixed payload changes it:\n%q\n%q", res.Data, again.Data)
		}
	})
}

// FuzzSplit checks Split on any input, endpoint and batch size: no panic;
// every batch parses and has at most size users; the batches' users, in
// order, are the input's; every other member is byte for byte the input's.
func FuzzSplit(f *testing.F) {
	seedPayloads(f, func(data []byte) { f.Add(data, uint8(0), uint8(1)) })
	for _, s := range []string{
		`{"external_user_ids":["a","b","c"],"messages":{}}`,
		"\xef\xbb\xbf{ \"campaign_id\": \"c\",\n  \"recipients\": [\n    {\"external_user_id\": \"a\"},\n    {\"external_user_id\": \"b\"}\n  ]\n}",
		`{"user_aliases":[{"alias_name":"x","alias_label":"y"},1,2],"external_user_ids":[]}`,
		`{"recipients":[1,2,3],"recipients":[4,5,6,7]}`,
		`{"external_user_ids":[1,2],"user_aliases":[3]}`,
		`{"external_user_ids":"a"}`,
		`[1,2,3]`,
	} {
		for ep := range uint8(3) {
			f.Add([]byte(s), ep, uint8(1))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, which, size uint8) {
		ep := [...]Endpoint{Auto, MessagesSend, CampaignsTriggerSend}[which%3]
		n := int(size%8) + 1
		out, err := Split(ep, data, n)
		if err != nil {
			if len(out) > 0 {
				t.Fatalf("an error and %d batches", len(out))
			}
			return
		}
		if len(out) == 0 {
			t.Fatal("no batch and no error")
		}
		if len(out) == 1 {
			if !bytes.Equal(out[0], data) {
				t.Fatalf("one batch that is not the input:\n%q\n%q", data, out[0])
			}
			return
		}
		in := topMembers(t, "input", data)
		// Split errs when both lists of /messages/send hold users, so the
		// one list that holds users is the one split.
		var list string
		for _, name := range []string{"recipients", "external_user_ids", "user_aliases"} {
			if elems := arrayElems(in[name]); len(elems) > n {
				if list != "" {
					t.Fatalf("split though both %s and %s hold users", list, name)
				}
				list = name
			}
		}
		if list == "" {
			t.Fatalf("%d batches, but no list is longer than %d", len(out), n)
		}
		var users []string
		for i, b := range out {
			if _, raws, ok := parse(b, Config{}); !ok || hasError(raws) {
				t.Fatalf("batch %d does not parse:\n%q", i, b)
			}
			got := topMembers(t, fmt.Sprintf("batch %d", i), b)
			elems := arrayElems(got[list])
			if len(elems) == 0 || len(elems) > n {
				t.Fatalf("batch %d has %d users, want 1 to %d", i, len(elems), n)
			}
			users = append(users, elems...)
			if len(got) != len(in) {
				t.Fatalf("batch %d has %d members, the input %d", i, len(got), len(in))
			}
			for name, v := range in {
				if name != list && !bytes.Equal(got[name], v) {
					t.Fatalf("batch %d changed %s: %q, was %q", i, name, got[name], v)
				}
			}
		}
		if want := arrayElems(in[list]); strings.Join(users, "\x00") != strings.Join(want, "\x00") || len(users) != len(want) {
			t.Fatalf("the batches list %d users, the input %d (or in another order or spelling)", len(users), len(want))
		}
	})
}

func hasError(fs []lint.Finding) bool {
	for _, r := range fs {
		if r.Rule.Severity() == lint.Error {
			return true
		}
	}
	return false
}

// topMembers decodes the top-level members of a payload that parsed, each
// as its own text (the last of duplicates, as Split reads them).
func topMembers(t *testing.T, what string, data []byte) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(bytes.TrimPrefix(data, bom), &m); err != nil {
		t.Fatalf("%s is not a JSON object: %v", what, err)
	}
	return m
}

// arrayElems is the text of each element of a JSON array, or nil.
func arrayElems(v json.RawMessage) []string {
	var elems []json.RawMessage
	if json.Unmarshal(v, &elems) != nil {
		return nil
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		out[i] = string(e)
	}
	return out
}
