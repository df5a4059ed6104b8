package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

func TestGeneratorIsDeterministic(t *testing.T) {
	a, b, other := newGen(7), newGen(7), newGen(8)
	differs := false
	for i := range 500 {
		pa, pb, po := a.next(), b.next(), other.next()
		ja, jb := appendJSON(nil, pa.root, false), appendJSON(nil, pb.root, false)
		if !bytes.Equal(ja, jb) || pa.label() != pb.label() {
			t.Fatalf("payload %d differs between two generators with seed 7:\n%s\n%s", i, ja, jb)
		}
		if !bytes.Equal(ja, appendJSON(nil, po.root, false)) {
			differs = true
		}
	}
	if !differs {
		t.Error("seeds 7 and 8 gave the same 500 payloads")
	}
}

func TestGeneratorMix(t *testing.T) {
	const n = 5000
	g := newGen(1)
	kinds := map[string]int{}
	endpoints := map[string]int{}
	for range n {
		p := g.next()
		kinds[p.defect]++
		endpoints[p.endpoint]++
		// The ajv runner picks the schema by these members.
		_, hasMessages := p.root.get("messages")
		_, hasCampaign := p.root.get("campaign_id")
		if hasMessages != (p.endpoint == messagesSend) || (p.endpoint == campaignsTriggerSend && !hasCampaign) {
			t.Fatalf("a %s payload (%s) has messages %v, campaign_id %v", p.endpoint, p.defect, hasMessages, hasCampaign)
		}
	}
	if share := float64(kinds[""]) / n; share < 0.67 || share > 0.73 {
		t.Errorf("%.1f%% of the payloads have no defect, want about 70%%", 100*share)
	}
	for _, d := range defectKinds {
		if kinds[d.name] < n*3/100 {
			t.Errorf("defect %s in %d of %d payloads, want about %d", d.name, kinds[d.name], n, n*3/10/len(defectKinds))
		}
	}
	for _, ep := range []string{messagesSend, campaignsTriggerSend} {
		if endpoints[ep] < n/3 {
			t.Errorf("%d of %d payloads for %s, want about half", endpoints[ep], n, ep)
		}
	}
}

// checkVerdict validates p, compact and pretty-printed, and fails when
// brazelint's verdict is not the label's.
func checkVerdict(t *testing.T, i int, p payload) {
	t.Helper()
	l := p.label()
	for _, indent := range []bool{false, true} {
		data := appendJSON(nil, p.root, indent)
		var errs []string
		for _, d := range validate.Bytes(validate.Auto, data) {
			if d.Severity == lint.Error {
				errs = append(errs, d.Rule+" at "+d.Pointer)
			}
		}
		if (len(errs) == 0) != l.Valid {
			t.Errorf("payload %d (%s, defect %q, indent %v): label says valid=%v, brazelint found errors %v\n%s",
				i, l.Endpoint, l.Defect, indent, l.Valid, errs, data)
		}
	}
}

func TestSampleVerdictsMatchLabels(t *testing.T) {
	g := newGen(1)
	for i := range 300 {
		checkVerdict(t, i, g.next())
	}
}

func TestEveryDefectGetsItsVerdict(t *testing.T) {
	g := newGen(3)
	for _, d := range defectKinds {
		for i := range 15 {
			checkVerdict(t, i, g.defective(d))
		}
	}
}

func TestCompactAndPrettyAreTheSameJSON(t *testing.T) {
	g := newGen(5)
	for i := range 100 {
		p := g.next()
		var compact, pretty any
		if err := json.Unmarshal(appendJSON(nil, p.root, false), &compact); err != nil {
			t.Fatalf("payload %d: compact output is not JSON: %v", i, err)
		}
		if err := json.Unmarshal(appendJSON(nil, p.root, true), &pretty); err != nil {
			t.Fatalf("payload %d: pretty output is not JSON: %v", i, err)
		}
		if !reflect.DeepEqual(compact, pretty) {
			t.Fatalf("payload %d: compact and pretty output differ", i)
		}
	}
}

func TestAppendStringEscapes(t *testing.T) {
	got := string(appendJSON(nil, "a\"b\\c\nd\x01<é>", false))
	if want := `"a\"b\\c\nd\u0001<é>"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
