package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestSoft404(t *testing.T) {
	checktest.Run(t, "../testdata/checks/soft-404", checks.Soft404)
}
