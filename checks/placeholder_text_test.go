package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestPlaceholderText(t *testing.T) {
	checktest.Run(t, "../testdata/checks/placeholder-text", checks.PlaceholderText)
}

// Leftovers people can see are warnings; the same text in an element hidden
// from everyone (Avada's aria-hidden "Page load link") is info.
func TestPlaceholderTextSeverities(t *testing.T) {
	leftoverSeverities(t, checks.PlaceholderText, "../testdata/checks/placeholder-text", map[string]checks.Severity{
		"contact-leftovers.html:8":  checks.Info,
		"contact-leftovers.html:11": checks.Warning,
		"contact-leftovers.html:13": checks.Warning,
		"contact-leftovers.html:15": checks.Warning,
		"contact-leftovers.html:17": checks.Warning,
		"contact-leftovers.html:18": checks.Warning,
		"contact-leftovers.html:19": checks.Warning,
		"contact-leftovers.html:20": checks.Warning,
		"contact-leftovers.html:29": checks.Warning,
	})
}
