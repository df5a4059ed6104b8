package liquid

import (
	"strings"
	"testing"
)

// TestURLSpans pins the URL contexts of LIQ-43 to the text between « and ».
func TestURLSpans(t *testing.T) {
	for _, marked := range []string{
		`<a href="«https://example.com/?u={{${user_id}}}»">Hi {{${first_name}}}</a>`,
		`<a class="x" HREF = '«{{ ${set_user_to_unsubscribed_url} | default: 'x' }}»'>`,
		`<img src=«{{custom_attribute.${avatar}}}» alt="{{${first_name}}}">`,
		`<img src=«https://x/{{a}}.png»>`,
		`<form action="«/s?c={{campaign.${name}}}»"><img srcset="«a.png 1x, {{b}} 2x»"><td background="«{{bg}}»">`,
		`Read [the post](«https://example.com/?c={{campaign.${name}}}») or ![logo](«{{logo}}»)`,
		`{% if x %}<a href="«{{u}}»">{% endif %}`,
		`<a href="«{{u}}»`, // left open: to the end
		`?src=1&href=2 data-href="3" x [a] (b) <a href="">`,
		`<a title="{{ ${first_name} }}" href={{u}}>`, // href={{u}}: the output alone
	} {
		var want []Span
		src := marked
		for {
			i := strings.Index(src, "«")
			if i < 0 {
				break
			}
			src = src[:i] + src[i+len("«"):]
			j := strings.Index(src, "»")
			src = src[:j] + src[j+len("»"):]
			want = append(want, Span{i, j})
		}
		got := Parse(src).URLSpans()
		if marked == `<a title="{{ ${first_name} }}" href={{u}}>` {
			want = []Span{{strings.Index(src, "{{u}}"), strings.Index(src, "{{u}}") + len("{{u}}")}}
		}
		if len(got) != len(want) {
			t.Errorf("%s: spans %v, want %v", marked, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: span %d is %q, want %q", marked, i, src[got[i].Start:got[i].End], src[want[i].Start:want[i].End])
			}
		}
	}
}
