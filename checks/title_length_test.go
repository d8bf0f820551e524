package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTitleLength(t *testing.T) {
	checktest.Run(t, "../testdata/checks/title-length", checks.TitleLength)
}
