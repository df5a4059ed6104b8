package main

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// compileExport compiles brazelint schema [--allow-unknown] ENDPOINT with a
// validator that knows no format, as another tool would.
func compileExport(t *testing.T, endpoint string, allowUnknown bool) *jsonschema.Schema {
	t.Helper()
	args := []string{"schema", endpoint}
	if allowUnknown {
		args = []string{"schema", "--allow-unknown", endpoint}
	}
	out, stderr, code := runCLI("", args...)
	if code != exitClean {
		t.Fatalf("brazelint %v: exit %d: %s", args, code, stderr)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("export.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("export.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAllowUnknownAgreesWithTheCommand validates every testdata payload with
// the --allow-unknown export of its endpoint: a payload the command reports
// no error for must be valid, so a validator in CI fails no payload
// brazelint passes. (A schema cannot fail all the payloads brazelint does:
// the rules across fields are brazelint's own.) Payloads with a null
// member are left out: brazelint reads a null optional member as absent
// (null-member, an info), which a schema cannot say. The default export,
// in turn, must refuse the payloads whose only finding is unknown-member.
func TestAllowUnknownAgreesWithTheCommand(t *testing.T) {
	t.Chdir("../..")
	open, closed := map[validate.Endpoint]*jsonschema.Schema{}, map[validate.Endpoint]*jsonschema.Schema{}
	for _, ep := range lint.Endpoints {
		open[ep] = compileExport(t, string(ep), true)
		closed[ep] = compileExport(t, string(ep), false)
	}
	checked, unknownOnly := 0, 0
	for _, file := range testdataFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ep, ok := validate.Detect(data)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if !ok || err != nil {
			continue
		}
		diags := validate.Config{}.Bytes(ep, data)
		if slices.ContainsFunc(diags, func(d lint.Diagnostic) bool { return d.Rule == lint.NullMember.ID || d.Rule == lint.EndpointUnknown.ID }) {
			continue
		}
		checked++
		hasError := slices.ContainsFunc(diags, func(d lint.Diagnostic) bool { return d.Severity == lint.Error })
		if err := open[ep].Validate(inst); err != nil && !hasError {
			t.Errorf("%s: brazelint reports no error, the --allow-unknown schema refuses it: %v", file, err)
		}
		if len(diags) > 0 && !slices.ContainsFunc(diags, func(d lint.Diagnostic) bool { return d.Rule != lint.UnknownMember.ID }) {
			unknownOnly++
			if closed[ep].Validate(inst) == nil {
				t.Errorf("%s: only unknown members, and the default schema accepts it", file)
			}
			if open[ep].Validate(inst) != nil {
				t.Errorf("%s: only unknown members, and the --allow-unknown schema refuses it", file)
			}
		}
	}
	t.Logf("%d payloads checked, %d with only unknown members", checked, unknownOnly)
	if checked < 500 || unknownOnly == 0 {
		t.Fatalf("checked %d payloads, %d with only unknown members: too few to mean anything", checked, unknownOnly)
	}
}
