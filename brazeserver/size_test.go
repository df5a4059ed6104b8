package brazeserver_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/brazelint/brazelint/brazeserver"
	"github.com/brazelint/brazelint/validate"
)

// gatedBody is a request body of size bytes of JSON-ish filler that hands out
// at most gate bytes, then waits until released, or until patience runs out
// and it goes on to the end. A server that answers after reading little
// releases it early; one that reads the whole body makes it run out of
// patience and read all size bytes, which the tests catch.
type gatedBody struct {
	size, gate int64
	read       atomic.Int64
	released   chan struct{}
	patience   time.Duration
}

func newGatedBody(size, gate int64) *gatedBody {
	return &gatedBody{size: size, gate: gate, released: make(chan struct{}), patience: 3 * time.Second}
}

var errReleased = errors.New("body released: the test has its answer")

func (g *gatedBody) Read(p []byte) (int, error) {
	n := g.read.Load()
	if n >= g.size {
		return 0, io.EOF
	}
	if n >= g.gate {
		select {
		case <-g.released:
			return 0, errReleased
		case <-time.After(g.patience):
			g.gate = g.size // read on: the server is waiting for it
		}
	}
	want := min(int64(len(p)), g.gate-n, g.size-n)
	for i := range want {
		p[i] = ' '
	}
	g.read.Add(want)
	return int(want), nil
}

func (g *gatedBody) Close() error { return nil }

// countingListener counts the bytes the server reads from its connections.
type countingListener struct {
	net.Listener
	read *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{c, l.read}, err
}

type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// A 10 MB body gets 413 with far less of it read, by the client and by the
// server, with a Content-Length and chunked.
func TestTooLargeIsNotRead(t *testing.T) {
	const size = 10 << 20
	const limit = validate.DefaultMaxBytes
	tests := []struct {
		name          string
		contentLength int64
		gate          int64 // bytes the client may hand out before the answer
		serverReads   int64 // at most, counting headers and buffering
	}{
		// The server answers from the header: it reads next to nothing.
		{"content-length", size, 1 << 20, 64 << 10},
		// The server reads up to the limit and one byte more, answers, and
		// then Go's server reads on at most 256 KiB, hoping to reuse the
		// connection, before it closes it.
		{"chunked", -1, limit + 512<<10, limit + 256<<10 + 64<<10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := brazeserver.New(brazeserver.Options{})
			ts := httptest.NewUnstartedServer(srv)
			var serverRead atomic.Int64
			ts.Listener = countingListener{ts.Listener, &serverRead}
			ts.Start()
			defer ts.Close()

			body := newGatedBody(size, tt.gate)
			req, err := http.NewRequest(http.MethodPost, ts.URL+"/messages/send", body)
			if err != nil {
				t.Fatal(err)
			}
			req.ContentLength = tt.contentLength
			req.Header.Set("Authorization", "Bearer k")
			req.Header.Set("Content-Type", "application/json")
			client := &http.Client{Transport: &http.Transport{}}
			resp, err := client.Do(req)
			close(body.released)
			if err != nil {
				t.Fatalf("no answer: %v (client read %d bytes of the body)", err, body.read.Load())
			}
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			client.CloseIdleConnections()

			if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(answer), `"message":"Payload Too Large"`) {
				t.Errorf("status %d, body %s; want 413 Payload Too Large", resp.StatusCode, answer)
			}
			if resp.Header.Get("X-RateLimit-Remaining") == "" {
				t.Error("no rate-limit headers")
			}
			if got := body.read.Load(); got > tt.gate {
				t.Errorf("the client read %d bytes of the %d byte body; want at most %d", got, size, tt.gate)
			}
			if got := serverRead.Load(); got > tt.serverReads {
				t.Errorf("the server read %d bytes; want at most %d of the %d byte body", got, tt.serverReads, size)
			}
			t.Logf("client read %d bytes, server read %d bytes of a %d byte body", body.read.Load(), serverRead.Load(), size)
			log := srv.Requests()
			if len(log.Requests) != 1 || log.Requests[0].Verdict != brazeserver.VerdictTooLarge || log.Requests[0].Body != "" {
				for _, r := range log.Requests {
					t.Errorf("recorded: status %d, verdict %s, a %d byte body", r.Status, r.Verdict, len(r.Body))
				}
				t.Errorf("recorded %d requests; want one too_large without a body", len(log.Requests))
			}
		})
	}
}

// The limit is Options.Validate.MaxBytes, inclusive.
func TestSizeLimitBoundary(t *testing.T) {
	const limit = 1000
	_, url := start(t, brazeserver.Options{Validate: validate.Config{MaxBytes: limit}})
	pad := func(n int) string { return validSend + strings.Repeat(" ", n-len(validSend)) }
	for _, chunked := range []bool{false, true} {
		for _, tt := range []struct {
			size, want int
		}{{limit, 201}, {limit + 1, 413}} {
			var r io.Reader = strings.NewReader(pad(tt.size))
			if chunked {
				r = io.MultiReader(r) // hides the length: sent chunked
			}
			req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", r)
			req.Header.Set("Authorization", "Bearer k")
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("%d bytes (chunked %v): status %d, want %d", tt.size, chunked, resp.StatusCode, tt.want)
			}
		}
	}
}
