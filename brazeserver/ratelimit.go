package brazeserver

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// bucket is the rate limit a request counts against.
type bucket int

const (
	hourly    bucket = iota // MS-45: 250,000 an hour, both endpoints together
	perMinute               // MS-44, TS-49: 250 a minute, segment and audience sends
)

// quota is what the X-RateLimit-* headers say after a request.
type quota struct {
	limit, remaining int
	reset            int64 // UTC epoch seconds at which the window ends
}

func setQuota(h http.Header, q quota) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(q.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(q.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(q.reset, 10))
}

// window counts the requests of one bucket in a fixed window aligned to the
// epoch.
type window struct {
	seconds int64
	limit   int  // shown in the headers
	enforce bool // answer 429 past the limit
	index   int64
	used    int
}

func newWindow(d time.Duration, limit, brazeDefault int) window {
	w := window{seconds: int64(d / time.Second), limit: limit, enforce: limit > 0}
	if !w.enforce {
		w.limit = brazeDefault
	}
	return w
}

// roll moves the window to now's, which starts empty. A clock that goes back
// (a test's) starts a window too.
func (w *window) roll(now time.Time) {
	if i := floorDiv(now.Unix(), w.seconds); i != w.index {
		w.index, w.used = i, 0
	}
}

func (w *window) quota() quota {
	return quota{limit: w.limit, remaining: max(0, w.limit-w.used), reset: (w.index + 1) * w.seconds}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// limiter holds the two windows. Safe for concurrent use.
type limiter struct {
	mu     sync.Mutex
	minute window
	hour   window
}

func newLimiter(perMinute, perHour int) *limiter {
	return &limiter{
		minute: newWindow(time.Minute, perMinute, BrazeMinuteLimit),
		hour:   newWindow(time.Hour, perHour, BrazeHourLimit),
	}
}

func (l *limiter) window(b bucket) *window {
	if b == perMinute {
		return &l.minute
	}
	return &l.hour
}

// take counts a request against b unless b's limit is enforced and reached;
// ok is false then, and nothing is counted.
func (l *limiter) take(b bucket, now time.Time) (q quota, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.window(b)
	w.roll(now)
	if w.enforce && w.used >= w.limit {
		return w.quota(), false
	}
	w.used++
	return w.quota(), true
}

// peek is b's quota now, without counting a request.
func (l *limiter) peek(b bucket, now time.Time) quota {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.window(b)
	w.roll(now)
	return w.quota()
}
