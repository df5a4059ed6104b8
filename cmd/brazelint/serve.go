package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/brazelint/brazelint/brazeserver"
	"github.com/brazelint/brazelint/config"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

const serveUsage = `usage: brazelint serve [flags]

Runs a local stand-in for the Braze REST API's send endpoints (POST
/messages/send, /campaigns/trigger/send, /canvas/trigger/send, the three
schedule-create endpoints and /transactional/v1/campaigns/{campaign_id}/send),
for integration tests: point a service's Braze base URL at it. Every body is
checked with brazelint and answered as Braze answers (201 with a dispatch_id,
plus a schedule_id or the transactional status, 400 with the errors or Braze's parse error,
401, 403, 404, 415, 429), and every request is kept for
GET /_brazelint/requests (DELETE forgets them; ?limit=N&after=SEQ pages
through them). The requests it keeps hold personal data, in memory only:
with --api-key set, the request log takes one of the keys too.

It answers only requests whose Host is a loopback name (localhost,
127.0.0.1, [::1]) or the address connected to, and the names given with
--allow-host ("*" for any); any other Host gets 421 Misdirected Request, so
that a web page cannot reach it by rebinding its DNS name.

--api-key KEY:PERMISSIONS gives a key only the Braze API key permissions
listed, comma-separated (messages.send, campaigns.trigger.send); it gets
403 Access Denied on the other endpoint. A plain --api-key KEY holds both.

Bodies are checked with every rule at its own severity. --config FILE applies
the rule policy of a .brazelint.yaml (its rules, and overrides by JSON pointer;
a request body has no path, so path patterns match nothing). No config file is
read unless --config names one.

It prints the address it listens on ("listening on http://HOST:PORT") to
standard output; --addr 127.0.0.1:0 picks a free port. It stops on SIGINT or
SIGTERM, after the requests under way are answered. Exit status: 0 stopped,
2 a usage error, an address that cannot be used, or requests still under way
10 seconds after the signal.

A request must be read and answered within --request-timeout (its header
within 10 seconds, or the timeout when shorter), and a kept-alive connection
is closed after --idle-timeout without a request: a client that trickles a
body, or stalls, is dropped.
`

// runServe is the serve subcommand: it runs until SIGINT or SIGTERM.
func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// parseAPIKeys reads the --api-key values: KEY, or KEY:PERMISSION,... with
// the permissions it holds (none after a bare colon). A key must be a bearer
// token, which has no colon, so the first colon ends it.
func parseAPIKeys(values []string) (keys []string, perms map[string][]string, err error) {
	known := map[string]bool{}
	for _, ep := range lint.Endpoints {
		known[brazeserver.Permission(ep)] = true
	}
	for _, v := range values {
		key, list, limited := strings.Cut(v, ":")
		if !brazeserver.IsBearerToken(key) {
			return nil, nil, errors.New("--api-key must be a bearer token (letters, digits and -._~+/, then = padding), optionally followed by :PERMISSION,...")
		}
		keys = append(keys, key)
		if !limited {
			continue
		}
		if perms == nil {
			perms = map[string][]string{}
		}
		held := perms[key]
		if held == nil {
			held = []string{} // listed with no permission: denied on both
		}
		for p := range strings.SplitSeq(list, ",") {
			if p == "" {
				continue
			}
			if !known[p] {
				return nil, nil, fmt.Errorf("--api-key: unknown permission %q: use messages.send or campaigns.trigger.send", p)
			}
			held = append(held, p)
		}
		perms[key] = held
	}
	return keys, perms, nil
}

// defaultIdleTimeout is how long serve keeps an idle connection open.
const defaultIdleTimeout = 60 * time.Second

