package lint

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/schema"
)

// Endpoint is a Braze REST endpoint whose request body brazelint checks,
// named by its path without the leading slash ("messages/send"). The one
// endpoint whose path holds a parameter is named for short:
// "transactional/send".
type Endpoint string

const (
	MessagesSend                   Endpoint = "messages/send"
	CampaignsTriggerSend           Endpoint = "campaigns/trigger/send"
	CanvasTriggerSend              Endpoint = "canvas/trigger/send"
	MessagesScheduleCreate         Endpoint = "messages/schedule/create"
	CampaignsTriggerScheduleCreate Endpoint = "campaigns/trigger/schedule/create"
	CanvasTriggerScheduleCreate    Endpoint = "canvas/trigger/schedule/create"
	TransactionalSend              Endpoint = "transactional/send"
)

// Targeting is how a body names the users it messages, which decides the
// broadcast, recipient-limit and split rules.
type Targeting uint8

const (
	// TargetUserLists: external_user_ids and user_aliases, or a segment or
	// audience with broadcast (/messages/send and its scheduled sibling).
	TargetUserLists Targeting = iota + 1
	// TargetRecipients: a recipients array of recipient objects, or
	// broadcast to the dashboard audience (the trigger endpoints).
	TargetRecipients
	// TargetOneRecipient: exactly one recipient object (transactional).
	TargetOneRecipient
)

// EndpointSpec describes one endpoint: everything brazelint needs to know
// about it besides its JSON Schema and the rules that apply to it.
type EndpointSpec struct {
	Name Endpoint
	// Path is the HTTP path; a segment written {name} stands for any one
	// non-empty segment (the campaign id of the transactional path).
	Path string
	// Title says in a few words what the endpoint does, for docs and usage.
	Title string
	// Schema names the endpoint's schema file; SchemaText is its text when
	// it is not embedded (an endpoint a test registers).
	Schema     string
	SchemaText []byte
	// Marks are the top-level members that tell a body of this endpoint
	// from the others' (see Registry.Detect). Decides are members that
	// settle the matter when present (schedule, canvas_id): the endpoint is
	// detected only with all of them, and wins over endpoints with fewer.
	Marks   []string
	Decides []string
	// Key is the member that wins a tie in its favour; Rank breaks the
	// ties Key leaves (the higher rank wins).
	Key  string
	Rank int
	// Targeting is how the body names its users; Users are its top-level
	// arrays of users, which may list MaxRecipients users together and
	// which split cuts into batches.
	Targeting Targeting
	Users     []string
	// Hints say, for top-level members other endpoints own (false in the
	// schema: wrong-endpoint-member), where they go.
	Hints map[string]string
	// HourlyOnly: every request counts toward the hourly rate limit, never
	// the per-minute one of segment and audience sends (SCH-18, TX-9).
	HourlyOnly bool
	// Reply lists the members of a success answer besides "message":
	// dispatch_id, schedule_id, status (what serve answers).
	Reply []string
}

// messagesHints are the hints of the bodies that carry inline messages.
var messagesHints = map[string]string{
	"recipients":              "it belongs to /campaigns/trigger/send and /canvas/trigger/send; here list users in external_user_ids or user_aliases",
	"context":                 "it belongs to /canvas/trigger/send",
	"canvas_entry_properties": "it belongs to /canvas/trigger/send (the older name of context)",
}

var campaignHints = map[string]string{
	"messages":                "the content of a triggered campaign is set in the dashboard; messages belongs to /messages/send",
	"external_user_ids":       "it belongs to /messages/send; here list users in recipients, one object per user",
	"user_aliases":            "it belongs to /messages/send; here list users in recipients, one object per user",
	"segment_id":              "target the segment in the campaign's dashboard settings and send with broadcast: true, or use audience",
	"context":                 "it belongs to /canvas/trigger/send; campaigns take trigger_properties",
	"canvas_entry_properties": "it belongs to /canvas/trigger/send (the older name of context); campaigns take trigger_properties",
}

var canvasHints = map[string]string{
	"messages":          "the content of a Canvas is set in the dashboard; messages belongs to /messages/send",
	"external_user_ids": "it belongs to /messages/send; here list users in recipients, one object per user",
	"user_aliases":      "it belongs to /messages/send; here list users in recipients, one object per user",
	"segment_id":        "target the segment in the Canvas's dashboard audience and send with broadcast: true, or use audience",
	"campaign_id":       "a Canvas is named by canvas_id; campaign_id belongs to the campaign endpoints",
	"attachments":       "attachments belong to /campaigns/trigger/send; a Canvas sets its email content in the dashboard",
	"recipient":         "list users in recipients, one object per user; recipient belongs to the transactional endpoint",
}

