package validate

import (
	"context"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/brazelint/brazelint/lint"
)

// testdataPayloads reads every payload under testdata up to 1 MB.
func testdataPayloads(t *testing.T) map[string][]byte {
	t.Helper()
	payloads := map[string][]byte{}
	filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			if info, _ := d.Info(); info != nil && info.Size() <= 1<<20 {
				payloads[path], _ = os.ReadFile(path)
			}
		}
		return nil
	})
	if len(payloads) < 500 {
		t.Fatalf("only %d payloads under testdata", len(payloads))
	}
	return payloads
}

// TestConcurrentOverTestdata validates every testdata payload from many
// goroutines at once, each in its own order, and wants the diagnostics of a
// sequential run: run it with -race.
func TestConcurrentOverTestdata(t *testing.T) {
	payloads := testdataPayloads(t)
	var names []string
	want := map[string][]lint.Diagnostic{}
	for name, data := range payloads {
		names = append(names, name)
		want[name] = Bytes(Auto, data)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		order := append([]string(nil), names...)
		rand.New(rand.NewPCG(uint64(g), 1)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wg.Go(func() {
			for _, name := range order {
				if got := Bytes(Auto, payloads[name]); !reflect.DeepEqual(got, want[name]) {
					t.Errorf("%s: a concurrent run differs from the sequential one", name)
				}
			}
		})
	}
	wg.Wait()
}

// TestValidatingNeverDials validates all of testdata with every way out of
// the process that Go's standard library offers rigged to fail the test.
func TestValidatingNeverDials(t *testing.T) {
	var dialed atomic.Int32
	savedTransport, savedResolver := http.DefaultTransport, net.DefaultResolver
	defer func() { http.DefaultTransport, net.DefaultResolver = savedTransport, savedResolver }()
	http.DefaultTransport = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		dialed.Add(1)
		return nil, net.ErrClosed
	})
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		dialed.Add(1)
		return nil, net.ErrClosed
	}}
	for _, data := range testdataPayloads(t) {
		Bytes(Auto, data)
		Config{}.Fix(Auto, data, nil)
	}
	if n := dialed.Load(); n != 0 {
		t.Errorf("validating reached for the network %d times", n)
	}
}
