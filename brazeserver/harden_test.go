package brazeserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brazelint/brazelint/brazeserver"
)

// getLog lists the request log through HTTP, with auth when not "", and
// decodes it.
func getLog(t *testing.T, url, query, auth string) (brazeserver.RequestLog, answer) {
	t.Helper()
	a := do(t, http.MethodGet, url+brazeserver.RequestsPath+query, auth, "", "")
	var log brazeserver.RequestLog
	if a.status == http.StatusOK {
		if err := json.Unmarshal([]byte(a.raw), &log); err != nil {
			t.Fatalf("GET %s%s: %v", brazeserver.RequestsPath, query, err)
		}
	}
	return log, a
}

func seqs(log brazeserver.RequestLog) []int64 {
	var out []int64
	for _, r := range log.Requests {
		out = append(out, r.Seq)
	}
	return out
}

// Issue 22: /messages%2Fsend was routed as /messages/send. A path matches as
// sent, escapes included, and is recorded so.
func TestEscapedPathIsNotTheEndpoint(t *testing.T) {
	s, url := start(t, brazeserver.Options{})
	for _, path := range []string{"/messages%2Fsend", "/messages/%73end", "/campaigns%2Ftrigger%2Fsend", "/campaigns/trigger%2Fsend"} {
		if a := post(t, url+path, validSend); a.status != http.StatusNotFound || a.raw != notFoundBody {
			t.Errorf("POST %s: status %d, body %q; want 404", path, a.status, a.raw)
		}
		if got := lastRequest(t, s).Path; got != path {
			t.Errorf("POST %s recorded as path %q", path, got)
		}
	}
	if _, a := getLog(t, url, "", ""); a.status != http.StatusOK {
		t.Fatalf("GET %s: status %d", brazeserver.RequestsPath, a.status)
	}
	if a := do(t, http.MethodGet, url+"/_brazelint%2Frequests", "", "", ""); a.status != http.StatusNotFound {
		t.Errorf("GET /_brazelint%%2Frequests: status %d, want 404", a.status)
	}
	if a := post(t, url+"/messages/send", validSend); a.status != http.StatusCreated {
		t.Errorf("POST /messages/send: status %d, want 201", a.status)
	}
}

// Issue 22: with two Content-Encoding headers only the first was read. Every
// header and every coding in each is read; any but identity is 415.
func TestEveryContentEncodingIsRead(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	for _, tt := range []struct {
		encodings []string
		want      int
	}{
		{[]string{"identity", "gzip"}, 415},
		{[]string{"gzip", "identity"}, 415},
		{[]string{"identity, br"}, 415},
		{[]string{"identity", ""}, 201},
		{[]string{"identity", "Identity, identity"}, 201},
	} {
		req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", strings.NewReader(validSend))
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		req.Header["Content-Encoding"] = tt.encodings
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Content-Encoding %q: status %d, want %d", tt.encodings, resp.StatusCode, tt.want)
		}
	}
}

