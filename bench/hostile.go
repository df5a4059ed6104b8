package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// hostileSize is the size of each hostile payload: just under the 4 MiB
// limit, so every one is read in full.
const hostileSize = 4<<20 - 256

// maxHostile is issue 22's target for the command on each hostile shape.
const maxHostile = 2 * time.Second

// hostileShape is a payload built to cost as much as the input allows:
// shapes that once took seconds to minutes (issues 21 and 22). fill repeats
// unit in a template until the payload is hostileSize bytes.
type hostileShape struct {
	name           string
	prefix, suffix string
	unit           func(i int) string
	sep            string
	// args are the command's arguments before the file; nil checks it.
	args []string
}

const smsTail = `], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`

func smsBody(prefix string) (string, string) {
	return `{"external_user_ids": ["u"], "messages": {"sms": {"subscription_group_id": "g", "app_id": "a", "body": "` + prefix, `"}}}`
}

var hostileShapes = func() []hostileShape {
	liquid := func(name, unit string) hostileShape {
		pre, suf := smsBody("")
		return hostileShape{name: name, prefix: pre, suffix: suf, unit: func(int) string { return unit }}
	}
	commentPre, commentSuf := smsBody("{% comment %}")
	return []hostileShape{
		{name: "empty external_user_ids (a finding each)", prefix: `{"external_user_ids": [`, suffix: smsTail, sep: ",",
			unit: func(int) string { return `""` }},
		{name: "numeric external_user_ids (a finding and a fix each)", prefix: `{"external_user_ids": [`, suffix: smsTail, sep: ",",
			unit: func(i int) string { return fmt.Sprint(10_000_000 + i) }},
		{name: "numeric external_user_ids, --diff (fixes judged)", prefix: `{"external_user_ids": [`, suffix: smsTail, sep: ",",
			unit: func(i int) string { return fmt.Sprint(10_000_000 + i) }, args: []string{"--diff"}},
		{name: "external_user_ids, split --ndjson", prefix: `{"external_user_ids": [`, suffix: smsTail, sep: ",",
			unit: func(i int) string { return fmt.Sprintf(`"u%07d"`, i) }, args: []string{"split", "--ndjson"}},
		{name: "unknown members", prefix: `{"segment_id": "s", "broadcast": true, "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}`,
			suffix: "}", unit: func(i int) string { return fmt.Sprintf(`, "x%07d": 1`, i) }},
		{name: "recipients with two findings each", prefix: `{"campaign_id": "c", "recipients": [`, suffix: "]}", sep: ",",
			unit: func(int) string { return `{"external_user_id": "u", "send_to_existing_only": "yes"}` }},
		{name: "a 4-million-digit integer", prefix: `{"external_user_ids": ["u"], "messages": {"android_push": {"alert": "a", "time_to_live": 1`,
			suffix: `}}}`, unit: func(int) string { return "0" }},
		{name: "an unclosed raw after a comment", prefix: commentPre, suffix: commentSuf, unit: func(int) string { return "{% raw %}" }},
		liquid("promotion tags (no finding)", "{% promotion('x') %}"),
		liquid("connected_content tags", "{% connected_content https://api.example.com/x?y=1 :save r %}{{ r.a }}"),
		liquid("message_extras tags", "{% message_extras :key {{x}} :value {{y}} %}"),
		liquid("Liquid findings behind escapes", `\n\u00e9{{ ‘x’ }}`),
	}
}()

// build writes the shape's payload, of at most size bytes.
func (s hostileShape) build(size int) []byte {
	var b strings.Builder
	b.Grow(size)
	b.WriteString(s.prefix)
	for i := 0; ; i++ {
		u := s.unit(i)
		if i > 0 {
			u = s.sep + u
		}
		if b.Len()+len(u)+len(s.suffix) > size {
			break
		}
		b.WriteString(u)
	}
	b.WriteString(s.suffix)
	return []byte(b.String())
}

type hostileTiming struct {
	name string
	wall time.Duration
}

// timeHostile runs the command once on each hostile shape (the slowest of
// a few runs would say more, but each may take seconds when it fails).
func timeHostile(b binaries, dir string) ([]hostileTiming, error) {
	var out []hostileTiming
	for _, s := range hostileShapes {
		path := filepath.Join(dir, "hostile.json")
		if err := os.WriteFile(path, s.build(hostileSize), 0o644); err != nil {
			return nil, err
		}
		args := append(append([]string{}, s.args...), path)
		if s.args == nil || s.args[0] != "split" {
			args = append([]string{"--no-config"}, args...)
		}
		d, err := runQuiet(exec.Command(b.brazelint, args...))
		os.Remove(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		out = append(out, hostileTiming{s.name, d})
	}
	return out, nil
}
