package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestLinkMalformed(t *testing.T) {
	checktest.Run(t, "../testdata/checks/link-malformed", checks.LinkMalformed)
}
