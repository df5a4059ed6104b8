package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// lockedBuffer is a bytes.Buffer the command writes to while a test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listening = regexp.MustCompile(`^listening on (http://127\.0\.0\.1:[0-9]+)\n$`)

// startServe runs the serve command with run on a free port of 127.0.0.1 and
// returns its base URL, once it listens, and its exit status, when it exits.
func startServe(t *testing.T, run func(args []string, stdout, stderr io.Writer) int, args ...string) (url string, code <-chan int, stderr *lockedBuffer) {
	t.Helper()
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	exit := make(chan int, 1)
	go func() { exit <- run(append([]string{"--addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	deadline := time.After(10 * time.Second)
	for {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], exit, stderr
		}
		select {
		case c := <-exit:
			t.Fatalf("serve exited %d before listening; stdout %q, stderr %q", c, stdout.String(), stderr.String())
		case <-deadline:
			t.Fatalf("serve printed no address; stdout %q, stderr %q", stdout.String(), stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// sendOne posts one clean payload with the key, and lists what the server
// received, with logKey when given and the key otherwise.
func sendOne(t *testing.T, url, key string, logKey ...string) (status int, log map[string]any) {
	t.Helper()
	body := `{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	status = resp.StatusCode

	req, _ = http.NewRequest(http.MethodGet, url+"/_brazelint/requests", nil)
	if len(logKey) > 0 {
		key = logKey[0]
	}
	req.Header.Set("Authorization", "Bearer "+key) // the log takes a key when keys are set
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil {
		t.Fatal(err)
	}
	return status, log
}

func waitExit(t *testing.T, code <-chan int, stderr *lockedBuffer) {
	t.Helper()
	select {
	case c := <-code:
		if c != exitClean || stderr.String() != "" {
			t.Errorf("serve exited %d, stderr %q; want 0 and nothing", c, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	}, "--api-key", "key-1", "--keep", "5")
	status, log := sendOne(t, url, "key-1")
	if status != http.StatusCreated {
		t.Errorf("status %d, want 201", status)
	}
	reqs, _ := log["requests"].([]any)
	if len(reqs) != 1 || log["keep"] != 5.0 {
		t.Fatalf("requests received: %v", log)
	}
	if r := reqs[0].(map[string]any); r["status"] != 201.0 || r["verdict"] != "accepted" {
		t.Errorf("the request got %v", r)
	}
	cancel()
	waitExit(t, code, stderr)
	if _, err := http.Get(url + "/_brazelint/requests"); err == nil {
		t.Error("the server still answers after it stopped")
	}
}

func TestServeUsageErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args []string
		want string // on stderr
	}{
		{[]string{"serve", "extra"}, "takes no arguments"},
		{[]string{"serve", "--keep", "0"}, "--keep must be at least 1"},
		{[]string{"serve", "--rate-limit-minute", "-1"}, "rate limits must be 0"},
		{[]string{"serve", "--api-key", ""}, "--api-key must be a bearer token"},
		{[]string{"serve", "--api-key", `"key-1"`}, "--api-key must be a bearer token"},
		{[]string{"serve", "--api-key", ":messages.send"}, "--api-key must be a bearer token"},
		{[]string{"serve", "--api-key", "key-1:users.track"}, `unknown permission "users.track"`},
		{[]string{"serve", "--api-key", "key-1:messages.send:campaigns.trigger.send"}, `unknown permission "messages.send:campaigns.trigger.send"`},
		{[]string{"serve", "--keep-bytes", "0"}, "--keep-bytes must be at least 1"},
		{[]string{"serve", "--request-timeout", "0s"}, "--request-timeout and --idle-timeout must be more than 0"},
		{[]string{"serve", "--idle-timeout", "-1s"}, "--request-timeout and --idle-timeout must be more than 0"},
		{[]string{"serve", "--allow-host", ""}, "--allow-host needs a host name"},
		{[]string{"serve", "--addr", "127.0.0.1:notaport"}, "brazelint: serve: "},
		{[]string{"serve", "--addr", busy.Addr().String()}, "brazelint: serve: listen tcp"},
	}
	for _, tt := range tests {
		out, stderr, code := runCLI("", tt.args...)
		if code != exitTrouble || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("brazelint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, out, stderr, tt.want)
		}
	}
}

func TestParseAPIKeys(t *testing.T) {
	keys, perms, err := parseAPIKeys([]string{"full", "send-only:messages.send", "none:", "both:campaigns.trigger.send,messages.send,"})
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"full", "send-only", "none", "both"}
	wantPerms := map[string][]string{
		"send-only": {"messages.send"},
		"none":      {},
		"both":      {"campaigns.trigger.send", "messages.send"},
	}
	if diff := cmp.Diff(wantKeys, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPerms, perms); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if _, perms, _ := parseAPIKeys([]string{"a", "b"}); perms != nil {
		t.Errorf("plain keys got permissions %v", perms)
	}
}

// --api-key KEY:PERMISSION limits the key: 403 Access Denied on the other
// endpoint (RESP-9 revised, MS-3, TS-3); a wrong Content-Type is 415
// (RESP-15).
func TestServePermissionsAndContentType(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	}, "--api-key", "send-only:messages.send", "--api-key", "full")
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	trigger := `{"campaign_id": "camp-1", "recipients": [{"external_user_id": "u1"}]}`
	for _, tt := range []struct {
		key, contentType string
		status           int
		body             string
	}{
		{"send-only", "application/json", 403, `{"message":"Access Denied"}` + "\n"},
		{"full", "application/json", 201, `{"dispatch_id":`},
		{"full", "text/plain", 415, `{"message":"Unsupported Media Type","errors":[]}` + "\n"},
	} {
		req, _ := http.NewRequest(http.MethodPost, url+"/campaigns/trigger/send", strings.NewReader(trigger))
		req.Header.Set("Authorization", "Bearer "+tt.key)
		req.Header.Set("Content-Type", tt.contentType)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.HasPrefix(string(body), tt.body) {
			t.Errorf("key %s, Content-Type %s: status %d, body %q; want %d %q", tt.key, tt.contentType, resp.StatusCode, body, tt.status, tt.body)
		}
	}
	if status, _ := sendOne(t, url, "send-only"); status != http.StatusCreated {
		t.Errorf("send-only on /messages/send: status %d, want 201", status)
	}
	cancel()
	waitExit(t, code, stderr)
}

// dropTime writes head to a new connection to addr, then trickles a byte
// every 20 ms (at most 10 s) until the server closes the connection or
// answers; it returns how long that took, and what the server wrote.
func dropTime(t *testing.T, addr, head string, trickle bool) (time.Duration, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	began := time.Now()
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for range 500 {
		if trickle {
			conn.SetWriteDeadline(time.Now().Add(time.Second))
			if _, err := conn.Write([]byte("x")); err != nil {
				break
			}
		}
		conn.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		var b [4096]byte
		n, err := conn.Read(b[:])
		got = append(got, b[:n]...)
		if ne, ok := err.(net.Error); err != nil && (!ok || !ne.Timeout()) {
			break // closed
		}
	}
	return time.Since(began), string(got)
}

// Issue 22: serve had no read, write or idle timeout. A header trickled in,
// a body trickled in and a kept-alive connection left idle are each dropped
// at the timeouts given.
func TestServeDropsSlowAndIdleClients(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const timeout = 300 * time.Millisecond
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	}, "--request-timeout", timeout.String(), "--idle-timeout", timeout.String())
	addr := strings.TrimPrefix(url, "http://")
	request := "POST /messages/send HTTP/1.1\r\nHost: " + addr + "\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\n"
	valid := `{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	for _, tt := range []struct {
		name, head string
		trickle    bool
		answer     string // the start of what the server wrote
	}{
		{"a header trickled in", request + "X-Slow: ", true, ""},
		{"a body trickled in", request + "Content-Length: 100000\r\n\r\n", true, ""},
		{"an idle kept-alive connection", request + "Content-Length: " + strconv.Itoa(len(valid)) + "\r\n\r\n" + valid, false, "HTTP/1.1 201 Created"},
	} {
		took, got := dropTime(t, addr, tt.head, tt.trickle)
		if took < timeout*3/4 || took > timeout+3*time.Second || !strings.HasPrefix(got, tt.answer) {
			t.Errorf("%s: dropped after %v, having written %.40q; want about %v and %q", tt.name, took, got, timeout, tt.answer)
		}
	}
	cancel()
	waitExit(t, code, stderr)
}

// --allow-host names a Host to answer besides loopback names (a service in
// a container calling "braze:4010"); any other gets 421; --keep-bytes is the
// log's byte budget.
func TestServeAllowHostAndKeepBytes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, code, stderr := startServe(t, func(args []string, stdout, stderr io.Writer) int {
		return serve(ctx, args, stdout, stderr)
	}, "--allow-host", "braze", "--keep-bytes", "1000")
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	for host, want := range map[string]int{"braze:4010": 200, "evil.example": 421, "localhost": 200} {
		req, _ := http.NewRequest(http.MethodGet, url+"/_brazelint/requests", nil)
		req.Host = host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
		if want == 200 && !strings.Contains(string(body), `"keep_bytes":1000,`) {
			t.Errorf("Host %s: no keep_bytes 1000 in %s", host, body)
		}
	}
	cancel()
	waitExit(t, code, stderr)
}