// Issue 22: the request log needed no key even with keys set. With
// Options.APIKeys it takes one of them (any permission), GET and DELETE;
// without, none.
func TestRequestLogTakesAKey(t *testing.T) {
	s, url := start(t, brazeserver.Options{APIKeys: []string{"key-a", "key-b"},
		Permissions: map[string][]string{"key-b": {}}})
	if a := do(t, http.MethodPost, url+"/messages/send", "Bearer key-a", "application/json", validSend); a.status != http.StatusCreated {
		t.Fatalf("send: status %d", a.status)
	}
	for _, auth := range []string{"", "Bearer key-x", "Bearer", `Bearer "key-a"`, "key-a"} {
		for _, method := range []string{http.MethodGet, http.MethodDelete} {
			a := do(t, method, url+brazeserver.RequestsPath, auth, "", "")
			if a.status != http.StatusUnauthorized || a.raw != unauthorizedBody || strings.Contains(a.raw, "user-1") {
				t.Errorf("%s with %q: status %d, body %q; want 401", method, auth, a.status, a.raw)
			}
		}
	}
	if log := s.Requests(); log.Received != 1 {
		t.Fatalf("a DELETE without a key cleared the log: %+v", log)
	}
	for _, key := range []string{"key-a", "key-b"} {
		log, a := getLog(t, url, "", "Bearer "+key)
		if a.status != http.StatusOK || len(log.Requests) != 1 || log.Requests[0].Body != validSend {
			t.Errorf("GET with %s: status %d, %d requests", key, a.status, len(log.Requests))
		}
	}
	if a := do(t, http.MethodDelete, url+brazeserver.RequestsPath, "Bearer key-b", "", ""); a.status != http.StatusNoContent {
		t.Errorf("DELETE with key-b: status %d, want 204", a.status)
	}
	if log := s.Requests(); log.Received != 0 {
		t.Errorf("DELETE with a key did not clear: %+v", log)
	}

	_, open := start(t, brazeserver.Options{})
	if _, a := getLog(t, open, "", ""); a.status != http.StatusOK {
		t.Errorf("no keys set, GET without Authorization: status %d, want 200", a.status)
	}
}

// hostRequest sends method to path with the Host header set to host.
func hostRequest(t *testing.T, method, url, host string) answer {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(validSend)
	}
	req, _ := http.NewRequest(method, url, body)
	req.Host = host
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
}

// Issue 22: any Host was accepted, so a web page could read the stored
// payloads by DNS rebinding (its name resolving to 127.0.0.1, Host still its
// name). A foreign Host gets 421 on every path, is not recorded, and reads
// nothing; loopback names and Options.AllowedHosts are answered.
func TestForeignHostIsMisdirected(t *testing.T) {
	s, url := start(t, brazeserver.Options{})
	post(t, url+"/messages/send", validSend)
	port := url[strings.LastIndex(url, ":"):]
	for _, host := range []string{"evil.example", "evil.example" + port, "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1" + port, "[::2]" + port} {
		for _, tt := range []struct{ method, path string }{
			{http.MethodGet, brazeserver.RequestsPath},
			{http.MethodDelete, brazeserver.RequestsPath},
			{http.MethodPost, "/messages/send"},
		} {
			a := hostRequest(t, tt.method, url+tt.path, host)
			if a.status != http.StatusMisdirectedRequest || strings.Contains(a.raw, "user-1") || !strings.HasPrefix(a.raw, `{"message":"Misdirected Request"`) {
				t.Errorf("%s %s, Host %s: status %d, body %q; want 421", tt.method, tt.path, host, a.status, a.raw)
			}
		}
	}
	if log := s.Requests(); log.Received != 1 {
		t.Errorf("foreign requests were recorded or cleared: received %d, want 1", log.Received)
	}
	for _, host := range []string{"localhost" + port, "LOCALHOST", "app.localhost" + port, "127.0.0.1" + port, "127.1.2.3", "[::1]" + port} {
		if a := hostRequest(t, http.MethodGet, url+brazeserver.RequestsPath, host); a.status != http.StatusOK {
			t.Errorf("GET, Host %s: status %d, want 200", host, a.status)
		}
	}

	_, allowed := start(t, brazeserver.Options{AllowedHosts: []string{"Braze", "mock.internal:4010"}})
	for host, want := range map[string]int{"braze:4010": 200, "braze": 200, "mock.internal": 200, "evil.example": 421, "localhost": 200} {
		if a := hostRequest(t, http.MethodGet, allowed+brazeserver.RequestsPath, host); a.status != want {
			t.Errorf("AllowedHosts, Host %s: status %d, want %d", host, a.status, want)
		}
	}
	_, anyHost := start(t, brazeserver.Options{AllowedHosts: []string{"*"}})
	if a := hostRequest(t, http.MethodGet, anyHost+brazeserver.RequestsPath, "evil.example"); a.status != http.StatusOK {
		t.Errorf(`AllowedHosts "*", Host evil.example: status %d, want 200`, a.status)
	}
}

