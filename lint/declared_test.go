package lint

import (
	"strings"
	"testing"
)

func TestDeclaredNamesArePrintedOthersAreNot(t *testing.T) {
	for _, name := range []string{"external_user_ids", "messages", "whats_app", "custom_attribute_name", "trigger_properties", "app_id"} {
		if !Declared(name) {
			t.Errorf("Declared(%q) = false: a schema declares it", name)
		}
	}
	for _, name := range []string{"jane.doe@example.com", "4815162342", "\n::error::x", ""} {
		if Declared(name) {
			t.Errorf("Declared(%q) = true", name)
		}
	}
	if got := Path("recipients", 0, "trigger_properties", "jane.doe@example.com"); got != "recipients[0].trigger_properties.*" {
		t.Errorf("Path = %q", got)
	}
	p := PrivatePointer("/recipients/0/trigger_properties/jane.doe@example.com")
	if strings.Contains(p, "jane") || !strings.HasPrefix(p, "/recipients/0/trigger_properties/~h") {
		t.Errorf("PrivatePointer = %q", p)
	}
	if PrivatePointer("/a~1jane") == PrivatePointer("/a~1john") {
		t.Error("PrivatePointer does not tell members apart")
	}
	if p := "/messages/sms/body"; PrivatePointer(p) != p {
		t.Errorf("PrivatePointer(%q) = %q, want it as it is", p, PrivatePointer(p))
	}
}
