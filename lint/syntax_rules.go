package lint

// Rules whose findings come from the strict pass over the raw bytes, before any
// schema or Go rule runs. Their logic is in package validate.

var JSONSyntax = &Rule{
	ID: "json-syntax", severity: Error,
	Title: "the payload is not well-formed JSON",
	Doc: `The body must be one well-formed JSON text (RFC 8259). The diagnostic points at the first byte
that cannot continue the JSON grammar, or at the end of the input when it stops early. Nothing
else is checked until it parses.`,
	Spec: []string{"MS-5", "TS-4"},
}

var JSONInvalidUTF8 = &Rule{
	ID: "json-invalid-utf8", severity: Error,
	Title: "the payload is not valid UTF-8",
	Doc: `JSON text exchanged between systems must be UTF-8 (RFC 8259 section 8.1), and Braze asks for
UTF-8 message text. The diagnostic points at the first byte that does not form a UTF-8 character;
re-save the file as UTF-8.`,
	Spec: []string{"MS-7"},
}

var JSONDuplicateKey = &Rule{
	ID: "json-duplicate-key", severity: Error,
	Title: "an object names the same member twice",
	Doc: `A member name appears twice in one object. Parsers silently keep one of the values (most keep
the last), so the payload does not say what it seems to. The diagnostic points at the second
occurrence, with the first as related location; brazelint checks the rest of the payload as
if the last value were the only one. The user attributes page's own sketch repeats email and
its array attributes this way (EX-21).`,
	Spec: []string{"MS-43", "EX-21"},
}

var JSONTrailingData = &Rule{
	ID: "json-trailing-data", severity: Error,
	Title: "there is data after the JSON value",
	Doc: `A request body holds exactly one JSON value. Anything but white space after it (a second
object, a stray bracket, a comment) makes the body invalid. The rest of the first value is
still checked.`,
	Spec: []string{"MS-5", "TS-4"},
}

var JSONNotObject = &Rule{
	ID: "json-not-object", severity: Error,
	Title: "the payload is not a JSON object",
	Doc: `Both endpoints take one JSON object as the request body. An array (even of payloads), a string
or a number is rejected. To send several payloads, send several requests.`,
	Spec: []string{"MS-5", "TS-4"},
}

var JSONBOM = &Rule{
	ID: "json-bom", severity: Warning,
	Title: "the payload starts with a byte order mark",
	Doc: `RFC 8259 section 8.1 forbids a byte order mark at the start of transmitted JSON; parsers may
ignore it or reject the body. Braze does not document which, so this is a warning. Save the
file as UTF-8 without BOM. The rest of the payload is checked as if the mark were absent.`,
}

var JSONTooDeep = &Rule{
	ID: "json-too-deep", severity: Error,
	Title: "objects and arrays are nested too deeply",
	Doc: `brazelint stops at a nesting depth of 64 objects and arrays by default (validate.Config.MaxDepth,
--max-depth), so that hostile input cannot exhaust memory or stack. Real payloads stay far below:
a connected audience nested ten AND/OR levels deep uses about 25. The diagnostic points at the
bracket that goes one level too deep.`,
	Spec: []string{"AUD-6"},
}

var InputTooLarge = &Rule{
	ID: "input-too-large", severity: Error,
	Title: "the payload is larger than the configured limit",
	Doc: `brazelint checks payloads up to 4 MiB by default (validate.Config.MaxBytes, --max-bytes): room
for 50 recipients with 50 KB of trigger properties each. A larger input is not parsed; the
diagnostic points at the first byte past the limit.`,
	Spec: []string{"TS-10", "TS-20"},
}

var EndpointUnknown = &Rule{
	ID: "endpoint-unknown", severity: Error,
	Title: "the endpoint of the payload cannot be told from its members",
	Doc: `With --endpoint auto (the default) brazelint picks the endpoint from the members each one alone
accepts: messages, external_user_ids, user_aliases, segment_id, override_frequency_capping and
recipient_subscription_state for /messages/send; recipients, trigger_properties, attachments and
campaign_id (required there) for /campaigns/trigger/send. The endpoint with more of its members
wins; a tie goes to /messages/send when messages is present and to /campaigns/trigger/send
otherwise. A payload with none of them cannot be placed: name the endpoint with --endpoint.`,
}

var TooManyFindings = &Rule{
	ID: "too-many-findings", severity: Warning,
	Title: "the payload has more findings than are shown",
	Doc: `brazelint reports at most 200 findings per payload by default (validate.Config.MaxDiagnostics,
--max-diagnostics), so that hostile or badly broken input cannot flood a log or exhaust memory. The
findings kept are the first by position; this one stands in for the rest, at the first one left
out, says how many there are, and takes the severity of the worst of them, so the exit status
does not change. Fix the first findings, which often cause the others, or raise the limit.`,
}
