package checks_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/robots"
)

func TestRobotsTxt(t *testing.T) {
	sitemapRunFixtures(t, "../testdata/checks/robots-txt", checks.RobotsTxt)
}

// robotsTxtRun runs the rule over a crawl-mode site holding only rb.
func robotsTxtRun(t *testing.T, rb *page.RobotsFile) []checks.Finding {
	t.Helper()
	root, _ := url.Parse("https://example.org/")
	site := page.NewSite(root, page.ModeCrawl, true)
	site.SetRobots(rb)
	fs, err := checks.NewRunner(site, []*checks.Check{checks.RobotsTxt}, checktest.Now).Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestRobotsTxtUnreachable(t *testing.T) {
	for _, rb := range []*page.RobotsFile{
		{URL: "https://example.org/robots.txt", Status: 503},
		{URL: "https://example.org/robots.txt", Err: "connection refused"},
	} {
		fs := robotsTxtRun(t, rb)
		if len(fs) != 1 || fs[0].Severity != checks.Error || fs[0].URL != "https://example.org/robots.txt" ||
			!strings.Contains(fs[0].Message, "crawlers treat the whole site as disallowed") {
			t.Errorf("%+v: findings %+v", rb, fs)
		}
		if !rb.Unreachable() || rb.Allowed("x", "/a") {
			t.Errorf("%+v must disallow all", rb)
		}
	}
	for _, status := range []int{401, 403, 404, 410} {
		rb := &page.RobotsFile{URL: "https://example.org/robots.txt", Status: status}
		if fs := robotsTxtRun(t, rb); len(fs) != 0 {
			t.Errorf("HTTP %d: want no finding, got %+v", status, fs)
		}
		if !rb.Allowed("x", "/a") {
			t.Errorf("HTTP %d must allow all", status)
		}
	}
}

func TestRobotsTxtTooBig(t *testing.T) {
	dir := t.TempDir()
	body := "User-agent: *\nDisallow: /private/\n" + strings.Repeat("# filler line of a generated file\n", robots.MaxSize/30)
	if err := os.WriteFile(filepath.Join(dir, "robots.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!DOCTYPE html><html lang=en><title>x</title><p>x</p></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := checktest.CheckFolder(t, dir, checks.RobotsTxt)
	if len(fs) != 1 || fs[0].File != "robots.txt" || !strings.Contains(fs[0].Message, "over the 500 KiB crawlers read") {
		t.Errorf("findings %+v", fs)
	}
}

func TestRobotsTxtHTMLContentType(t *testing.T) {
	// A real robots.txt served as text/html is read all the same.
	rb := &page.RobotsFile{URL: "https://example.org/robots.txt", Status: 200, ContentType: "text/html",
		Body: []byte("User-agent: *\nDisallow: /a/\n")}
	rb.Rules = robots.Parse(rb.Body)
	if fs := robotsTxtRun(t, rb); len(fs) != 0 {
		t.Errorf("findings %+v", fs)
	}
}
