package checks_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

func TestSuppressions(t *testing.T) {
	checktest.Run(t, "../testdata/checks/suppressions", checks.BrokenLink)
}

func TestUnusedSuppressions(t *testing.T) {
	dir := t.TempDir()
	src := strings.Join([]string{
		`<!doctype html><body>`,
		`<p data-pagelint-ignore="broken-link"><a href="/gone.html">used</a></p>`,
		`<p data-pagelint-ignore="broken-link"><a href="/">nothing to silence</a></p>`,
		`<p data-pagelint-ignore="no-such-rule">typo</p>`,
		`<p data-pagelint-ignore="duplicate-nav">a rule that is not running: left alone</p>`,
		`</body>`,
	}, "\n")
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	r := checks.NewRunner(site, []*checks.Check{checks.BrokenLink}, checktest.Now).ReportUnusedSuppressions()
	if _, err := folder.Run(context.Background(), r.Page); err != nil {
		t.Fatal(err)
	}
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.Message)
	}
	want := []string{
		`unused-suppression data-pagelint-ignore="broken-link" silenced nothing: remove it`,
		`unused-suppression data-pagelint-ignore="no-such-rule" names unknown rule "no-such-rule"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
