package main

import (
	"os"
	"testing"
	"time"
)

// lintTime is the lint time of every test: the testdata's schedules are
// written against it, so the goldens do not age with the calendar.
var lintTime = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	clock = func() time.Time { return lintTime }
	os.Exit(m.Run())
}
