package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTimestampLeak(t *testing.T) {
	checktest.Run(t, "../testdata/checks/timestamp-leak", checks.TimestampLeak)
}
