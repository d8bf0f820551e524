package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

// The plain runs prove the rule silent where the scheme is unknown (check
// mode without --base-url) or http (the loopback crawl); the https run
// checks the findings.
func TestMixedContent(t *testing.T) {
	checktest.Run(t, "../testdata/checks/mixed-content", checks.MixedContent)
	headLinkRunHTTPS(t, "../testdata/checks/mixed-content", checks.MixedContent)
}

// Blocked resources are errors, upgradable ones warnings.
func TestMixedContentSeverities(t *testing.T) {
	fs := headLinkCheckHTTPS(t, "../testdata/checks/mixed-content", checks.MixedContent)
	want := map[int]checks.Severity{8: checks.Error, 13: checks.Error, 16: checks.Error, 24: checks.Warning, 26: checks.Warning, 27: checks.Warning, 30: checks.Error, 31: checks.Error}
	seen := 0
	for _, f := range fs {
		if f.File != "wordpress-mixed.html" {
			continue
		}
		if sev, ok := want[f.Line]; ok {
			seen++
			if f.Severity != sev {
				t.Errorf("line %d: %v, want %v (%s)", f.Line, f.Severity, sev, f.Message)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d findings", seen, len(want))
	}
}
