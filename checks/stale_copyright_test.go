package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestStaleCopyright(t *testing.T) {
	checktest.Run(t, "../testdata/checks/stale-copyright", checks.StaleCopyright)
}
