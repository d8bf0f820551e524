package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestOpenGraph(t *testing.T) {
	checktest.Run(t, "../testdata/checks/open-graph", checks.OpenGraph)
}