var transactionalHints = map[string]string{
	"recipients": "this endpoint messages exactly one user: name it in recipient, one object",
	"audience":   "this endpoint messages exactly one user, named in recipient",
	"broadcast":  "this endpoint messages exactly one user, named in recipient",
	"messages":   "the content of a transactional campaign is set in the dashboard",
}

// builtin is the endpoint table: every endpoint brazelint knows, in
// documentation order. Detection, validate.ParseEndpoint, the schema
// bundle, the transport guard, split, serve, `brazelint schema`, the docs and
// the usage strings all read it.
var builtin = []EndpointSpec{
	{Name: MessagesSend, Path: "/messages/send", Title: "send messages whose content is in the request",
		Schema: "messages-send.json", Key: "messages", Rank: 0,
		Marks:     []string{"messages", "external_user_ids", "user_aliases", "segment_id", "override_frequency_capping", "recipient_subscription_state"},
		Targeting: TargetUserLists, Users: []string{"external_user_ids", "user_aliases"},
		Hints: messagesHints,
		Reply: []string{"dispatch_id"}},
	{Name: CampaignsTriggerSend, Path: "/campaigns/trigger/send", Title: "trigger an API-triggered campaign",
		Schema: "campaigns-trigger-send.json", Rank: 2,
		Marks:     []string{"recipients", "trigger_properties", "attachments", "campaign_id"},
		Targeting: TargetRecipients, Users: []string{"recipients"},
		Hints: campaignHints,
		Reply: []string{"dispatch_id"}},
	{Name: CanvasTriggerSend, Path: "/canvas/trigger/send", Title: "trigger an API-triggered Canvas",
		Schema: "canvas-trigger-send.json", Decides: []string{"canvas_id"}, Key: "canvas_id", Rank: 1,
		Marks:     []string{"canvas_id", "context", "canvas_entry_properties", "recipients"},
		Targeting: TargetRecipients, Users: []string{"recipients"},
		Hints: canvasHints,
		Reply: []string{"dispatch_id"}},
	{Name: MessagesScheduleCreate, Path: "/messages/schedule/create", Title: "schedule messages whose content is in the request",
		Schema: "messages-schedule-create.json", Decides: []string{"schedule"}, Key: "messages", Rank: 0,
		Marks:     []string{"schedule", "messages", "external_user_ids", "user_aliases", "segment_id", "override_messaging_limits", "recipient_subscription_state"},
		Targeting: TargetUserLists, Users: []string{"external_user_ids", "user_aliases"},
		Hints:      messagesHints,
		HourlyOnly: true,
		Reply:      []string{"dispatch_id", "schedule_id"}},
	{Name: CampaignsTriggerScheduleCreate, Path: "/campaigns/trigger/schedule/create", Title: "schedule an API-triggered campaign",
		Schema: "campaigns-trigger-schedule-create.json", Decides: []string{"schedule"}, Rank: 2,
		Marks:     []string{"schedule", "recipients", "trigger_properties", "campaign_id"},
		Targeting: TargetRecipients, Users: []string{"recipients"},
		Hints: campaignHints,
		Reply: []string{"dispatch_id", "schedule_id"}},
	{Name: CanvasTriggerScheduleCreate, Path: "/canvas/trigger/schedule/create", Title: "schedule an API-triggered Canvas",
		Schema: "canvas-trigger-schedule-create.json", Decides: []string{"canvas_id", "schedule"}, Key: "canvas_id", Rank: 1,
		Marks:     []string{"schedule", "canvas_id", "context", "canvas_entry_properties", "recipients"},
		Targeting: TargetRecipients, Users: []string{"recipients"},
		Hints: canvasHints,
		Reply: []string{"dispatch_id", "schedule_id"}},
	{Name: TransactionalSend, Path: "/transactional/v1/campaigns/{campaign_id}/send", Title: "send one transactional email",
		Schema: "transactional-send.json", Key: "recipient", Rank: 3,
		Marks:      []string{"recipient", "external_send_id"},
		Targeting:  TargetOneRecipient,
		Hints:      transactionalHints,
		HourlyOnly: true,
		Reply:      []string{"dispatch_id", "status"}},
}

