package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestStructuredData(t *testing.T) {
	checktest.Run(t, "../testdata/checks/structured-data", checks.StructuredData)
}

// Parse errors are errors, the CDATA note info, content problems warnings.
func TestStructuredDataSeverities(t *testing.T) {
	const dir = "../testdata/checks/structured-data/"
	for file, want := range map[string]map[string]checks.Severity{
		"trailing-comma.html": {"trailing-comma.html:6": checks.Error},
		"cdata.html":          {"cdata.html:6": checks.Info},
		"content.html":        {"content.html:6": checks.Warning},
	} {
		got := headLinkSeverities(t, dir+file, checks.StructuredData)
		for k, sev := range want {
			if got[k] != sev {
				t.Errorf("%s: %v, want %v (all: %v)", k, got[k], sev, got)
			}
		}
	}
}
