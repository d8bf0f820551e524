package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestCanonicalInvalid(t *testing.T) {
	checktest.Run(t, "../testdata/checks/canonical-invalid", checks.CanonicalInvalid)
	headLinkRunHTTPS(t, "../testdata/checks/canonical-invalid", checks.CanonicalInvalid)
}