// Registry is an endpoint table. DefaultEndpoints holds the built-in one; a
// test makes its own with DefaultEndpoints.With, so nothing it registers
// leaks into other tests.
type Registry struct {
	specs   []EndpointSpec
	schemas *schema.Set
	// marks are the member names Detect asks about, each once, and
	// detects, per spec, its Decides, Marks and Key as bits of marks;
	// nil when there are more than 64 names, or a spec repeats one in its
	// Decides or Marks (which Detect counts twice).
	marks   []string
	detects []detectBits
	// markTable finds a name among marks, for DetectDoc.
	markTable *nameTable
}

// detectBits are one endpoint's Decides and Marks, and its Key, as bits of
// the registry's marks.
type detectBits struct{ decides, marks, key uint64 }

// DefaultEndpoints is the registry of the built-in endpoints.
var DefaultEndpoints = mustRegistry(builtin)

// Endpoints lists every endpoint brazelint knows, in documentation order.
var Endpoints = DefaultEndpoints.Endpoints()

func mustRegistry(specs []EndpointSpec) *Registry {
	r, err := newRegistry(specs, schema.Embedded())
	if err != nil {
		panic("lint: endpoint table: " + err.Error())
	}
	return r
}

func newRegistry(specs []EndpointSpec, base *schema.Set) (*Registry, error) {
	extra := map[string][]byte{}
	seen := map[Endpoint]bool{}
	for _, s := range specs {
		switch {
		case s.Name == "" || strings.HasPrefix(string(s.Name), "/") || s.Name == "auto":
			return nil, fmt.Errorf("endpoint %q: name it by its path without the leading slash", s.Name)
		case seen[s.Name]:
			return nil, fmt.Errorf("endpoint %q listed twice", s.Name)
		case !strings.HasPrefix(s.Path, "/") || s.Schema == "":
			return nil, fmt.Errorf("endpoint %q: needs a path and a schema file", s.Name)
		case len(s.Marks) == 0:
			return nil, fmt.Errorf("endpoint %q: needs members that mark its bodies", s.Name)
		}
		seen[s.Name] = true
		if s.SchemaText != nil {
			extra[s.Schema] = s.SchemaText
		}
	}
	set := base
	if len(extra) > 0 {
		set = base.With(extra)
	}
	r := &Registry{specs: specs, schemas: set}
	r.indexMarks()
	return r, nil
}

// indexMarks lists the names Detect asks about and each spec's as bits.
func (r *Registry) indexMarks() {
	index := map[string]int{}
	maskOf := func(names ...string) uint64 {
		var b uint64
		for _, n := range names {
			i, ok := index[n]
			if !ok {
				i = len(r.marks)
				index[n] = i
				r.marks = append(r.marks, n)
			}
			if i < 64 {
				b |= 1 << i
			}
		}
		return b
	}
	repeats := false
	for _, s := range r.specs {
		d := detectBits{decides: maskOf(s.Decides...), marks: maskOf(s.Marks...)}
		if s.Key != "" {
			d.key = maskOf(s.Key)
		}
		repeats = repeats || bits.OnesCount64(d.decides) != len(s.Decides) || bits.OnesCount64(d.marks) != len(s.Marks)
		r.detects = append(r.detects, d)
	}
	if len(r.marks) > 64 || repeats {
		r.marks, r.detects = nil, nil
		return
	}
	r.markTable = newNameTable(r.marks...)
}

// With returns a new registry holding r's endpoints and more, after them.
func (r *Registry) With(more ...EndpointSpec) (*Registry, error) {
	return newRegistry(append(slices.Clone(r.specs), more...), r.schemas)
}

// Endpoints lists the registry's endpoints in table order.
func (r *Registry) Endpoints() []Endpoint {
	eps := make([]Endpoint, len(r.specs))
	for i, s := range r.specs {
		eps[i] = s.Name
	}
	return eps
}

// Specs returns the table itself; callers must not change it.
func (r *Registry) Specs() []EndpointSpec { return r.specs }

// Spec returns the description of ep.
func (r *Registry) Spec(ep Endpoint) (*EndpointSpec, bool) {
	for i := range r.specs {
		if r.specs[i].Name == ep {
			return &r.specs[i], true
		}
	}
	return nil, false
}

// Schemas is the schema set that holds every endpoint's schema file.
func (r *Registry) Schemas() *schema.Set { return r.schemas }

