package lint

import "time"

// scheduleHorizon is how far ahead older docs allowed scheduling.
const scheduleHorizon = 90 * 24 * time.Hour

var ScheduleFarAhead = &Rule{
	ID: "schedule-far-ahead", severity: Info,
	Title: "schedule.time is more than 90 days ahead",
	Doc: `Older revisions of the schedule object page limited scheduling to 90 days ahead; the current pages
drop that sentence, so this is only a note (historical). A schedule that far out is also easy to
forget: check the date, or schedule closer to the send.`,
	Spec:      []string{"SCH-8"},
	Endpoints: scheduled,
	needs:     []string{"schedule"},
	Check: func(p *Pass) {
		if _, t, _, ok := scheduledAt(p.Root); ok && t.After(p.Now().Add(scheduleHorizon)) {
			p.Report(ValueAt("/schedule/time"), "schedule.time is more than 90 days ahead, past the limit older docs gave: check the date")
		}
	},
}
