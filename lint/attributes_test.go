package lint

import (
	"time"

	"github.com/brazelint/brazelint/internal/tape"

	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/schema"
)

// TestBuiltinAttributesMatchSchema keeps builtinAttributes and the members
// schema/defs.json declares for the user attributes object the same list.
func TestBuiltinAttributesMatchSchema(t *testing.T) {
	src, err := schema.Source("defs.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	var declared []string
	for name := range doc.Defs["userAttributes"].Properties {
		declared = append(declared, name)
	}
	slices.Sort(declared)
	if !slices.Equal(declared, builtinAttributes[:]) {
		t.Errorf("builtinAttributes = %v,\nschema declares %v", builtinAttributes, declared)
	}
	if !slices.IsSorted(builtinAttributes[:]) {
		t.Error("builtinAttributes is not sorted")
	}
}

func TestBrazeDateLayout(t *testing.T) {
	good := []string{
		"2026-03-26T18:12:00Z", "2026-03-26T18:12:00+00:00", "2024-11-10T18:00:00-05:00", "2024-11-10T18:00:00-0500",
		"2026-03-26T18:12:00.123Z", "2026-03-26T18:12:00,5+01", "2026-03-26T18:12Z", "20260326T181200Z",
		"2026-03-26T18:12:00:123Z", "2026-03-26T18:12:00:123+0000", // yyyy-MM-ddTHH:mm:ss:SSSZ
		"2026-03-26T18:12:00", "2026-03-26 18:12:00", "2026-03-26", "03/26/2026",
		"Thu 03 26 18:12:00.+00:00 2026", "Thu Mar 26 18:12:00 UTC 2026", "Thu Mar 26 18:12:00.EST 2026", "Thu Mar 26 18:12:00 2026",
	}
	bad := []string{
		"Mar 26 2026 06:12 PM +00:00", "26.03.2026", "26/03/2026", "2026/03/26", "2026-13-01", "2026-03-32",
		"2026-03-26T25:00:00Z", "2026-03-26T18:12:00 +00:00", "2026-03-26T18:12:00+00:00junk", "2026-3-26",
		"Thursday, March 26, 2026", "1774548720", "",
	}
	for _, s := range good {
		if !brazeDateLayout(s) {
			t.Errorf("brazeDateLayout(%q) = false, want true", s)
		}
	}
	for _, s := range bad {
		if brazeDateLayout(s) {
			t.Errorf("brazeDateLayout(%q) = true, want false", s)
		}
	}
}

func TestE164(t *testing.T) {
	for s, want := range map[string]bool{
		"+14155550100": true, "+4930123456": true, "+861012345678901": true, "+8610123456789012": false, "+14": true,
		"14155550100": false, "+1 415 555 0100": false, "+(415)5550100": false, "+04155550100": false, "+": false, "": false,
	} {
		if got := isE164(s); got != want {
			t.Errorf("isE164(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNearOperator(t *testing.T) {
	near := []string{"increment", "Increment", "$inc", "INC", "Add", "$ADD", "append", "$append", "$push", "delete", "update", "$set", "$identifier_key"}
	for _, k := range near {
		if nearOperator(k) == "" {
			t.Errorf("nearOperator(%q) = \"\", want advice", k)
		}
	}
	for _, k := range []string{"street", "count", "added", "incoming", "set", "name", "", "$"[:0]} {
		if nearOperator(k) != "" {
			t.Errorf("nearOperator(%q) = %q, want \"\"", k, nearOperator(k))
		}
	}
}

func TestCodeLists(t *testing.T) {
	for _, tt := range []struct {
		set  map[string]bool
		in   []string
		out  []string
		size int
	}{
		{countryCodes(), []string{"US", "DE", "GB", "AX", "SS"}, []string{"UK", "us", "USA", ""}, 249},
		{languageCodes(), []string{"en", "de", "zh", "nb", "he"}, []string{"EN", "eng", "en-US", "iw"}, 184},
		{timeZoneNames(), []string{"America/New_York", "Europe/Kyiv", "UTC", "US/Eastern", "Etc/GMT+5", "Eastern Time (US & Canada)", "Kyev"},
			[]string{"america/new_york", "EST5", "Mars/Olympus", "Factory", ""}, 0},
	} {
		for _, s := range tt.in {
			if !tt.set[s] {
				t.Errorf("%q missing from its list", s)
			}
		}
		for _, s := range tt.out {
			if tt.set[s] {
				t.Errorf("%q is in its list", s)
			}
		}
		if tt.size > 0 && len(tt.set) != tt.size {
			t.Errorf("list of %d codes, want %d", len(tt.set), tt.size)
		}
	}
}

// attributeRules are the Go rules over a recipient's attributes.
var attributeRules = []*Rule{AttributeIdentifiers, AttributeNameCase, AttributeFormat, AttributeDate, AttributeOperator, AttributeArraySize}

// decode scans a payload onto a tape, as validate does.
func decode(t testing.TB, s string) *Doc {
	t.Helper()
	var tp tape.Tape
	if err := tp.Scan([]byte(s), 0, 1000); err != nil {
		t.Fatal(err)
	}
	return NewDoc(&tp)
}

// cleanAttributes is a recipient's attributes with every profile field and
// every operator, valid.
const cleanAttributes = `{"first_name": "Alex", "country": "US", "language": "en", "phone": "+14155550100",
	"time_zone": "America/New_York", "date_of_first_session": "2026-03-26T18:12:00Z", "dob": "1980-12-21",
	"marked_email_as_spam_at": "03/26/2026", "user_alias": {"alias_name": "a", "alias_label": "b"},
	"visits": {"inc": 1}, "colors": {"add": ["blue"], "remove": ["red"]},
	"stays": {"$add": [{"hotel": "x"}]}, "old_stays": {"$remove": [{"$identifier_key": "hotel", "$identifier_value": "x"}]},
	"new_stays": {"$update": [{"$identifier_key": "hotel", "$identifier_value": "x", "$new_object": {"nights": 2}}]},
	"nested": {"street": "Main", "update": "x"}, "tags": ["a", "b"]}`

// TestAttributeRulesCleanPathAllocatesNothing holds the attribute rules to
// the Go rules' standard: a clean payload costs no allocation.
func TestAttributeRulesCleanPathAllocatesNothing(t *testing.T) {
	src := `{"campaign_id": "c", "recipients": [{"external_user_id": "u", "attributes": ` + cleanAttributes + `}]}`
	doc := decode(t, src)
	report := func(f Finding) { t.Errorf("clean payload reported %s: %s", f.Rule.ID, f.Message) }
	Run(attributeRules, CampaignsTriggerSend, doc, time.Time{}, report) // loads the code lists
	if n := testing.AllocsPerRun(20, func() { Run(attributeRules, CampaignsTriggerSend, doc, time.Time{}, report) }); n != 0 {
		t.Errorf("%v allocations per run, want none", n)
	}
}

// TestAttributeRulesLinear runs the rules over an array of 100,000 elements
// and attributes with 5,000 members: one finding each, and no allocation per
// element or member.
func TestAttributeRulesLinear(t *testing.T) {
	var elems, members bytes.Buffer
	for i := range 100_000 {
		fmt.Fprintf(&elems, `%s"item-%d"`, map[bool]string{true: ",", false: ""}[i > 0], i)
	}
	for i := range 5_000 {
		fmt.Fprintf(&members, `"attr_%d": {"note_%d": "x"}, `, i, i)
	}
	src := `{"campaign_id": "c", "recipients": [{"external_user_id": "u", "attributes": {` + members.String() + `"Email": "a@b.c", "items": [` + elems.String() + `]}}]}`
	var got []string
	report := func(f Finding) { got = append(got, f.Rule.ID) }
	Run(attributeRules, CampaignsTriggerSend, decode(t, src), time.Time{}, report)
	slices.Sort(got)
	if want := []string{"attribute-array-size", "attribute-name-case"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	clean := `{"campaign_id": "c", "recipients": [{"external_user_id": "u", "attributes": {` + strings.TrimSuffix(members.String(), ", ") + `}}]}`
	doc := decode(t, clean)
	if n := testing.AllocsPerRun(3, func() { Run(attributeRules, CampaignsTriggerSend, doc, time.Time{}, report) }); n != 0 {
		t.Errorf("%v allocations per run over 5,000 members, want none", n)
	}
}

// TestFoldedBuiltin holds foldedBuiltin, which compares an ASCII name only
// with the built-in names of its length, to strings.EqualFold over them all:
// the Kelvin sign (K, three bytes) and the long s (ſ, two) fold to ASCII
// letters, so such names match a built-in name of another length.
func TestFoldedBuiltin(t *testing.T) {
	names := []string{"EMAIL", "First_Name", "Email_Subscribe", "DOB", "Time_Zone", "email_", "", "x",
		"FaceBooK", "faceboo\u212a", "\u017fubscription_groups", "pu\u017fh_tokens", "em\u00e4il", strings.Repeat("A", 40)}
	for _, b := range builtinAttributes {
		names = append(names, strings.ToUpper(b))
	}
	for _, name := range names {
		want := ""
		for _, b := range builtinAttributes {
			if strings.EqualFold(name, b) {
				want = b
				break
			}
		}
		if got := foldedBuiltin(name); got != want {
			t.Errorf("foldedBuiltin(%q) = %q, want %q", name, got, want)
		}
	}
	if foldedBuiltin("faceboo\u212a") != "facebook" {
		t.Error("the Kelvin sign does not fold to k")
	}
}

// TestBuiltinIndex holds builtinIndex to the list.
func TestBuiltinIndex(t *testing.T) {
	for i, b := range builtinAttributes {
		if got := builtinIndex(b); got != i {
			t.Errorf("builtinIndex(%q) = %d, want %d", b, got, i)
		}
		if builtinIndex(strings.ToUpper(b)) != -1 || builtinIndex(b+"_") != -1 {
			t.Errorf("builtinIndex finds a name near %q", b)
		}
	}
}
