package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestDuplicateContent(t *testing.T) {
	checktest.Run(t, "../testdata/checks/duplicate-content", checks.DuplicateContent)
}
