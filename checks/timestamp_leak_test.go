package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTimestampLeak(t *testing.T) {
	checktest.Run(t, "../testdata/checks/timestamp-leak", checks.TimestampLeak)
}

// TestTimestampLeakSeverity checks that hidden timestamps are info, while
// visible ones and placeholder dates, hidden or not, are warnings.
func TestTimestampLeakSeverity(t *testing.T) {
	fs := checktest.CheckFolder(t, "../testdata/checks/timestamp-leak", checks.TimestampLeak)
	counts := map[string]int{}
	for _, f := range fs {
		counts[f.File+" "+f.Severity.String()]++
	}
	want := map[string]int{
		"avada-hidden-updated.html info":   1,
		"listing-hidden-repeats.html info": 1,
		"visible-byline.html warning":      1,
		"zero-dates.html warning":          4,
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d findings, want %d (all: %v)", k, counts[k], n, counts)
		}
	}
	if len(fs) != 7 {
		t.Errorf("got %d findings, want 7: %v", len(fs), counts)
	}
}
