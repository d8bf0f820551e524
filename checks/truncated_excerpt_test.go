package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTruncatedExcerpt(t *testing.T) {
	checktest.Run(t, "../testdata/checks/truncated-excerpt", checks.TruncatedExcerpt)
}
