// Package lint holds brazelint's rules and the types its diagnostics are made
// of. Package validate runs the rules over payload bytes; most callers need
// only validate.Bytes and the Diagnostic type from here.
//
// # The rule table
//
// Rules lists every rule, one line each, in the order validate runs the Go
// rules. A Rule carries a stable kebab-case ID, a default Severity, a
// one-line Title, a Doc (what it checks, why, how to fix a finding; the spec
// readings it relies on), the Spec ids it enforces and the Endpoints it
// applies to (nil for both). docs/rules.md, the README's rule table,
// `brazelint rules`, `brazelint explain` and SARIF rule metadata are all
// generated from these fields, so a rule is described in one place. RuleByID
// looks one up.
//
// A rule's findings come from one of three passes: the strict pass over the
// raw bytes (syntax_rules.go: json-syntax, json-duplicate-key, ...), the
// endpoint's JSON Schema (schema_rules.go; validate maps each schema error
// to one of these rules and writes its message), or the rule's own Check,
// for constraints that span fields. Only the last kind has a Check.
//
// # Pass
//
// A Check is given a Pass: the Endpoint and the payload's top-level object
// as a Value (Pass.Root), read in place on the tape the strict pass filled:
// Get, Elements, Members, Str, Number and the rest allocate nothing, and a
// member or element of the wrong JSON type reads as absent, since type
// errors are the schema's to report. It reports what it finds with
// Pass.Report (or Pass.ReportFix, with a Repair whose result is
// certain) at a Target: a JSON pointer, built with Pointer, and the part of
// the member there (ValueAt, KeyAt, MemberAt, or TextAt for a range of a
// string). A Check must not change the payload, must cost time linear in it,
// and must never panic, whatever the input.
//
// # Finding and Diagnostic
//
// A Finding is what a rule reports: places named by pointer, not yet
// located, so a clean payload never pays for locating. validate resolves
// each Finding's targets against the bytes into a Diagnostic: line, column
// and byte offset of start and end, related locations, and Fixes whose edits
// are byte ranges. Diagnostic is the public result; its JSON form (see
// Diagnostic) is what `brazelint --format json` and `brazelint serve` print.
//
// # Adding a rule
//
//  1. Write one file in this package declaring the rule as a *Rule variable,
//     with a Check for a Go rule (schema- and syntax-derived rules have none;
//     map a schema rule in validate/schemaerr.go).
//  2. Add it to the table in rules.go.
//  3. Add testdata/rules/<id>/bad*.json, which must report the rule, and
//     good*.json, which must report nothing at all.
//  4. Run BRAZELINT_UPDATE=1 go test ./... to regenerate the goldens,
//     docs/rules.md and the README's rule table, and review the diff.
//
// Messages say what is wrong and how to fix it, in lower case without a
// trailing period, and never quote payload values, which carry personal
// data.
package lint
