package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestMetaDescriptionLength(t *testing.T) {
	checktest.Run(t, "../testdata/checks/meta-description-length", checks.MetaDescriptionLength)
}
