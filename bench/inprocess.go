package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// measure is the cost of one pass over the corpus, per payload.
type measure struct {
	us     float64 // wall time per payload, µs: the median pass
	allocs float64 // heap allocations per payload
	bytes  float64 // heap bytes allocated per payload
}

// timePasses runs each of passFns once per round, rounds times, after a
// garbage collection so one pass's garbage is not charged to the next, and
// returns for each the median pass's time and its allocations. The passes
// take turns so that other work on the machine falls on all of them alike.
func timePasses(rounds, payloads int, passFns ...func() error) ([]measure, error) {
	type result struct {
		elapsed       time.Duration
		mallocs, heap uint64
	}
	results := make([][]result, len(passFns))
	var before, after runtime.MemStats
	for range rounds {
		for i, pass := range passFns {
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			if err := pass(); err != nil {
				return nil, err
			}
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			results[i] = append(results[i], result{elapsed, after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc})
		}
	}
	ms := make([]measure, len(passFns))
	n := float64(payloads)
	for i, rs := range results {
		slices.SortFunc(rs, func(a, b result) int { return int(a.elapsed - b.elapsed) })
		m := rs[len(rs)/2]
		ms[i] = measure{m.elapsed.Seconds() * 1e6 / n, float64(m.mallocs) / n, float64(m.heap) / n}
	}
	return ms, nil
}

// findingsSeen keeps the diagnostics' positions in use, so a pass cannot
// skip the work of locating them.
var findingsSeen int

func seeDiagnostics(ds []lint.Diagnostic) {
	for _, d := range ds {
		findingsSeen += d.Start.Line + d.End.Column
	}
}

// ndjsonPass is the library loop a service or pipeline writes:
// validate.NDJSON over the corpus file, every diagnostic located.
func ndjsonPass(c *corpus) func() error {
	return func() error {
		f, err := os.Open(c.path(corpusFile))
		if err != nil {
			return err
		}
		defer f.Close()
		return validate.NDJSON(validate.Auto, f, func(r validate.Record) error {
			seeDiagnostics(r.Diagnostics)
			return nil
		})
	}
}

// splitLines reads the corpus into memory, one slice per line.
func splitLines(c *corpus) ([][]byte, error) {
	data, err := os.ReadFile(c.path(corpusFile))
	if err != nil {
		return nil, err
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if len(lines) != len(c.labels) {
		return nil, fmt.Errorf("%s has %d lines, its labels %d", corpusFile, len(lines), len(c.labels))
	}
	return lines, nil
}

// bytesPass is validate.Bytes over lines already in memory: the library
// without reading and splitting the stream.
func bytesPass(lines [][]byte) func() error {
	return func() error {
		for _, line := range lines {
			seeDiagnostics(validate.Bytes(validate.Auto, line))
		}
		return nil
	}
}

// decodeFilePass is the floor of ndjsonPass: the file read line by line the
// same way, each line decoded into any by encoding/json, no validation.
func decodeFilePass(c *corpus) func() error {
	return func() error {
		f, err := os.Open(c.path(corpusFile))
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), validate.DefaultMaxBytes)
		for line := 1; sc.Scan(); line++ {
			var v any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
		}
		return sc.Err()
	}
}

// decodePass is the floor of bytesPass: encoding/json decoding each line in
// memory into any, with no validation at all.
func decodePass(lines [][]byte) func() error {
	return func() error {
		for i, line := range lines {
			var v any
			if err := json.Unmarshal(line, &v); err != nil {
				return fmt.Errorf("line %d: %w", i+1, err)
			}
		}
		return nil
	}
}

// smallPayload is a typical small valid /messages/send body, about 1 KB:
// a few users, an email and an Apple push, tracked under a campaign.
var smallPayload = []byte(`{
  "external_user_ids": ["user-0042137", "a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b", "mei.tanaka.17"],
  "campaign_id": "4c6b2f9e-1d3a-4e5f-9a8b-7c6d5e4f3a2b",
  "send_id": "send-spring-2041",
  "recipient_subscription_state": "subscribed",
  "messages": {
    "email": {
      "app_id": "0e5d4c3b-2a19-4f8e-b7d6-c5b4a3928170",
      "from": "Blue Fern <news@bluefern.example.com>",
      "reply_to": "support@example.com",
      "subject": "Flash sale: 30% off everything until midnight.",
      "body": "<html><body>\n<p>Hi {{${first_name} | default: 'there'}}, new arrivals just landed in your favorite category.</p>\n<p>Earn double points on every purchase this weekend. A price you were watching just dropped.</p>\n</body></html>",
      "preheader": "Don't miss out: this week's offers from Blue Fern end on Sunday at midnight.",
      "message_variation_id": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
    },
    "apple_push": {
      "alert": {"title": "Blue Fern", "body": "Flash sale: 30% off everything until midnight."},
      "sound": "default",
      "custom_uri": "bluefern://offers/20417",
      "message_variation_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    }
  }
}
`)

// smallBenchmark runs validate.Bytes on smallPayload with the testing
// package's benchmark loop, for the allocs/op a `go test -bench` would show.
func smallBenchmark() (testing.BenchmarkResult, error) {
	if ds := validate.Bytes(validate.MessagesSend, smallPayload); len(ds) > 0 {
		return testing.BenchmarkResult{}, fmt.Errorf("the small benchmark payload is not clean: %s at %s (%s)", ds[0].Message, ds[0].Pointer, ds[0].Rule)
	}
	return testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			validate.Bytes(validate.MessagesSend, smallPayload)
		}
	}), nil
}
