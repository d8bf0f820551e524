package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestH1Missing(t *testing.T) {
	checktest.Run(t, "../testdata/checks/h1-missing", checks.H1Missing)
}
