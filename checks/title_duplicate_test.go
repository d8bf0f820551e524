package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTitleDuplicate(t *testing.T) {
	checktest.Run(t, "../testdata/checks/title-duplicate", checks.TitleDuplicate)
}