// The address the client connected to is a Host the server answers for,
// so that `serve --addr 0.0.0.0:4010` is reachable by IP; another IP is not.
func TestHostIsTheLocalAddress(t *testing.T) {
	s := brazeserver.New(brazeserver.Options{})
	local := &net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 4010}
	for host, want := range map[string]int{"192.0.2.7:4010": 200, "192.0.2.7": 200, "192.0.2.8:4010": 421, "[::ffff:192.0.2.7]:4010": 200} {
		req := httptest.NewRequest(http.MethodGet, brazeserver.RequestsPath, nil)
		req.Host = host
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("connected to %s, Host %s: status %d, want %d", local, host, rec.Code, want)
		}
	}
}

// GET RequestsPath pages with after=SEQ and limit=N; "more" says a page was
// cut.
func TestRequestLogPages(t *testing.T) {
	s, url := start(t, brazeserver.Options{Keep: 4})
	for range 6 {
		post(t, url+"/messages/send", validSend)
	}
	// Kept: 3, 4, 5, 6.
	for _, tt := range []struct {
		query string
		want  []int64
		more  bool
	}{
		{"", []int64{3, 4, 5, 6}, false},
		{"?limit=2", []int64{3, 4}, true},
		{"?after=4&limit=2", []int64{5, 6}, false},
		{"?after=1&limit=3", []int64{3, 4, 5}, true},
		{"?after=5", []int64{6}, false},
		{"?after=6", nil, false},
		{"?after=100&limit=1", nil, false},
	} {
		log, a := getLog(t, url, tt.query, "")
		if a.status != http.StatusOK || fmt.Sprint(seqs(log)) != fmt.Sprint(tt.want) || log.More != tt.more ||
			log.Received != 6 || log.Dropped != 2 || log.Keep != 4 || log.KeepBytes != brazeserver.DefaultKeepBytes {
			t.Errorf("GET %s: status %d, seqs %v, more %t, %+v; want %v, more %t", tt.query, a.status, seqs(log), log.More, log, tt.want, tt.more)
		}
		if a.status == http.StatusOK && !strings.Contains(a.raw, `"requests":[`) {
			t.Errorf("GET %s: no requests list in %q", tt.query, a.raw)
		}
	}
	for _, q := range []string{"?limit=0", "?limit=-1", "?limit=x", "?after=-1", "?after=1.5"} {
		if _, a := getLog(t, url, q, ""); a.status != http.StatusBadRequest || !strings.HasPrefix(a.raw, `{"message":"Bad Request","errors":["`) {
			t.Errorf("GET %s: status %d, body %q; want 400", q, a.status, a.raw)
		}
	}
	if got := s.RequestsAfter(4, 1); fmt.Sprint(seqs(got)) != "[5]" || !got.More {
		t.Errorf("RequestsAfter(4, 1): seqs %v, more %t", seqs(got), got.More)
	}
}

