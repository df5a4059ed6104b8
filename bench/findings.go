package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/validate"
)

// findingsTiming is the cost of a finding: validate.Bytes on payloads with
// many of them, at two sizes, and the command on the limits case.
type findingsTiming struct {
	shapes []findingsShape
	// cli is the command's wall time on a valid payload plus 80,000 unknown
	// members (testdata/limits), median of a few runs.
	cli time.Duration
}

type findingsShape struct {
	name string
	// usPerFinding at each of findingsSizes.
	usPerFinding []float64
}

// findingsSizes are the finding counts measured: the cost per finding must
// not grow from the first to any other. 80,000 is the count, as
// many as the limits case has unknown members.
var findingsSizes = []int{1000, 10000, 80000}

// cliUnknownMembers is the size of the command's case.
const cliUnknownMembers = 80000

// manyFindingsShapes build payloads with about n findings each.
var manyFindingsShapes = []struct {
	name  string
	build func(n int) []byte
}{
	{"unknown members at the top level", testpayload.ValidPlusUnknown},
	// Four findings per recipient, deep in a long array: a type error, an
	// unknown member, a numeric id and an unclosed Liquid output.
	{"four per recipient of a long array", func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"campaign_id": "c", "recipients": [`)
		for i := range n / 4 {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"external_user_id": %d, "send_to_existing_only": "yes", "colour": 1, "trigger_properties": {"t": "{{ x"}}`, i+1)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}},
}

func timeFindings(b binaries, dir string, runs int) (findingsTiming, error) {
	var ft findingsTiming
	for _, shape := range manyFindingsShapes {
		s := findingsShape{name: shape.name}
		for _, n := range findingsSizes {
			data := shape.build(n)
			found := len(validate.Config{MaxDiagnostics: 1 << 30}.Bytes(validate.Auto, data))
			if found < n*9/10 {
				return ft, fmt.Errorf("%s: %d findings, want about %d", shape.name, found, n)
			}
			r := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					validate.Bytes(validate.Auto, data)
				}
			})
			s.usPerFinding = append(s.usPerFinding, float64(r.NsPerOp())/1e3/float64(found))
		}
		ft.shapes = append(ft.shapes, s)
	}
	path := dir + "/unknown-members.json"
	if err := os.WriteFile(path, testpayload.ValidPlusUnknown(cliUnknownMembers), 0o644); err != nil {
		return ft, err
	}
	defer os.Remove(path)
	var walls []time.Duration
	for range runs {
		d, err := runQuiet(exec.Command(b.brazelint, "--no-config", path))
		if err != nil {
			return ft, err
		}
		walls = append(walls, d)
	}
	ft.cli = median(walls)
	return ft, nil
}
