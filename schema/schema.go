// Package schema holds the JSON Schemas (Draft 2020-12) of the Braze request
// bodies brazelint checks, embedded in the binary, and the Checker that
// validates payloads against them.
//
// The schemas say what Braze accepts, field by field: types, enums, defaults,
// limits, required members. Constraints that span fields are Go rules in
// package lint.
package schema

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"
)

//go:embed *.json
var files embed.FS

// BaseURL is where the schema files are published; their $id is BaseURL + file
// name. Nothing is ever fetched from it.
const BaseURL = "https://github.com/brazelint/brazelint/raw/main/schema/"

// Files lists the embedded schema files: defs.json, then one per endpoint
// (see EndpointFiles).
var Files = embeddedSet.Files()

// EndpointFiles lists the embedded endpoint schemas: every file but
// defs.json, one per endpoint of lint's endpoint table.
func EndpointFiles() []string { return embeddedSet.EndpointFiles() }

// Source returns the text of an embedded schema file, e.g. "messages-send.json".
func Source(name string) ([]byte, error) { return files.ReadFile(name) }

// Format is a format the schemas use beyond the standard ones: Validate
// returns an error for a string that does not have it. Formats apply to
// strings only.
type Format struct {
	Name     string
	Validate func(string) error
}

// Formats are the formats the schemas use.
var Formats = []Format{
	{Name: "ascii", Validate: validateASCII},
	{Name: "braze-date-time", Validate: validateDateTime},
	{Name: "braze-date", Validate: validateDate},
}

// validateASCII accepts strings of ASCII characters only (send_id, MS-31).
func validateASCII(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return fmt.Errorf("non-ASCII character at byte %d", i)
		}
	}
	return nil
}

// dateTimeLayouts are the ISO 8601 datetimes Braze's docs use: the offset is Z,
// +hh:mm or +hhmm (their own example is 2019-07-22T13:17:55+0000, which RFC
// 3339 rejects; AUD-26, INC-27). Fractional seconds are accepted by time.Parse.
var (
	dateTimeLayouts    = []string{"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05Z0700"}
	compactOffsetFirst = []string{dateTimeLayouts[1], dateTimeLayouts[0]}
)

// ParseDateTime parses a datetime the way Braze's docs write them.
func ParseDateTime(s string) (time.Time, error) {
	if !dateTimeShaped(s) {
		return time.Time{}, errNotDateTime
	}
	// Try the layout the offset's shape calls for first: a failed time.Parse
	// allocates its error, and this runs on every datetime of every payload.
	layouts := dateTimeLayouts
	if n := len(s); n > 5 && s[n-1] != 'Z' && s[n-3] != ':' {
		layouts = compactOffsetFirst
	}
	var err error
	for _, layout := range layouts {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// errNotDateTime is the error of a string that both layouts of
// dateTimeLayouts reject whatever its digits: made once, as a failed
// time.Parse makes its error each time.
var errNotDateTime = errors.New("not a datetime written YYYY-MM-DDThh:mm:ss with an offset")

// dateTimeShaped reports whether s has what time.Parse needs of both
// dateTimeLayouts: a four-digit year, two-digit month and day after
// dashes, a T (the hour that follows may have one digit), and an offset
// (Z, + or -) after the seconds, which end at index 18 at the earliest.
func dateTimeShaped(s string) bool {
	if len(s) < len("2006-01-02T1:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return strings.ContainsAny(s[18:], "Z+-")
}

// validateDateTime accepts the datetimes ParseDateTime reads, and also a bare
// date: that is valid ISO 8601 but not a datetime, which the date-only rule
// reports as a warning (AUD-27), not as an error here.
func validateDateTime(s string) error {
	if len(s) == len(time.DateOnly) {
		_, err := time.Parse(time.DateOnly, s)
		return err
	}
	_, err := ParseDateTime(s)
	return err
}

// validateDate accepts a calendar date written YYYY-MM-DD, the one form the
// dob profile field takes (ATTR-8). A string holding Liquid is left to the
// Liquid checks: Braze renders it before it reads the date (INC-48).
func validateDate(s string) error {
	if strings.Contains(s, "{{") || strings.Contains(s, "{%") {
		return nil
	}
	_, err := time.Parse(time.DateOnly, s)
	return err
}
