package lint

import (
	"strings"
	"testing"
)

// revisedFacts are the specification facts revised or added on 2026-12-06:
// for /messages/send and /campaigns/trigger/send, and those of the Canvas,
// schedule and transactional endpoints (CV-, SCH-, TX-). Each is
// enforced by a rule that cites it, or says in factsWithoutRule why no rule
// can.
var revisedFacts = strings.Fields(`
	INC-2 INC-7 INC-23 INC-28 INC-36 INC-37 INC-38 INC-39 INC-40 INC-41 INC-42 INC-43 INC-44
	INC-45 INC-46 INC-47 INC-48 INC-56
	EX-6 EX-19 EX-20 EX-21 EX-24
	MS-16 MS-27 MS-29 MS-44 MS-45 MS-51 MS-52
	TS-11 TS-18 TS-22 TS-39 TS-53 TS-54 TS-55 TS-56 TS-57 TS-58 TS-59 TS-60
	AUD-12 AUD-13 AUD-14 AUD-29 AUD-30
	OBJ-GEN-3 OBJ-CARD-2 OBJ-WEBHOOK-4 OBJ-EMAIL-17 OBJ-EMAIL-18
	OBJ-WA-2 OBJ-WA-3 OBJ-WA-12 OBJ-WA-13 OBJ-WA-14 OBJ-WA-15 OBJ-WA-16 OBJ-WA-17 OBJ-WA-18
	REC-6 REC-8 REC-11 REC-12
	ATTR-3 ATTR-7 ATTR-14 ATTR-15 ATTR-16 ATTR-18 ATTR-19 ATTR-20 ATTR-21
	TP-3 TP-5 TP-8
	LIQ-7 LIQ-12 LIQ-14 LIQ-15 LIQ-18 LIQ-42 LIQ-43 LIQ-44 LIQ-45 LIQ-46 LIQ-47
	RESP-1 RESP-4 RESP-9 RESP-14 RESP-15 RESP-16 RESP-17
	CV-1 CV-2 CV-3 CV-4 CV-5 CV-6 CV-7 CV-8 CV-9 CV-10 CV-11 CV-12 CV-13 CV-14 CV-15 CV-16 CV-17
	CV-18 CV-19 CV-20 CV-21 CV-22
	SCH-1 SCH-2 SCH-3 SCH-4 SCH-5 SCH-6 SCH-7 SCH-8 SCH-9 SCH-10 SCH-11 SCH-12 SCH-13 SCH-14 SCH-15
	SCH-16 SCH-17 SCH-18 SCH-19 SCH-20 SCH-21 SCH-22 SCH-23 SCH-24 SCH-25 SCH-26 SCH-27 SCH-28
	SCH-29 SCH-30 SCH-31 SCH-32
	TX-1 TX-2 TX-3 TX-4 TX-5 TX-6 TX-7 TX-8 TX-9 TX-10 TX-11 TX-12
	INC-49 INC-50 INC-51 INC-52 INC-53 INC-54 INC-55
	EX-25 EX-26 EX-27 EX-28 EX-29 EX-30
`)