// Lookup reads an endpoint name: the path without its leading slash (a
// leading slash is allowed), or the full path of an endpoint whose path
// holds a parameter, written as in the table or with a value in its place.
func (r *Registry) Lookup(name string) (Endpoint, bool) {
	trimmed := strings.TrimPrefix(name, "/")
	for _, s := range r.specs {
		if string(s.Name) == trimmed {
			return s.Name, true
		}
	}
	for _, s := range r.specs {
		if s.Path[1:] == trimmed || matchPath(s.Path, "/"+trimmed, false) {
			return s.Name, true
		}
	}
	return "", false
}

// ExportSchema returns the schema of ep as `brazelint schema` prints it
// (schema.Export over the registry's schema set).
func (r *Registry) ExportSchema(ep Endpoint, opts schema.ExportOptions) ([]byte, error) {
	s, ok := r.Spec(ep)
	if !ok {
		return nil, fmt.Errorf("unknown endpoint %q (want %s)", ep, r.Names())
	}
	return r.schemas.Export(s.Schema, opts)
}

// Markdown is the endpoint table as the README shows it: name, path, what
// it does, schema file, deciding and marking members, and user lists.
func (r *Registry) Markdown() string {
	var b strings.Builder
	b.WriteString("| Name (`--endpoint`) | Path | What it does | Schema | Detected by | Users |\n|---|---|---|---|---|---|\n")
	code := func(names []string) string {
		if len(names) == 0 {
			return "—"
		}
		return "`" + strings.Join(names, "`, `") + "`"
	}
	for _, s := range r.specs {
		detect := code(s.Marks)
		if len(s.Decides) > 0 {
			detect = "needs " + code(s.Decides) + "; " + detect
		}
		users := code(s.Users)
		if s.Targeting == TargetOneRecipient {
			users = "one `recipient`"
		}
		fmt.Fprintf(&b, "| `%s` | `POST %s` | %s | `schema/%s` | %s | %s |\n", s.Name, s.Path, s.Title, s.Schema, detect, users)
	}
	return b.String()
}

