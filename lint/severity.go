package lint

import "fmt"

// Severity ranks a diagnostic. The zero value is not a valid severity.
type Severity uint8

const (
	Error Severity = iota + 1
	Warning
	Info
	Hint
)

var severityNames = [...]string{Error: "error", Warning: "warning", Info: "info", Hint: "hint"}

func (s Severity) String() string {
	if s >= Error && s <= Hint {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// ParseSeverity reads the lower-case name of a severity.
func ParseSeverity(name string) (Severity, error) {
	for s := Error; s <= Hint; s++ {
		if severityNames[s] == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or hint)", name)
}

func (s Severity) MarshalText() ([]byte, error) {
	if s < Error || s > Hint {
		return nil, fmt.Errorf("invalid severity %d", uint8(s))
	}
	return []byte(severityNames[s]), nil
}

func (s *Severity) UnmarshalText(text []byte) error {
	v, err := ParseSeverity(string(text))
	if err == nil {
		*s = v
	}
	return err
}
