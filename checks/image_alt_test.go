package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestImageAlt(t *testing.T) {
	checktest.Run(t, "../testdata/checks/image-alt", checks.ImageAlt)
}
