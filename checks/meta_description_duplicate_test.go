package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestMetaDescriptionDuplicate(t *testing.T) {
	checktest.Run(t, "../testdata/checks/meta-description-duplicate", checks.MetaDescriptionDuplicate)
}
