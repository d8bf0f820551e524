package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestStaleReview(t *testing.T) {
	checktest.Run(t, "../testdata/checks/stale-review", checks.StaleReview)
}