// factsWithoutRule says, for each revised fact that no rule enforces, why.
var factsWithoutRule = map[string]string{
	"INC-2":   "which rate-limit bucket a request falls in is advice for the client, not a property of one payload",
	"INC-28":  "rendering gaps in the docs' pages; nothing in a payload",
	"INC-44":  "what the API answers; brazeserver emulates the newest errors page (its doc and transport tests cite RESP-14..RESP-17)",
	"MS-16":   "whether a user already exists is in Braze's user base, which a payload does not show",
	"MS-27":   "an info on every /messages/send without campaign_id would mark most valid sends, inline-content audience sends among them (AUD-30)",
	"MS-44":   "the 250 a minute bucket is a rate, not a property of one payload (brazeserver counts it)",
	"MS-45":   "the shared hourly bucket is a rate, not a property of one payload (brazeserver counts it)",
	"EX-20":   "defects of the docs' body sketches, which are not JSON payloads",
	"TS-53":   "/canvas/trigger/send is another endpoint; the context member that belongs there is reported by wrong-endpoint-member (TS-56)",
	"AUD-29":  "the endpoints that take audience: the grammar is checked wherever audience appears",
	"AUD-30":  "audience without campaign_id is valid; nothing to report",
	"REC-12":  "audience and channel eligibility of a created profile are decided by Braze at send time",
	"RESP-1":  "a success answer; brazeserver answers 201 with a dispatch_id",
	"RESP-4":  "the historical queued answer; brazeserver never answers 202",
	"RESP-14": "a parse error is json-syntax for the linter; brazeserver answers it with the error body",
	"RESP-15": "the Content-Type header is not in the payload; brazeserver answers 415",
	"RESP-16": "server errors are Braze's own; nothing in a payload causes them",
	"RESP-17": "how a local stand-in answers; brazeserver does, and its tests check the bytes",

	// The Canvas, schedule and transactional endpoints.
	"CV-1":   "what the endpoint does: its schema and the endpoint table describe it",
	"CV-2":   "the permission and headers are not in the payload (brazeserver checks the permission canvas.trigger.send)",
	"CV-17":  "audience and channel eligibility are decided by Braze at send time",
	"CV-20":  "the rate limit is a rate, not a property of one payload (brazeserver counts it)",
	"CV-21":  "what the API answers; brazeserver answers 201 with a dispatch_id",
	"CV-22":  "the docs' example, a negative fixture: testdata/examples/canvas-trigger-send-docs-example.json reports its defects",
	"SCH-2":  "sending at the given instant is what schedule means; nothing to report",
	"SCH-4":  "what the flags mean; schedule-time-zone and schedule-local-and-optimal check their use (SCH-5, SCH-7)",
	"SCH-9":  "what the API answers; brazeserver answers with a dispatch_id and a schedule_id",
	"SCH-10": "a defect of the docs' body sketches, which are not JSON payloads",
	"SCH-11": "what the endpoint does and its permission: the schema and brazeserver (messages.schedule.create)",
	"SCH-18": "the rate limit is a rate, not a property of one payload (brazeserver counts it in the hourly bucket)",
	"SCH-19": "the docs' example, a negative fixture: testdata/examples/messages-schedule-create-docs-example*.json",
	"SCH-20": "what the endpoint does and its permission: the schema and brazeserver",
	"SCH-25": "the rate limit is a rate, not a property of one payload",
	"SCH-26": "the docs' example, a negative fixture: testdata/examples/campaigns-trigger-schedule-create-docs-example.json",
	"SCH-27": "what the endpoint does and its permission: the schema and brazeserver",
	"SCH-30": "when Canvas entries are counted is Braze's bookkeeping; nothing in a payload",
	"SCH-31": "the rate limit is a rate, not a property of one payload",
	"TX-2":   "the permission and headers are not in the payload (brazeserver checks transactional.send)",
	"TX-6":   "how Braze orders rapid updates of one user; nothing in one payload",
	"TX-9":   "the allotment is a rate over requests, not a property of one payload",
	"TX-11":  "event postbacks go from Braze to the caller; nothing in a request",
	"TX-12":  "the docs' example, a negative fixture: testdata/examples/transactional-send-docs-example*.json",
	"INC-51": "the transactional allotment is a rate over requests (TX-9)",
	"INC-52": "the rate-limit bucket of the scheduled triggers is a rate, not a property of one payload",
	"EX-29":  "the docs' example is not JSON; testdata/examples/transactional-send-docs-example.json reports json-syntax, the fixed one nothing",
	"EX-30":  "defects of the docs' body sketches, which are not JSON payloads",
}

// TestRevisedFactsAreCovered holds every revised fact to a rule that cites it
// or a reason why none can, and keeps the reasons honest: a fact a rule cites
// needs no excuse.
func TestRevisedFactsAreCovered(t *testing.T) {
	cited := map[string]bool{}
	for _, r := range Rules {
		for _, id := range r.Spec {
			cited[id] = true
		}
	}
	listed := map[string]bool{}
	for _, id := range revisedFacts {
		if !specID.MatchString(id) {
			t.Errorf("%q is not a spec id", id)
		}
		listed[id] = true
		why, excused := factsWithoutRule[id]
		switch {
		case cited[id] && excused:
			t.Errorf("%s is cited by a rule and also listed as having none: %s", id, why)
		case !cited[id] && !excused:
			t.Errorf("%s is revised, but no rule cites it and factsWithoutRule does not say why", id)
		}
	}
	for id := range factsWithoutRule {
		if !listed[id] {
			t.Errorf("factsWithoutRule lists %s, which is not a revised fact", id)
		}
	}
}
