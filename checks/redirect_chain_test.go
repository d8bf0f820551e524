package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestRedirectChain(t *testing.T) {
	checktest.Run(t, "../testdata/checks/redirect-chain", checks.RedirectChain)
}
