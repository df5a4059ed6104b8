package lint

import "time"

// Time zones span UTC−12 to UTC+14: a wall-clock time has passed in every
// zone once it is 12 hours past as UTC, and in some zone 14 hours before.
const (
	westernmostOffset = 12 * time.Hour
	easternmostOffset = 14 * time.Hour
)

var ScheduleTimePast = &Rule{
	ID: "schedule-time-past", severity: Error,
	Title: "schedule.time is already past",
	Doc: `A schedule in the past sends nothing useful. With in_local_time true, Braze answers an error when
schedule.time has passed in every time zone (the schedule object page), and the errors page says
400 Bad Request when it has passed in the company's time zone. brazelint reads the time's wall
clock (INC-49): an error when it has passed even in the westernmost zone (UTC−12), a warning when
it has passed in the easternmost (UTC+14) but not everywhere, since the company-zone rule may
reject it. Without in_local_time nothing is documented for a past time: a warning when it is
before the lint time (read as UTC when it has no offset). The lint time is the clock of the run
(validate.Config.Now in the library). Move the time into the future.`,
	Spec:      []string{"SCH-6", "INC-49"},
	Endpoints: scheduled,
	needs:     []string{"schedule"},
	Check: func(p *Pass) {
		sched, t, _, ok := scheduledAt(p.Root)
		if !ok {
			return
		}
		now := p.Now()
		at := ValueAt("/schedule/time")
		if sched.Get("in_local_time").IsTrue() {
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			switch {
			case wall.Add(westernmostOffset).Before(now):
				p.Report(at, "schedule.time has passed in every time zone, and in_local_time is true: Braze rejects it; move it into the future")
			case wall.Before(now.Add(easternmostOffset)):
				p.emit(Finding{Rule: p.rule, Severity: Warning, At: at,
					Message: "schedule.time has passed in some time zones, and in_local_time is true: Braze may reject it as past in the company's time zone; move it later"})
			}
			return
		}
		if t.Before(now) {
			p.emit(Finding{Rule: p.rule, Severity: Warning, At: at,
				Message: "schedule.time is already past: move it into the future, or use the send endpoint to send now"})
		}
	},
}
