package lint

var ScheduleTimeZone = &Rule{
	ID: "schedule-time-zone", severity: Warning,
	Title: "schedule.time has a time zone, but in_local_time or at_optimal_time is set",
	Doc: `With in_local_time or at_optimal_time true, Braze reads schedule.time as a wall-clock time (or
only its date) in each user's own time zone, and the schedule object page says not to give a
time-zone designator: write 2015-02-20T13:14:47, not 2015-02-20T13:14:47-05:00. No source says
such a request is rejected, so this is a warning (INC-50): the offset is at best ignored, and
the time may not be the one meant. Remove the Z or the offset.`,
	Spec:      []string{"SCH-5", "INC-50"},
	Endpoints: scheduled,
	needs:     []string{"schedule"},
	Check: func(p *Pass) {
		sched, _, zoned, ok := scheduledAt(p.Root)
		if !ok || !zoned {
			return
		}
		for _, flag := range []string{"in_local_time", "at_optimal_time"} {
			if sched.Get(flag).IsTrue() {
				p.Report(ValueAt("/schedule/time"),
					"schedule.time carries a time zone, but "+flag+" reads it in each user's own zone: remove the Z or the offset",
					Note{MemberAt(Pointer("schedule", flag)), "reads the time in each user's zone"})
				return
			}
		}
	},
}
