package checks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

func TestStaleReview(t *testing.T) {
	checktest.Run(t, "../testdata/checks/stale-review", checks.StaleReview)
}

// TestStaleReviewMaxAgeOption checks that max-age-days moves the limit: the
// review of September 2, 2025 is 286 days old on the fixture date.
func TestStaleReviewMaxAgeOption(t *testing.T) {
	for _, tt := range []struct {
		maxAge int
		want   int
	}{{365, 0}, {200, 1}} {
		folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{"../testdata/checks/stale-review"}})
		if err != nil {
			t.Fatal(err)
		}
		cfg := checks.Config{Rules: map[string]checks.RuleConfig{
			"stale-review": {Options: map[string]any{"max-age-days": tt.maxAge}},
		}}
		r := checks.NewRunner(site, []*checks.Check{checks.StaleReview}, checktest.Now).WithConfig(cfg)
		if _, err := folder.Run(context.Background(), r.Page); err != nil {
			t.Fatal(err)
		}
		fs, err := r.Finish()
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, f := range fs {
			if f.File == "recent-review.html" {
				got++
				if !strings.Contains(f.Message, "limit 200 days") {
					t.Errorf("message %q does not name the limit", f.Message)
				}
			}
		}
		if got != tt.want {
			t.Errorf("max-age-days %d: %d findings on recent-review.html, want %d", tt.maxAge, got, tt.want)
		}
	}
}