// Names lists the endpoint names for a usage string: "a, b or c".
func (r *Registry) Names() string {
	names := make([]string, len(r.specs))
	for i, s := range r.specs {
		names[i] = string(s.Name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// MatchPath returns the endpoint whose HTTP path is path (asSuffix: ends
// path at a segment boundary, for a client that sends under a prefix). A
// trailing slash is ignored.
func (r *Registry) MatchPath(path string, asSuffix bool, among []Endpoint) (Endpoint, bool) {
	path = strings.TrimSuffix(path, "/")
	for _, s := range r.specs {
		if among != nil && !slices.Contains(among, s.Name) {
			continue
		}
		if matchPath(s.Path, path, asSuffix) {
			return s.Name, true
		}
	}
	return "", false
}

// matchPath matches path against pattern segment by segment; {name}
// matches any one non-empty segment.
func matchPath(pattern, path string, asSuffix bool) bool {
	want := strings.Split(pattern[1:], "/")
	got := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(got) < len(want) || !asSuffix && len(got) != len(want) {
		return false
	}
	got = got[len(got)-len(want):]
	for i, w := range want {
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			if got[i] == "" {
				return false
			}
			continue
		}
		if got[i] != w {
			return false
		}
	}
	return true
}

// Detect tells the endpoint of a body from which of its top-level members
// are present (has). The precedence, documented in docs/endpoints.md:
//
//  1. Deciding members settle it: an endpoint is a candidate only when all
//     its Decides members are present, and the candidate with the most of
//     them wins. A body with schedule is a schedule-create body, one with
//     canvas_id a Canvas body, one with both a scheduled Canvas body.
//  2. Then the candidate with the most of its Marks present wins.
//  3. A tie goes to the candidate whose Key member is present (messages,
//     canvas_id, recipient), then to the higher Rank (a trigger body over
//     a messages one, as before there were more endpoints), then to the
//     earlier in the table.
//
// With no marks at all, ok is false.
func (r *Registry) Detect(has func(string) bool) (ep Endpoint, ok bool) {
	if r.detects != nil {
		return r.detectByBits(has)
	}
	best, bestScore := -1, [4]int{}
	for i, s := range r.specs {
		decided := true
		for _, k := range s.Decides {
			decided = decided && has(k)
		}
		if !decided {
			continue
		}
		n := 0
		for _, k := range s.Marks {
			if has(k) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		key := 0
		if s.Key != "" && has(s.Key) {
			key = 1
		}
		score := [4]int{len(s.Decides), n, key, s.Rank}
		if best < 0 || greater(score, bestScore) {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", false
	}
	return r.specs[best].Name, true
}

// DetectDoc is Detect for the payload d reads, a member counting when it is
// there and not null. It reads the root's members once rather than
// looking up each name Detect asks about.
func (r *Registry) DetectDoc(d *Doc) (ep Endpoint, ok bool) {
	nodes := d.t.Nodes
	if r.detects == nil || len(nodes) == 0 || nodes[0].Kind != tape.Object {
		return r.Detect(func(name string) bool { v := d.Root().Get(name); return v.Exists() && !v.IsNull() })
	}
	var present uint64
	for k := int32(1); k < nodes[0].Next; k = nodes[k].Next {
		if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 || nodes[k+1].Kind == tape.Null {
			continue
		}
		if i := r.markTable.index(d.str(k)); i >= 0 {
			present |= 1 << i
		}
	}
	return r.detectPresent(present)
}

// detectByBits is Detect asking has about each name once: many endpoints
// share their marks.
func (r *Registry) detectByBits(has func(string) bool) (ep Endpoint, ok bool) {
	var present uint64
	for i, n := range r.marks {
		if has(n) {
			present |= 1 << i
		}
	}
	return r.detectPresent(present)
}

// detectPresent is Detect given the bits of the marks present.
func (r *Registry) detectPresent(present uint64) (ep Endpoint, ok bool) {
	best, bestScore := -1, [4]int{}
	for i, d := range r.detects {
		n := bits.OnesCount64(d.marks & present)
		if d.decides&present != d.decides || n == 0 {
			continue
		}
		key := 0
		if d.key&present != 0 {
			key = 1
		}
		score := [4]int{bits.OnesCount64(d.decides), n, key, r.specs[i].Rank}
		if best < 0 || greater(score, bestScore) {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", false
	}
	return r.specs[best].Name, true
}

func greater(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// Path is the HTTP path of the endpoint, e.g. "/messages/send", as the
// built-in table gives it.
func (e Endpoint) Path() string {
	if s, ok := DefaultEndpoints.Spec(e); ok {
		return s.Path
	}
	return "/" + string(e)
}

// spec is the built-in description of e, nil for an endpoint the
// built-in table does not hold.
func (e Endpoint) spec() *EndpointSpec {
	s, _ := DefaultEndpoints.Spec(e)
	return s
}

// dashboardTarget names what a trigger body sends: "campaign" or "Canvas".
func dashboardTarget(e Endpoint) string {
	if slices.Contains(canvasTriggers, e) {
		return "Canvas"
	}
	return "campaign"
}

// userLists are the top-level members of e's bodies that list users.
func userLists(e Endpoint) []string {
	if s := e.spec(); s != nil {
		return s.Users
	}
	return nil
}

// targeting is how bodies of e name their users; 0 for an endpoint the
// built-in table does not hold.
func targeting(e Endpoint) Targeting {
	if s := e.spec(); s != nil {
		return s.Targeting
	}
	return 0
}

// Endpoint groups the rule table names: rules that apply to a kind of body
// rather than one endpoint.
var (
	// inlineMessages are the bodies that carry messaging objects.
	inlineMessages = []Endpoint{MessagesSend, MessagesScheduleCreate}
	// campaignTriggers are the bodies that trigger a dashboard campaign.
	campaignTriggers = []Endpoint{CampaignsTriggerSend, CampaignsTriggerScheduleCreate}
	// canvasTriggers are the bodies that trigger a Canvas.
	canvasTriggers = []Endpoint{CanvasTriggerSend, CanvasTriggerScheduleCreate}
	// triggers hold recipients: campaign and Canvas triggers.
	triggers = slices.Concat(campaignTriggers, canvasTriggers)
	// campaignProperties take the campaign trigger_properties object.
	campaignProperties = append(slices.Clip(campaignTriggers), TransactionalSend)
	// userListing name their users in lists (or broadcast): all but the
	// transactional send, which names one.
	userListing = slices.Concat(inlineMessages, triggers)
	// templated are the bodies whose strings Braze renders as Liquid:
	// messaging objects, and the campaign trigger properties and recipient
	// attributes (LIQ-44). A Canvas's context is read by its dashboard
	// templates, not rendered in the request.
	templated = slices.Concat(inlineMessages, campaignProperties)
	// attributed take user attributes objects in their recipients: the
	// triggers, and the transactional send's one recipient (TX-4).
	attributed = append(slices.Clip(triggers), TransactionalSend)
	// scheduled are the schedule-create endpoints.
	scheduled = []Endpoint{MessagesScheduleCreate, CampaignsTriggerScheduleCreate, CanvasTriggerScheduleCreate}
)
