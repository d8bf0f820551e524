package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestStaleCopyright(t *testing.T) {
	checktest.Run(t, "../testdata/checks/stale-copyright", checks.StaleCopyright)
}

// TestStaleCopyrightSeverity checks the variants: last year is info, two or
// more years behind a warning.
func TestStaleCopyrightSeverity(t *testing.T) {
	want := map[string]checks.Severity{
		"range-last-year.html":         checks.Info,
		"range-two-years-behind.html":  checks.Warning,
		"single-year-old.html":         checks.Warning,
		"updated-page-old-notice.html": checks.Warning,
	}
	fs := checktest.CheckFolder(t, "../testdata/checks/stale-copyright", checks.StaleCopyright)
	if len(fs) != len(want) {
		t.Errorf("got %d findings, want %d: %+v", len(fs), len(want), fs)
	}
	for _, f := range fs {
		if sev, ok := want[f.File]; !ok || f.Severity != sev {
			t.Errorf("%s: severity %v, want %v", f.File, f.Severity, sev)
		}
	}
}
