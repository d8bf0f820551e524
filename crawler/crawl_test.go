package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

// testSite serves pages from a map of path -> HTML and counts requests.
type testSite struct {
	mu    sync.Mutex
	pages map[string]string
	hits  map[string]int
	srv   *httptest.Server
}

func newTestSite(t *testing.T, pages map[string]string) *testSite {
	t.Helper()
	s := &testSite{pages: pages, hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.RequestURI()]++
		s.mu.Unlock()
		body, ok := s.pages[r.URL.Path]
		switch {
		case !ok:
			http.NotFound(w, r)
		case strings.HasPrefix(body, "redirect:"):
			http.Redirect(w, r, strings.TrimPrefix(body, "redirect:"), http.StatusMovedPermanently)
		case strings.HasSuffix(r.URL.Path, ".txt"):
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, body)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testSite) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func crawl(t *testing.T, opts CrawlOptions) (Result, []string, *page.Site) {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.MaxDepth == 0 {
		opts.MaxDepth = -1
	}
	c, site, err := NewCrawler(opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var read []string
	res, err := c.Run(context.Background(), func(p *page.Page) {
		mu.Lock()
		read = append(read, p.Path)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(read)
	return res, read, site
}

func TestCrawlFetchesEachPageOnce(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"/":                `<a href="/a.html">a</a> <a href="/a.html#x">a#x</a> <a href="a.html">rel</a> <a href="/blog/">blog</a> <a href="/blog/index.html">blog idx</a>`,
		"/a.html":          `<a href="/">home</a> <a href="/A.html">case differs: another page</a> <a href="/">again</a>`,
		"/blog/":           `<a href="/a.html">a</a>`,
		"/blog/index.html": `<a href="/a.html">a</a>`,
		"/notes.txt":       `plain`,
	})
	res, read, site := crawl(t, CrawlOptions{Start: s.srv.URL + "/"})
	if want := []string{"/", "/a.html", "/blog/"}; !slices.Equal(read, want) {
		t.Errorf("pages read = %v, want %v", read, want)
	}
	if !res.Complete || res.Pages != 3 {
		t.Errorf("result = %+v", res)
	}
	for _, key := range []string{"GET /", "GET /a.html", "GET /blog/"} {
		if n := s.count(key); n != 1 {
			t.Errorf("%s requested %d times, want 1", key, n)
		}
	}
	if f, ok := site.Fetch(s.srv.URL + "/A.html"); !ok || f.Status != 404 {
		t.Errorf("/A.html fetch = %+v, %v", f, ok)
	}
}

func TestCrawlLimits(t *testing.T) {
	pages := map[string]string{"/": `<a href="/p1.html">1</a>`}
	for i := 1; i <= 5; i++ {
		pages[fmt.Sprintf("/p%d.html", i)] = fmt.Sprintf(`<a href="/p%d.html">next</a>`, i+1)
	}
	s := newTestSite(t, pages)

	res, read, _ := crawl(t, CrawlOptions{Start: s.srv.URL + "/", MaxPages: 3, Concurrency: 1})
	if res.Complete || len(read) != 3 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "--max-pages 3") {
		t.Errorf("max-pages: complete=%v read=%v notices=%q", res.Complete, read, res.Notices)
	}

	res, read, site := crawl(t, CrawlOptions{Start: s.srv.URL + "/", MaxDepth: 2})
	if !res.Complete || len(read) != 3 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "--max-depth 2") {
		t.Errorf("max-depth: complete=%v read=%v notices=%q", res.Complete, read, res.Notices)
	}
	if f, ok := site.Fetch(s.srv.URL + "/p3.html"); !ok || !f.OK() {
		t.Errorf("a link beyond --max-depth should still be checked: %+v %v", f, ok)
	}
}

func TestCrawlScope(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"/blog/":       `<a href="/blog/a.html">a</a> <a href="/shop/">shop</a>`,
		"/blog/a.html": `ok`,
		"/shop/":       `<a href="/shop/item.html">item</a>`,
	})
	_, read, site := crawl(t, CrawlOptions{Start: s.srv.URL + "/blog/", Scope: "/blog/"})
	if want := []string{"/blog/", "/blog/a.html"}; !slices.Equal(read, want) {
		t.Errorf("pages read = %v, want %v", read, want)
	}
	if f, ok := site.Fetch(s.srv.URL + "/shop/"); !ok || !f.OK() {
		t.Errorf("out-of-scope link should be checked: %+v %v", f, ok)
	}
	if n := s.count("GET /shop/item.html") + s.count("HEAD /shop/item.html"); n != 0 {
		t.Errorf("a page out of scope was followed")
	}
}

