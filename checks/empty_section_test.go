package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestEmptySection(t *testing.T) {
	checktest.Run(t, "../testdata/checks/empty-section", checks.EmptySection)
}

// An empty section is a warning; one that holds only a script hook or a
// hidden container is info (content probably injected by JavaScript).
func TestEmptySectionSeverities(t *testing.T) {
	leftoverSeverities(t, checks.EmptySection, "../testdata/checks/empty-section", map[string]checks.Severity{
		"script-hooks.html:11":     checks.Info,
		"script-hooks.html:14":     checks.Info,
		"script-hooks.html:16":     checks.Info,
		"script-hooks.html:21":     checks.Info,
		"faq-not-rendered.html:23": checks.Warning,
		"faq-not-rendered.html:26": checks.Warning,
	})
}
