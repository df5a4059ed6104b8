package brazeserver_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/brazelint/brazelint/brazeserver"
)

// loadClient is a client for many requests at once to one loopback server:
// it keeps a connection per worker instead of dialing for each request.
func loadClient(workers int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, DisableCompression: true}}
}

// sendOnce posts body and drains the answer; it returns the status.
func sendOnce(client *http.Client, url, body string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer load-key")
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// TestLoad sends 20,000 requests from 32 goroutines over loopback: every one
// is answered as its body deserves and every one is recorded. It logs the
// throughput and the 99th percentile latency. With -short it sends 2,000.
func TestLoad(t *testing.T) {
	const workers = 32
	total := 20_000
	if testing.Short() {
		total = 2_000
	}
	srv := brazeserver.New(brazeserver.Options{Keep: total})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := loadClient(workers)
	defer client.CloseIdleConnections()

	// Three of four requests are valid; every fourth is rejected. Each body
	// is unique, so that the log can be checked for every one.
	type job struct {
		path, body string
		want       int
	}
	jobOf := func(i int) job {
		switch i % 4 {
		case 0:
			return job{"/messages/send", fmt.Sprintf(`{"external_user_ids": ["user-%d"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`, i), 201}
		case 1:
			return job{"/campaigns/trigger/send", fmt.Sprintf(`{"campaign_id": "camp-1", "send_id": "send-%d", "recipients": [{"external_user_id": "u%d"}]}`, i, i), 201}
		case 2:
			return job{"/messages/send", fmt.Sprintf(`{"broadcast": true, "segment_id": "seg-%d", "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`, i), 201}
		default:
			return job{"/messages/send", fmt.Sprintf(`{"external_user_ids": "user-%d", "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`, i), 400}
		}
	}

	var next atomic.Int64
	latencies := make([][]time.Duration, workers)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	began := time.Now()
	for w := range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= total {
					return
				}
				j := jobOf(i)
				t0 := time.Now()
				status, err := sendOnce(client, ts.URL+j.path, j.body)
				latencies[w] = append(latencies[w], time.Since(t0))
				if err == nil && status != j.want {
					err = fmt.Errorf("request %d to %s: status %d, want %d", i, j.path, status, j.want)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}

	all := slices.Concat(latencies...)
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	t.Logf("%d requests from %d goroutines in %v: %.0f req/s; latency p50 %v, p99 %v, max %v",
		total, workers, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond))

	log := srv.Requests()
	if log.Received != int64(total) || log.Dropped != 0 || len(log.Requests) != total {
		t.Fatalf("received %d, dropped %d, kept %d; want %d, 0, %d", log.Received, log.Dropped, len(log.Requests), total, total)
	}
	// Every body arrived once, with its answer, and the sequence has no gap.
	seen := make(map[string]bool, total)
	dispatch := make(map[string]bool, total)
	for i, r := range log.Requests {
		if r.Seq != int64(i+1) {
			t.Fatalf("request %d has seq %d", i, r.Seq)
		}
		seen[r.Body] = true
		if r.DispatchID != "" {
			if dispatch[r.DispatchID] {
				t.Errorf("dispatch_id %s given twice", r.DispatchID)
			}
			dispatch[r.DispatchID] = true
		}
	}
	for i := range total {
		j := jobOf(i)
		if !seen[j.body] {
			t.Errorf("request %d is not in the log", i)
		}
	}
	if want := total - total/4; len(dispatch) != want {
		t.Errorf("%d dispatch ids, want %d", len(dispatch), want)
	}
}

// BenchmarkServe measures requests a second through a loopback server, from
// as many goroutines as GOMAXPROCS (-cpu sets it), with a clean body.
func BenchmarkServe(b *testing.B) {
	ts := httptest.NewServer(brazeserver.New(brazeserver.Options{}))
	defer ts.Close()
	client := loadClient(64)
	defer client.CloseIdleConnections()
	body := []byte(validSend)
	url := ts.URL + "/messages/send"
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer bench-key")
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "req/s")
}
