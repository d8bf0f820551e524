package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

// TestExampleSite runs every rule over the bundled example site, whose pages
// say which findings they expect, in check mode and in crawl mode: both modes
// must give exactly the wanted findings.
func TestExampleSite(t *testing.T) {
	checktest.RunSite(t, "../testdata/site", checks.All()...)
}
