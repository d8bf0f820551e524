package checks_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/sitemap"
)

func TestSitemap(t *testing.T) {
	sitemapRunFixtures(t, "../testdata/checks/sitemap", checks.Sitemap)
}

// The fixtures of the rules that read robots.txt and sitemaps carry wants
// in those files too: "<!-- want: RULE "re" -->" in XML and
// "# want: RULE "re"" in robots.txt. In crawl mode the fixture is served on
// loopback with https://example.org rewritten to the server's address in
// .xml, .txt and .html files, robots.txt and the sitemaps are read with
// crawler.LoadSiteFiles, and the sitemap URLs the crawl did not reach are
// fetched as a crawl seeded from the sitemap would.

// sitemapWants reads wants from robots.txt (# comments) and sitemaps too.
var sitemapWants = checktest.WantSyntax{Exts: []string{".html", ".xml", ".txt"}, Hash: true}

// sitemapRunFixtures runs rule over every subfolder of dir in both modes.
func sitemapRunFixtures(t *testing.T, dir string, rule *checks.Check) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		ran++
		site := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			for _, mode := range []page.Mode{page.ModeCheck, page.ModeCrawl} {
				if !rule.RunsIn(mode) {
					continue
				}
				t.Run(string(mode), func(t *testing.T) {
					wants := checktest.ReadWants(t, site, sitemapWants)
					var got []checks.Finding
					if mode == page.ModeCheck {
						got = checktest.CheckFolder(t, site, rule)
					} else {
						got = sitemapCrawl(t, site, rule)
					}
					checktest.Compare(t, []*checks.Check{rule}, wants, got)
				})
			}
		})
	}
	if ran == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}

// sitemapServer serves dir, with https://example.org in .xml, .txt and
// .html files rewritten to the server's own address.
func sitemapServer(dir string) *httptest.Server {
	var srv *httptest.Server
	files := http.FileServer(http.Dir(dir))
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := path.Ext(r.URL.Path)
		if ext != ".xml" && ext != ".txt" && ext != ".html" {
			files.ServeHTTP(w, r)
			return
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch ext {
		case ".txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		default:
			w.Header().Set("Content-Type", "application/xml")
		}
		w.Write(bytes.ReplaceAll(raw, []byte("https://example.org"), []byte(srv.URL)))
	}))
	return srv
}

// sitemapCrawl crawls dir served on loopback with the site files loaded.
func sitemapCrawl(t *testing.T, dir string, rule *checks.Check) []checks.Finding {
	t.Helper()
	srv := sitemapServer(dir)
	defer srv.Close()
	ctx := context.Background()
	c, site, err := crawler.NewCrawler(crawler.CrawlOptions{
		Start: srv.URL + "/", MaxDepth: -1, SkipExternal: true, Concurrency: 4,
		Timeout: 10 * time.Second, UserAgent: "pagelint-test", IgnoreRobots: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	rb, maps := crawler.LoadSiteFiles(ctx, srv.Client(), site.Root, "pagelint-test", 10*time.Second)
	site.SetRobots(rb)
	for _, m := range maps {
		site.AddSitemap(m)
	}
	runner := checks.NewRunner(site, []*checks.Check{rule}, checktest.Now)
	res, err := c.Run(ctx, runner.Page)
	if err != nil {
		t.Fatal(err)
	}
	site.SetComplete(res.Complete)
	sitemapSeed(t, srv.Client(), site, runner)
	fs, err := runner.Finish()
	if err != nil {
		t.Fatal(err)
	}
	for i := range fs {
		fs[i].File = checktest.FileOfPath(dir, fs[i].Path)
	}
	return fs
}

// sitemapSeed fetches the sitemap URLs the crawl did not reach, as a crawl
// seeded from the sitemap does: redirects and failures are recorded, pages
// are handed to the rules.
func sitemapSeed(t *testing.T, client *http.Client, site *page.Site, runner *checks.Runner) {
	t.Helper()
	noFollow := *client
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, target := range site.SitemapURLs() {
		if _, ok := site.Page(target); ok || !site.Internal(target) {
			continue
		}
		f := page.Fetch{URL: target, Method: http.MethodGet}
		cur := target
		var body []byte
		var header http.Header
		for range 10 {
			resp, err := noFollow.Get(cur)
			if err != nil {
				f.Err = err.Error()
				break
			}
			body, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			f.Status, header = resp.StatusCode, resp.Header
			if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
				f.Redirects = append(f.Redirects, resp.StatusCode)
				u, _ := url.Parse(cur)
				next, _ := u.Parse(loc)
				cur = page.Normalize(next)
				continue
			}
			break
		}
		f.Final = cur
		if f.Err == "" && f.Status < 400 {
			f.Outcome = page.OutcomeOK
		} else {
			f.Outcome = page.OutcomeBroken
		}
		site.RecordFetch(f)
		if _, ok := site.Page(cur); ok || f.Status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
			continue
		}
		u, _ := url.Parse(cur)
		p, err := page.Parse(u, body)
		if err != nil {
			t.Fatal(err)
		}
		p.Path, p.Header = site.SitePath(cur), header
		runner.Page(p)
	}
}

