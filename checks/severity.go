package checks

import (
	"fmt"
	"strings"
)

// Severity ranks findings. The zero value means "the rule's default" where
// an Issue is reported, so Info starts at 1.
type Severity int

// Severities, lowest first, so that comparisons read naturally.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// FailOn is the --fail-on threshold: a severity, or never.
type FailOn struct {
	Never bool
	Min   Severity
}

// ParseFailOn reads "error", "warning", "info" or "never".
func ParseFailOn(s string) (FailOn, error) {
	if strings.EqualFold(strings.TrimSpace(s), "never") {
		return FailOn{Never: true}, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return FailOn{}, fmt.Errorf("unknown --fail-on value %q (want error, warning, info or never)", s)
	}
	return FailOn{Min: sev}, nil
}

// Fails reports whether any finding is at or above the threshold.
func (f FailOn) Fails(findings []Finding) bool {
	if f.Never {
		return false
	}
	for _, x := range findings {
		if x.Severity >= f.Min {
			return true
		}
	}
	return false
}
