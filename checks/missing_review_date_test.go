package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestMissingReviewDate(t *testing.T) {
	checktest.Run(t, "../testdata/checks/missing-review-date", checks.MissingReviewDate)
}
