package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestDuplicateNav(t *testing.T) {
	checktest.Run(t, "../testdata/checks/duplicate-nav", checks.DuplicateNav)
}
