package lint

// Rules whose findings come from the embedded JSON Schemas (package schema).
// Package validate maps each schema error kind to one of these rules and writes
// the message; the schemas say what each field accepts.

var TypeMismatch = &Rule{
	ID: "type-mismatch", severity: Error,
	Title: "a value has the wrong JSON type",
	Doc: `Every field has one documented JSON type. The commonest defects, all in Braze's own examples,
are booleans and ids written as strings ("broadcast": "false"), a single string where an array
of strings is wanted, a single object where an array of objects is wanted, and placeholder
strings where a messaging object is wanted. trigger_properties must be an object, whose values
may be of any type (strings, numbers, booleans, dates, objects, arrays). A webhook body is a string or a JSON object (Braze
serializes an object); an array, number or boolean there is an error. The diagnostic covers the
value.`,
	Spec: []string{"MS-9", "MS-14", "MS-18", "MS-20", "MS-35", "MS-41", "TS-7", "TS-9", "TS-12", "TS-19", "TS-33", "TS-37", "TS-38", "TS-41", "REC-9", "TS-11", "TP-3", "OBJ-WA-13", "OBJ-WEBHOOK-4", "INC-42", "EX-1", "EX-2", "EX-3", "EX-4", "EX-5", "EX-10", "EX-11", "ATTR-6", "ATTR-10", "ATTR-13", "CV-4", "CV-5", "CV-8", "CV-11", "CV-14", "CV-15", "CV-16", "SCH-1", "SCH-13", "TX-3", "TX-7", "TX-8"},
}

var EnumValue = &Rule{
	ID: "enum-value", severity: Error,
	Title: "a value is not one of the allowed values",
	Doc:   `The field accepts a fixed set of strings, spelled exactly (case matters). The message lists them.`,
	Spec:  []string{"MS-36", "TS-27", "PRIO-1", "AUD-22", "AUD-23", "AUD-25", "ATTR-5", "ATTR-6", "ATTR-7"},
}

var RequiredMember = &Rule{
	ID: "required-member", severity: Error,
	Title: "a required member is missing",
	Doc: `The object lacks a member Braze requires, such as campaign_id on /campaigns/trigger/send,
messages on /messages/send, or either half of a user alias. A CLASSIC or CAPTIONED_IMAGE content
card needs title and description (a BANNER card neither); a WhatsApp flow_response_message needs
body and flow_button, and the button both caption and flow_id. The diagnostic covers the object
that should hold the member. A required member whose value is null is missing too (Braze reads
null as absent, INC-37): that diagnostic covers the member.`,
	Spec: []string{"TS-7", "MS-39", "ALIAS-1", "TS-42", "AUD-11", "AUD-22", "AUD-25", "OBJ-CARD-2", "OBJ-WA-13", "OBJ-WA-14", "ATTR-6", "ATTR-13", "INC-37", "CV-4", "SCH-1", "SCH-21", "SCH-28", "TX-3"},
}

var NullMember = &Rule{
	ID: "null-member", severity: Info,
	Title: "an optional member is null",
	Doc: `No page says what null means in a send body, but clients that build bodies from dicts and hashes
send "campaign_id": null or "reply_to": null for everything not configured, and Braze has taken
such bodies for years: it reads null as absent. So does brazelint, in the schema and in every Go
rule ("campaign_id": null asks for no message_variation_id, "broadcast": null is no broadcast).
Leave the member out. A null required member is a required-member error instead; null inside an
array (external_user_ids: [null]) stays a type-mismatch error; where null is an ordinary value (in
trigger_properties, extra and other free-form objects) there is no finding (INC-37).`,
	Spec: []string{"INC-37"},
}

var UnknownMember = &Rule{
	ID: "unknown-member", severity: Warning,
	Title: "a member is not documented for this object",
	Doc: `The member is not part of the documented object. It is most often a typo or a field of another
endpoint; Braze may also have added a field since the specification was written, so this is a
warning. The diagnostic points at the member's name and suggests the closest documented name
whose value type fits, or says what that name takes. A member another endpoint spells
differently gets this endpoint's spelling: override_messaging_limits (/messages/schedule/create)
is override_frequency_capping on /messages/send (MS-52, INC-53).`,
	Spec: []string{"MS-5", "MS-6", "MS-52", "TS-4", "TS-5", "ALIAS-3", "OBJ-GEN-8", "INC-53", "CV-3", "SCH-1", "SCH-12", "SCH-13", "SCH-21", "TX-3", "TX-5"},
}

