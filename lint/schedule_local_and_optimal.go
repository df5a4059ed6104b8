package lint

var ScheduleLocalAndOptimal = &Rule{
	ID: "schedule-local-and-optimal", severity: Warning,
	Title: "schedule sets both in_local_time and at_optimal_time",
	Doc: `at_optimal_time sends on schedule.time's date at each user's optimal time, whatever time of day is
given; in_local_time sends at that time of day in each user's zone. Together they contradict each
other: no source says Braze rejects the pair (the /messages/send schedule example sets both), but
one of them is ignored (INC-50). Keep the one you mean.`,
	Spec:      []string{"SCH-7", "INC-50", "EX-26"},
	Endpoints: scheduled,
	needs:     []string{"schedule"},
	Check: func(p *Pass) {
		sched := p.Root.Get("schedule")
		if sched.Get("in_local_time").IsTrue() && sched.Get("at_optimal_time").IsTrue() {
			p.Report(MemberAt("/schedule/at_optimal_time"),
				"at_optimal_time ignores the time of day that in_local_time sends at: keep one of them",
				Note{MemberAt("/schedule/in_local_time"), "also set"})
		}
	},
}