// newHTTPServer is the http.Server of serve: every stage of a connection has
// a deadline, so that slow or stalled clients cannot hold memory and
// goroutines for ever. The handler sets the request's own deadline as well
// (Options.RequestTimeout); the server's are the same, for what happens
// before the handler runs and should a handler not set one.
func newHTTPServer(h http.Handler, requestTimeout, idleTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, requestTimeout),
		ReadTimeout:       requestTimeout,
		WriteTimeout:      requestTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := newSubcommand("serve", serveUsage)
	addr := cmd.flags.String("addr", "127.0.0.1:4010", "address to listen on; a port of 0 picks a free one")
	keys := cmd.flags.StringArray("api-key", nil, "REST API key to accept, KEY or KEY:PERMISSION,... (repeat for more); any key when none is given")
	perMinute := cmd.flags.Int("rate-limit-minute", 0, "most segment, audience and broadcast sends a minute, as Braze's 250 (0: not enforced)")
	perHour := cmd.flags.Int("rate-limit-hour", 0, "most other sends an hour, both endpoints together, as Braze's 250000 (0: not enforced)")
	keep := cmd.flags.Int("keep", brazeserver.DefaultKeep, "requests kept for GET /_brazelint/requests; older ones are dropped and counted")
	keepBytes := cmd.flags.Int64("keep-bytes", brazeserver.DefaultKeepBytes, "bytes of request bodies kept; older requests are dropped and counted (the latest is always kept)")
	allowHosts := cmd.flags.StringArray("allow-host", nil, `a Host name to answer besides loopback names and the address connected to (repeat for more; "*" for any)`)
	requestTimeout := cmd.flags.Duration("request-timeout", brazeserver.DefaultRequestTimeout, "most time to read a request and write its answer")
	idleTimeout := cmd.flags.Duration("idle-timeout", defaultIdleTimeout, "most time a kept-alive connection waits for its next request")
	maxBytes := cmd.flags.Int("max-bytes", validate.DefaultMaxBytes, "largest request body read; a larger one gets 413")
	maxDepth := cmd.flags.Int("max-depth", validate.DefaultMaxDepth, "deepest nesting of objects and arrays; deeper gets json-too-deep")
	configPath := cmd.flags.String("config", "", "config file whose rule policy bodies are checked with (none read otherwise)")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	switch {
	case cmd.flags.NArg() > 0:
		return cmd.fail(stderr, "takes no arguments")
	case *perMinute < 0 || *perHour < 0:
		return cmd.fail(stderr, "rate limits must be 0 (not enforced) or more")
	case *keep < 1:
		return cmd.fail(stderr, "--keep must be at least 1")
	case *keepBytes < 1:
		return cmd.fail(stderr, "--keep-bytes must be at least 1")
	case *requestTimeout <= 0 || *idleTimeout <= 0:
		return cmd.fail(stderr, "--request-timeout and --idle-timeout must be more than 0")
	case slices.Contains(*allowHosts, ""):
		return cmd.fail(stderr, "--allow-host needs a host name")
	case *maxBytes < 1 || *maxDepth < 1:
		return cmd.fail(stderr, "--max-bytes and --max-depth must be at least 1")
	case cmd.flags.Changed("config") && *configPath == "":
		return cmd.fail(stderr, "--config needs a file name")
	}
	limits := validate.Config{MaxBytes: *maxBytes, MaxDepth: *maxDepth, Now: clock}
	if *configPath != "" {
		conf, err := config.Load(*configPath)
		if err != nil {
			return reportTrouble(stderr, err) // one config problem per line
		}
		limits.Policy = conf.Policy()
	}
	apiKeys, perms, err := parseAPIKeys(*keys)
	if err != nil {
		return cmd.fail(stderr, "%v", err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "brazelint: serve: %v\n", err)
		return exitTrouble
	}
	handler := brazeserver.New(brazeserver.Options{
		APIKeys:        apiKeys,
		Permissions:    perms,
		MinuteLimit:    *perMinute,
		HourLimit:      *perHour,
		Keep:           *keep,
		KeepBytes:      *keepBytes,
		AllowedHosts:   *allowHosts,
		RequestTimeout: *requestTimeout,
		Validate:       limits,
	})
	srv := newHTTPServer(handler, *requestTimeout, *idleTimeout)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "brazelint: serve: warning: %s is reachable from other machines, and the requests kept hold personal data\n", tcp)
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done: // Serve stopped on its own: the listener failed
		fmt.Fprintf(stderr, "brazelint: serve: %v\n", err)
		return exitTrouble
	case <-ctx.Done():
	}
	// Answer the requests under way, then stop; give up on them after a
	// while, since a test run is waiting.
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
		fmt.Fprintf(stderr, "brazelint: serve: stopped without waiting for every request: %v\n", err)
		return exitTrouble
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "brazelint: serve: %v\n", err)
		return exitTrouble
	}
	return exitClean
}