// In crawl mode the entries are judged by what the crawl fetched; entries
// it did not fetch are not judged.
func TestSitemapCrawlVerdicts(t *testing.T) {
	root, _ := url.Parse("https://example.org/")
	site := page.NewSite(root, page.ModeCrawl, true)
	doc := `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/old</loc></url>
<url><loc>https://example.org/err</loc></url>
<url><loc>https://example.org/unfetched</loc></url>
<url><loc>https://example.org/ok</loc></url>
<url><loc>https://example.org/slash</loc></url>
</urlset>`
	m, err := sitemap.Read([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	site.AddSitemap(&page.SitemapFile{URL: "https://example.org/sitemap.xml", From: "default", Status: 200, Map: m})
	site.RecordFetch(page.Fetch{URL: "https://example.org/old", Status: 200, Final: "https://example.org/new", Redirects: []int{301}, Outcome: page.OutcomeOK})
	site.RecordFetch(page.Fetch{URL: "https://example.org/err", Status: 500, Final: "https://example.org/err", Outcome: page.OutcomeBroken})
	site.RecordFetch(page.Fetch{URL: "https://example.org/ok", Status: 200, Final: "https://example.org/ok", Outcome: page.OutcomeOK})
	site.AddPage(&page.Summary{URL: "https://example.org/ok", Path: "/ok", Status: 200})
	site.AddPage(&page.Summary{URL: "https://example.org/slash/", Path: "/slash/", Status: 200})
	site.Alias("https://example.org/slash", "https://example.org/slash/")
	fs, err := checks.NewRunner(site, []*checks.Check{checks.Sitemap}, checktest.Now).Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Message))
	}
	want := []string{
		"/sitemap.xml:2 entry https://example.org/old redirects to https://example.org/new; list the final URL",
		"/sitemap.xml:3 entry https://example.org/err answers HTTP 500",
		"/sitemap.xml:6 entry https://example.org/slash redirects to https://example.org/slash/; list the final URL",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A sitemap of the www. host read for the bare domain: one finding, not
// one per entry.
func TestSitemapOffSiteEntries(t *testing.T) {
	root, _ := url.Parse("https://example.org/")
	site := page.NewSite(root, page.ModeCrawl, true)
	var b strings.Builder
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range 6 {
		fmt.Fprintf(&b, "<url><loc>https://www.example.org/p%d</loc></url>\n", i)
	}
	b.WriteString("</urlset>")
	m, err := sitemap.Read([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	site.AddSitemap(&page.SitemapFile{URL: "https://example.org/sitemap.xml", From: "default", Status: 200, Map: m})
	fs, err := checks.NewRunner(site, []*checks.Check{checks.Sitemap}, checktest.Now).Finish()
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Line != 2 || fs[0].Message != `6 of 6 entries are not on this site (https://example.org), starting with "https://www.example.org/p0"` {
		t.Errorf("findings %+v", fs)
	}
}