// Issue 22: 50 bodies of 4 MiB made a 1.26 GB answer built in memory. The
// answer is now streamed record by record: the heap grows by a fraction of
// the bodies it lists while the answer is read.
func TestRequestLogIsStreamed(t *testing.T) {
	const bodies, size = 24, 1 << 20
	s, url := start(t, brazeserver.Options{})
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	for i := range bodies {
		// Not JSON: a parse error is found at once, and the body is kept.
		body := fmt.Sprintf("%02d", i) + strings.Repeat("x", size-2)
		req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if log := s.Requests(); len(log.Requests) != bodies {
		t.Fatalf("%d requests kept, want %d", len(log.Requests), bodies)
	}

	// Collect often, so that the heap follows what is live, and sample it
	// while the answer is read.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	base := heapInUse()
	peak := base
	resp, err := client.Get(url + brazeserver.RequestsPath)
	if err != nil {
		t.Fatal(err)
	}
	// Read it as a client that keeps nothing: count the bodies' bytes.
	var xs, read int
	r := bufio.NewReader(resp.Body)
	var m runtime.MemStats
	for {
		b, err := r.ReadByte()
		if err != nil {
			break
		}
		if b == 'x' {
			xs++
		}
		if read++; read%(256<<10) == 0 {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
		}
	}
	resp.Body.Close()
	if xs < bodies*(size-2) {
		t.Fatalf("the answer holds %d x, want %d at least", xs, bodies*(size-2))
	}
	if resp.ContentLength != -1 {
		t.Errorf("Content-Length %d: the answer was built before it was sent", resp.ContentLength)
	}
	grew := int64(peak) - int64(base)
	t.Logf("listing %d MiB of bodies: heap %.1f MiB before, peak %.1f MiB", bodies*size>>20, float64(base)/(1<<20), float64(peak)/(1<<20))
	if grew > bodies*size/2 {
		t.Errorf("listing %d MiB of bodies grew the heap by %d MiB: not streamed", bodies*size>>20, grew>>20)
	}
}

// Issue 22: the ring was bounded by count only. Options.KeepBytes bounds the
// bodies kept: the oldest are dropped (and counted), the latest always kept.
func TestKeepBytesDropsTheOldest(t *testing.T) {
	s, url := start(t, brazeserver.Options{KeepBytes: 2500})
	body := `"` + strings.Repeat("b", 998) + `"` // 1000 bytes, valid JSON
	for range 5 {
		post(t, url+"/messages/send", body)
	}
	log := s.Requests()
	if fmt.Sprint(seqs(log)) != "[4 5]" || log.Received != 5 || log.Dropped != 3 || log.KeepBytes != 2500 {
		t.Errorf("kept %v, received %d, dropped %d, keep_bytes %d; want [4 5], 5, 3, 2500", seqs(log), log.Received, log.Dropped, log.KeepBytes)
	}

	s, url = start(t, brazeserver.Options{KeepBytes: 500})
	post(t, url+"/messages/send", body)
	if log := s.Requests(); fmt.Sprint(seqs(log)) != "[1]" || log.Requests[0].Body != body {
		t.Errorf("a body over the budget alone: kept %v, want [1] whole", seqs(log))
	}
	post(t, url+"/messages/send", "{}")
	if log := s.Requests(); fmt.Sprint(seqs(log)) != "[2]" || log.Dropped != 1 {
		t.Errorf("after a small body: kept %v, dropped %d; want [2], 1", seqs(log), log.Dropped)
	}
}

// The ring against a model: a list cut to keep requests and keepBytes
// bytes, the latest kept, over random sizes, wrapping many times.
func TestRingMatchesAModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 1))
	for _, limits := range []struct{ keep, keepBytes int }{{1, 100}, {3, 1 << 20}, {7, 300}, {40, 1000}} {
		s, url := start(t, brazeserver.Options{Keep: limits.keep, KeepBytes: int64(limits.keepBytes)})
		var model []brazeserver.Request
		for i := range 120 {
			body := strings.Repeat(" ", rng.IntN(150)) + "{}"
			post(t, url+"/messages/send", body)
			model = append(model, brazeserver.Request{Seq: int64(i + 1), Body: body})
			total := 0
			for _, r := range model {
				total += len(r.Body)
			}
			for len(model) > limits.keep || (len(model) > 1 && total > limits.keepBytes) {
				total -= len(model[0].Body)
				model = model[1:]
			}
		}
		log := s.Requests()
		var want []int64
		for _, r := range model {
			want = append(want, r.Seq)
		}
		if fmt.Sprint(seqs(log)) != fmt.Sprint(want) || log.Dropped != int64(120-len(model)) {
			t.Errorf("keep %d, keep bytes %d: kept %v, dropped %d; want %v, %d", limits.keep, limits.keepBytes, seqs(log), log.Dropped, want, 120-len(model))
		}
		for i, r := range log.Requests {
			if r.Body != model[i].Body {
				t.Errorf("keep %d: request %d has the wrong body", limits.keep, r.Seq)
			}
		}
	}
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Issue 22: 100 clients that stalled mid-body held 582 MB, for ever. With a
// per-request deadline (here 400 ms; the server has no timeouts of its own,
// so the handler's deadline is what acts), each of 100 clients that trickles
// a body is dropped at the deadline, and memory comes back to where it was.
func TestSlowClientsAreDropped(t *testing.T) {
	const clients, sent = 100, 32 << 10
	const timeout = 400 * time.Millisecond
	s := brazeserver.New(brazeserver.Options{RequestTimeout: timeout})
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")

	baseHeap, baseGoroutines := heapInUse(), runtime.NumGoroutine()
	head := "POST /messages/send HTTP/1.1\r\nHost: " + addr + "\r\nAuthorization: Bearer k\r\n" +
		"Content-Type: application/json\r\nContent-Length: 4194304\r\n\r\n" + strings.Repeat(" ", sent)
	var wg sync.WaitGroup
	dropped := make(chan time.Duration, clients)
	var peak uint64
	var peakMu sync.Mutex
	for range clients {
		wg.Go(func() {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			began := time.Now()
			if _, err := io.WriteString(conn, head); err != nil {
				t.Error(err)
				return
			}
			// Trickle a byte every 20 ms, at most 10 s, until the server
			// answers or closes: a read that does not time out.
			for range 500 {
				conn.SetWriteDeadline(time.Now().Add(time.Second))
				if _, err := conn.Write([]byte(" ")); err != nil {
					break
				}
				conn.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
				var b [1]byte
				if _, err := conn.Read(b[:]); err == nil {
					break // an answer: the server is done with the request
				} else if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
					break // closed
				}
			}
			dropped <- time.Since(began)
		})
	}
	// Sample the heap while they trickle.
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for range 5 {
			time.Sleep(timeout / 5)
			h := heapInUse()
			peakMu.Lock()
			peak = max(peak, h)
			peakMu.Unlock()
		}
	}()
	wg.Wait()
	<-sampled
	close(dropped)
	for d := range dropped {
		if d < timeout*3/4 || d > timeout+3*time.Second {
			t.Errorf("a slow client was dropped after %v, want about %v", d, timeout)
		}
	}
	// Goroutines and memory come back to where they were.
	var heap uint64
	var goroutines int
	for range 100 {
		heap, goroutines = heapInUse(), runtime.NumGoroutine()
		if goroutines <= baseGoroutines+2 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("heap: %d KiB before, %d KiB peak while %d clients trickled, %d KiB after; goroutines %d before, %d after",
		baseHeap>>10, peak>>10, clients, heap>>10, baseGoroutines, goroutines)
	if goroutines > baseGoroutines+2 {
		t.Errorf("%d goroutines after the clients were dropped, %d before", goroutines, baseGoroutines)
	}
	if peak > baseHeap+clients*sent*4+16<<20 {
		t.Errorf("heap peaked at %d KiB with %d clients of %d KiB each (%d KiB before)", peak>>10, clients, sent>>10, baseHeap>>10)
	}
	if heap > baseHeap+4<<20 {
		t.Errorf("heap %d KiB after the clients were dropped, %d KiB before", heap>>10, baseHeap>>10)
	}
	if got := s.Requests(); got.Received != clients {
		t.Errorf("%d requests recorded, want each slow one (%d) as a bad request", got.Received, clients)
	} else if v := got.Requests[0].Verdict; v != brazeserver.VerdictBadRequest {
		t.Errorf("a slow client's request was recorded as %s, want %s", v, brazeserver.VerdictBadRequest)
	}
}
