package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestHTMLLang(t *testing.T) {
	checktest.Run(t, "../testdata/checks/html-lang", checks.HTMLLang)
}
