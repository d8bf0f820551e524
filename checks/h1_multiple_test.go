package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestH1Multiple(t *testing.T) {
	checktest.Run(t, "../testdata/checks/h1-multiple", checks.H1Multiple)
}
