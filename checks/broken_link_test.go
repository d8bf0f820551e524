package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestBrokenLink(t *testing.T) {
	checktest.Run(t, "../testdata/checks/broken-link", checks.BrokenLink)
}
