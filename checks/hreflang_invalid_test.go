package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestHreflangInvalid(t *testing.T) {
	checktest.Run(t, "../testdata/checks/hreflang-invalid", checks.HreflangInvalid)
	headLinkRunHTTPS(t, "../testdata/checks/hreflang-invalid", checks.HreflangInvalid)
}