var UnknownMessageType = &Rule{
	ID: "unknown-message-type", severity: Error,
	Title: "messages holds a key that is not a messaging object",
	Doc: `messages takes only the nine documented keys: android_push, apple_push, content_card, email,
kindle_push, web_push, webhook, whats_app and sms. Any other key names no channel.
(windows_phone8_push and windows_universal_push are reported by legacy-message-type instead.)`,
	Spec: []string{"MS-40", "MS-42"},
}

var UnknownFilter = &Rule{
	ID: "unknown-filter", severity: Error,
	Title: "an audience node holds a key that is not a filter or operator",
	Doc: `A connected audience node is one of AND, OR (each an array of nodes) or one of the four
documented filters: custom_attribute, push_subscription_status, email_subscription_status and
last_used_app. Operators are upper case; there is no NOT and no SMS subscription filter.`,
	Spec: []string{"AUD-1", "AUD-2", "AUD-4", "AUD-7", "AUD-24"},
}

var UnknownFilterField = &Rule{
	ID: "unknown-filter-field", severity: Error,
	Title: "a custom_attribute filter holds a field it does not have",
	Doc: `A custom_attribute filter has at most three fields: custom_attribute_name, comparison and value.
Any other field is a typo or a misplaced filter, and the filter would not test what was meant.
(Extra fields in the other filters get the unknown-member warning: their docs do not say.)`,
	Spec: []string{"AUD-10"},
}

var UnknownComparison = &Rule{
	ID: "unknown-comparison", severity: Error,
	Title: "a custom_attribute comparison is not one Braze knows",
	Doc: `comparison must be one of the 18 comparisons Braze documents today, or the legacy
does_not_equal (accepted; boolean-not-equal warns about it). Which ones are valid depends on the
attribute's data type:

- string: equals, not_equal, matches_regex, does_not_match_regex, exists, does_not_exist
- array: includes_value, does_not_include_value, exists, does_not_exist
- numeric: equals, not_equal, greater_than, greater_than_or_equal_to, less_than,
  less_than_or_equal_to, exists, does_not_exist
- boolean: equals, not_equal, exists, does_not_exist (earlier docs: does_not_equal)
- time: less_than_x_days_ago, greater_than_x_days_ago, less_than_x_days_in_the_future,
  greater_than_x_days_in_the_future, after, before, exists, does_not_exist

The message suggests the comparison meant (contains is includes_value, gt is greater_than) and
lists the ones that fit the filter's value.`,
	Spec: []string{"AUD-12", "AUD-13", "INC-23"},
}

var ComparisonValue = &Rule{
	ID: "comparison-value", severity: Error,
	Title: "a custom_attribute value does not fit its comparison",
	Doc: `Each comparison implies a data type and takes one kind of value: greater_than and the other
numeric comparisons a number (not "5"); the _x_days_ comparisons a number of days; after and
before an ISO 8601 datetime string; matches_regex and does_not_match_regex a string; equals,
not_equal (for strings, numbers and booleans alike, and its legacy spelling does_not_equal),
includes_value and does_not_include_value a single string, number or boolean, not an array. Every comparison but exists and does_not_exist needs a value. The diagnostic covers the
value (or the filter, when value is missing), names the data type the comparison implies, and
lists the comparisons that fit the value given.`,
	Spec: []string{"AUD-12", "AUD-14", "AUD-15", "AUD-16", "AUD-17", "AUD-18", "AUD-19", "AUD-20", "AUD-21"},
}

var WrongEndpointMember = &Rule{
	ID: "wrong-endpoint-member", severity: Error,
	Title: "a member belongs to another endpoint",
	Doc: `The member is a field of another Braze endpoint, which signals a payload built for the wrong
endpoint: recipients on /messages/send; messages, external_user_ids, user_aliases or segment_id on
/campaigns/trigger/send; a top-level context or canvas_entry_properties (Canvas context, which
belongs to /canvas/trigger/send) on either. Braze does not act on it, so the message would not go
where it was meant to. (A recipient's context on /campaigns/trigger/send is the recipient-context
warning instead.)`,
	Spec: []string{"MS-6", "MS-51", "TS-5", "TS-6", "TS-56", "TP-8", "INC-1", "INC-5", "INC-26", "INC-47", "CV-3", "CV-18", "SCH-21", "TX-3"},
}