func TestCrawlRobots(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"/":               `<a href="/private/x.html">x</a> <a href="/open.html">open</a>`,
		"/open.html":      `ok`,
		"/private/x.html": `secret`,
		"/robots.txt":     "User-agent: *\nDisallow: /private/\n",
	})
	res, read, _ := crawl(t, CrawlOptions{Start: s.srv.URL + "/", UserAgent: "pagelint-test"})
	if slices.Contains(read, "/private/x.html") || s.count("GET /private/x.html") != 0 {
		t.Errorf("robots.txt disallowed page was fetched")
	}
	if n := s.count("GET /robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times, want once", n)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "robots.txt") || !res.Complete {
		t.Errorf("notices = %q complete=%v", res.Notices, res.Complete)
	}
	_, read, _ = crawl(t, CrawlOptions{Start: s.srv.URL + "/", IgnoreRobots: true})
	if !slices.Contains(read, "/private/x.html") {
		t.Errorf("--ignore-robots did not read the disallowed page: %v", read)
	}
}

func TestCrawlSkipExternal(t *testing.T) {
	ext := newTestSite(t, map[string]string{"/ok": "fine"})
	s := newTestSite(t, map[string]string{"/": `<a href="` + ext.srv.URL + `/ok">x</a> <img src="` + ext.srv.URL + `/gone.png">`})

	_, _, site := crawl(t, CrawlOptions{Start: s.srv.URL + "/", SkipExternal: true})
	if n := ext.count("HEAD /ok") + ext.count("GET /ok"); n != 0 {
		t.Errorf("--skip-external still sent %d request(s) to the other site", n)
	}
	if _, ok := site.Fetch(ext.srv.URL + "/ok"); ok {
		t.Errorf("--skip-external recorded a result for an external link")
	}

	_, _, site = crawl(t, CrawlOptions{Start: s.srv.URL + "/"})
	if f, ok := site.Fetch(ext.srv.URL + "/ok"); !ok || !f.OK() || f.Method != http.MethodGet {
		t.Errorf("external link = %+v %v, want a GET that succeeded (links to pages are read)", f, ok)
	}
	if f, _ := site.Fetch(ext.srv.URL + "/gone.png"); f.Status != 404 || f.Method != http.MethodGet {
		t.Errorf("external 404 = %+v, want GET after the refused HEAD", f)
	}
}

func TestCrawlRedirects(t *testing.T) {
	s := newTestSite(t, map[string]string{
		"/":         `<a href="/old">old</a> <a href="/loop1">loop</a> <a href="/chain">chain</a>`,
		"/old":      "redirect:/new.html",
		"/new.html": `<a href="/">home</a>`,
		"/loop1":    "redirect:/loop2",
		"/loop2":    "redirect:/loop1",
		"/chain":    "redirect:/chain2",
		"/chain2":   "redirect:/nowhere",
	})
	_, read, site := crawl(t, CrawlOptions{Start: s.srv.URL + "/"})
	if want := []string{"/", "/new.html"}; !slices.Equal(read, want) {
		t.Errorf("pages read = %v, want %v", read, want)
	}
	if f, _ := site.Fetch(s.srv.URL + "/old"); f.Status != 200 || f.Final != s.srv.URL+"/new.html" || !slices.Equal(f.Redirects, []int{301}) {
		t.Errorf("redirected page fetch = %+v", f)
	}
	if f, _ := site.Fetch(s.srv.URL + "/loop1"); f.OK() || !strings.Contains(f.Err, "redirect loop") {
		t.Errorf("loop fetch = %+v", f)
	}
	if f, _ := site.Fetch(s.srv.URL + "/chain"); f.Status != 404 || !slices.Equal(f.Redirects, []int{301, 301}) {
		t.Errorf("chain to 404 = %+v", f)
	}
}

func TestCrawlStartErrors(t *testing.T) {
	s := newTestSite(t, map[string]string{"/notes.txt": "plain"})
	for _, start := range []string{s.srv.URL + "/missing", s.srv.URL + "/notes.txt", "http://127.0.0.1:1/"} {
		c, _, err := NewCrawler(CrawlOptions{Start: start, Timeout: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Run(context.Background(), func(*page.Page) {}); err == nil {
			t.Errorf("start %s: no error", start)
		}
	}
	for _, bad := range []string{"", "example.org", "ftp://example.org/", "http://"} {
		if _, _, err := NewCrawler(CrawlOptions{Start: bad}); err == nil {
			t.Errorf("start %q accepted", bad)
		}
	}
}
