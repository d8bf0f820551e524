package checks_test

import (
	"context"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

// BenchmarkCheckExampleSite measures the whole check pipeline (walk, parse,
// every rule, site rules, sorting) on the bundled example site.
func BenchmarkCheckExampleSite(b *testing.B) {
	for b.Loop() {
		folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{"../testdata/site"}, Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		r := checks.NewRunner(site, checks.All(), checktest.Now)
		if _, err := folder.Run(context.Background(), r.Page); err != nil {
			b.Fatal(err)
		}
		if _, err := r.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}