var EmptyString = &Rule{
	ID: "empty-string", severity: Error,
	Title: "an identifier or required string is empty",
	Doc: `Identifiers (campaign_id, segment_id, external ids, alias names and labels) and required
strings such as attachment names and URLs must not be empty.`,
	Spec: []string{"MS-14", "MS-20", "TS-7", "TS-42", "ALIAS-1", "REC-10", "EX-9", "CV-4", "SCH-3"},
}

var ArrayLength = &Rule{
	ID: "array-length", severity: Error,
	Title: "an array has too few or too many elements",
	Doc: `The array must hold at least or at most the documented number of elements, e.g. a non-empty
prioritization list, or AND/OR operators with at least one node.`,
	Spec: []string{"PRIO-1", "AUD-5"},
}

var MemberCount = &Rule{
	ID: "member-count", severity: Error,
	Title: "an object has too few or too many members",
	Doc: `messages must name at least one messaging object; a connected audience node holds exactly one
filter or one AND/OR operator.`,
	Spec: []string{"MS-39", "AUD-3", "AUD-7", "INC-34"},
}

var StringTooLong = &Rule{
	ID: "string-too-long", severity: Error,
	Title: "a string is longer than allowed",
	Doc: `The string is longer than its documented limit, counted in characters (Unicode code points):
send_id holds at most 64, a WhatsApp flow button's caption at most 20.`,
	Spec: []string{"MS-31", "TS-8", "OBJ-WA-14"},
}

var InvalidFormat = &Rule{
	ID: "invalid-format", severity: Error,
	Title: "a string does not have the required form",
	Doc: `The string must have a documented form: send_id is ASCII only; datetimes are ISO 8601 with a
time and an offset (2019-07-22T13:17:55Z, +00:00 or +0000, as Braze's own examples write it); dob in
a recipient's attributes is a date written YYYY-MM-DD, e.g. 1980-12-21 (ATTR-8).`,
	Spec: []string{"MS-31", "TS-8", "AUD-16", "AUD-25", "AUD-26", "INC-27", "ATTR-8", "TX-7"},
}

var NumberRange = &Rule{
	ID: "number-range", severity: Error,
	Title: "a number is outside its documented range",
	Doc: `The number must lie in its documented range: android_push time_to_live at most 2,419,200
seconds (28 days), content_card time_to_live at most 2,592,000 (30 days), apple_push
relevance_score from 0 to 1 and apns_priority from 1 to 10, and no negative time_to_live.`,
	Spec: []string{"OBJ-ANDROID-7", "OBJ-APPLE-5", "OBJ-APPLE-6", "OBJ-CARD-5"},
}

var ExclusiveMembers = &Rule{
	ID: "exclusive-members", severity: Error,
	Title: "an object holds members that exclude each other",
	Doc: `Some members cannot appear together: an android_push with send_to_sync: true (a silent push)
may not carry alert or title, and a WhatsApp quick reply takes header_image_uri or header_text,
not both. Remove one of them.`,
	Spec: []string{"OBJ-ANDROID-3", "OBJ-WA-9", "INC-25"},
}

var ReservedKey = &Rule{
	ID: "reserved-key", severity: Error,
	Title: "an extra uses a key Braze reserves",
	Doc:   `Braze rejects an apple_push whose extra holds the key ab or aps: they are its own. Rename the key.`,
	Spec:  []string{"OBJ-APPLE-4"},
}

var MessageTypeField = &Rule{
	ID: "message-type-field", severity: Error,
	Title: "a WhatsApp message holds a field of another message_type",
	Doc: `The fields of a whats_app message depend on its message_type: a template_message has
template_name and the variables, a text_response_message a body, a flow_response_message a
body and a flow_button, and so on. A field of another type means the message_type or the message
is not what was meant. (A field no type has is an unknown-member warning instead, and so is a
field the unconfirmed carousel_response_message does not declare; a renamed header field is a
whatsapp-header warning.)`,
	Spec: []string{"OBJ-WA-2"},
}

var SchemaMismatch = &Rule{
	ID: "schema-mismatch", severity: Error,
	Title: "a value does not match the schema",
	Doc: `The value breaks a schema constraint that has no more specific rule.
The message names the constraint. No constraint of the current schemas ends up here; the rule
keeps a schema change from ever going unreported.`,
}
