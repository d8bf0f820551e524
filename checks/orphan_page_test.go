package checks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

func TestOrphanPage(t *testing.T) {
	sitemapRunFixtures(t, "../testdata/checks/orphan-page", checks.OrphanPage)
}

// A run over some pages only cannot tell orphans: the rule says nothing
// and leaves a notice.
func TestOrphanPageIncomplete(t *testing.T) {
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{
		Paths: []string{"../testdata/checks/orphan-page/site"},
		Pages: []string{"self.html", "offers/spring-2025.html"},
	})
	if err != nil {
		t.Fatal(err)
	}
	runner := checks.NewRunner(site, []*checks.Check{checks.OrphanPage}, checktest.Now)
	if _, err := folder.Run(context.Background(), runner.Page); err != nil {
		t.Fatal(err)
	}
	fs, err := runner.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("want no findings, got %+v", fs)
	}
	if n := site.Notices(); len(n) != 1 || !strings.Contains(n[0], "orphan-page was skipped") {
		t.Errorf("notices %q", n)
	}
}
