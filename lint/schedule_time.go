package lint

import (
	"strings"
	"time"

	"github.com/brazelint/brazelint/schema"
)

// localTimeLayouts are the offset-less datetimes a schedule.time takes for
// local-time or optimal-time sending (SCH-5); time.Parse reads a fraction
// after the seconds too.
var localTimeLayouts = []string{"2006-01-02T15:04:05"}

// scheduleTime reads schedule.time: the lenient ISO 8601 datetimes of
// AUD-26 (Z, ±hh:mm, ±hhmm, optional fraction), or the same without an
// offset (SCH-3). zoned says whether it carries a time-zone designator; an
// offset-less time is returned as UTC.
func scheduleTime(s string) (t time.Time, zoned, ok bool) {
	if t, err := schema.ParseDateTime(s); err == nil {
		return t, true, true
	}
	for _, layout := range localTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// schedule returns the schedule object of a scheduled body and its time
// string, when both are there with the right types (the schema reports
// anything else).
func schedule(root Value) (sched Value, at string, ok bool) {
	sched, ok = root.Get("schedule").Object()
	if !ok {
		return Value{}, "", false
	}
	at, ok = sched.Get("time").Str()
	return sched, at, ok && strings.TrimSpace(at) != ""
}

// scheduledAt is the parsed schedule.time of a scheduled body.
func scheduledAt(root Value) (sched Value, t time.Time, zoned, ok bool) {
	sched, s, ok := schedule(root)
	if !ok {
		return Value{}, time.Time{}, false, false
	}
	t, zoned, ok = scheduleTime(s)
	return sched, t, zoned, ok
}

var ScheduleTime = &Rule{
	ID: "schedule-time", severity: Error,
	Title: "schedule.time is not an ISO 8601 datetime",
	Doc: `schedule.time must be an ISO 8601 datetime: Braze answers an unparseable value with 400 Bad
Request (its errors table still calls the field send_at). brazelint reads the layouts Braze's
docs use: 2026-12-24T09:00:00Z, with +01:00 or +0100 as the offset, an optional fraction of a
second, or no offset at all for local-time and optimal-time sending. A bare date or a time
without seconds is not one of them. The docs' own examples send "time": "", which the
empty-string rule reports. Write the full date and time.`,
	Spec:      []string{"SCH-1", "SCH-3", "EX-26", "EX-27", "EX-28"},
	Endpoints: scheduled,
	needs:     []string{"schedule"},
	Check: func(p *Pass) {
		if _, s, ok := schedule(p.Root); ok {
			if _, _, ok := scheduleTime(s); !ok {
				p.Report(ValueAt("/schedule/time"), "schedule.time is not an ISO 8601 datetime: write it as 2026-12-24T09:00:00Z, or without the Z for local or optimal time")
			}
		}
	},
}
