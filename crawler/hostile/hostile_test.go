// Package hostile_test is the hostile test site (issue 6): each test serves
// one way a site can attack or break a crawler, and asserts that the crawl
// ends, in bounded time and memory, with the right finding or notice and
// the other pages read. It lives outside package crawler because it runs
// the rules, which the crawler itself must not know.
package hostile_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
)

// hostileSite serves handlers by path and counts requests by request URI.
type hostileSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newHostileSite(t *testing.T, handlers map[string]http.HandlerFunc) *hostileSite {
	t.Helper()
	s := &hostileSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()]++
		s.mu.Unlock()
		path, _, _ := strings.Cut(r.URL.Path, ";") // ;jsessionid=..., as Java servers read it
		h, ok := handlers[path]
		if !ok {
			h = handlers["*"]
		}
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns how many requests had a request URI with this path.
func (s *hostileSite) requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for uri, c := range s.hits {
		if p, _, _ := strings.Cut(uri, "?"); p == path {
			n += c
		}
	}
	return n
}

func (s *hostileSite) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.hits {
		n += c
	}
	return n
}

// hostileRun is what a crawl of a hostile site produced: its result, the
// pages read (by site path) and the findings of every rule.
type hostileRun struct {
	res      crawler.Result
	pages    map[string]*page.Page
	findings []checks.Finding
	site     *page.Site
	took     time.Duration
}

func (r hostileRun) has(rule, target, message string) bool {
	for _, f := range r.findings {
		if f.Rule == rule && strings.Contains(f.Target, target) && strings.Contains(f.Message, message) {
			return true
		}
	}
	return false
}

func (r hostileRun) noticed(text string) bool {
	for _, n := range r.res.Notices {
		if strings.Contains(n, text) {
			return true
		}
	}
	return false
}

// hostileCrawl crawls with every rule on, no retries and a fake clock, so
// that only the hostile behaviour takes time.
func hostileCrawl(t *testing.T, opts crawler.CrawlOptions) hostileRun {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.MaxDepth == 0 {
		opts.MaxDepth = -1
	}
	if opts.Links.Retries == 0 {
		opts.Links.Retries = -1
	}
	if opts.Links.Clock == nil {
		opts.Links.Clock = instantClock{}
	}
	c, site, err := crawler.NewCrawler(opts)
	if err != nil {
		t.Fatal(err)
	}
	runner := checks.NewRunner(site, checks.All(), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	run := hostileRun{pages: map[string]*page.Page{}, site: site}
	var mu sync.Mutex
	began := time.Now()
	run.res, err = c.Run(context.Background(), func(p *page.Page) {
		mu.Lock()
		run.pages[p.Path] = p
		mu.Unlock()
		runner.Page(p)
	})
	run.took = time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	run.findings, err = runner.Finish()
	if err != nil {
		t.Fatalf("a rule failed on hostile input: %v", err)
	}
	return run
}

func writeHTML(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

// TestHostileCalendarTrap: every month of an endless calendar links to the
// next one. The per-pattern cap ends the crawl, with a notice, while the
// other pages are read.
func TestHostileCalendarTrap(t *testing.T) {
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/":      writeHTML(`<title>Home</title><a href="/calendar/2026/01/">calendar</a> <a href="/about">about</a>`),
		"/about": writeHTML(`<title>About</title><p>about us</p>`),
		"*": func(w http.ResponseWriter, r *http.Request) {
			var y, m int
			if _, err := fmt.Sscanf(r.URL.Path, "/calendar/%d/%d/", &y, &m); err != nil {
				http.NotFound(w, r)
				return
			}
			next := time.Date(y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC)
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<title>%d-%02d</title><a href="/calendar/%d/%02d/">next month</a> <a href="/calendar/%d/%02d/?view=week">week</a>`,
				y, m, next.Year(), next.Month(), next.Year(), next.Month())
		},
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", MaxPerPattern: 20, MaxDuration: 20 * time.Second})
	if run.res.Complete || !run.noticed("--max-per-pattern 20 for /calendar/N/N/") {
		t.Errorf("complete = %v, notices = %q: want the calendar pattern named", run.res.Complete, run.res.Notices)
	}
	if run.noticed("--max-duration") {
		t.Fatal("the duration guard ended the crawl, not the per-pattern cap")
	}
	if n := site.requests("/calendar/2026/01/"); n != 1 {
		t.Errorf("first month fetched %d times", n)
	}
	if run.pages["/about"] == nil || len(run.pages) != 1+1+20+20 {
		t.Errorf("read %d pages, want home, about, 20 months and 20 week views", len(run.pages))
	}

	// Without a pattern cap, --max-pages ends it too.
	run = hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", MaxPages: 30, MaxDuration: 20 * time.Second})
	if run.res.Complete || !run.noticed("--max-pages 30") || len(run.pages) != 30 {
		t.Errorf("pages = %d, notices = %q: want 30 and a --max-pages notice", len(run.pages), run.res.Notices)
	}
}

func TestURLPattern(t *testing.T) {
	cases := map[string]string{
		"https://example.org/calendar/2026/01/":          "/calendar/N/N/",
		"https://example.org/shop?color=red&page=3":      "/shop?color&page",
		"https://example.org/shop?page=9&color=b&page=2": "/shop?color&page",
		"https://example.org/blog/top-10-tips":           "/blog/top-N-tips",
		"https://example.org/":                           "/",
	}
	for in, want := range cases {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := crawler.URLPattern(u); got != want {
			t.Errorf("crawler.URLPattern(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestHostileDuplicateURLs: one page under many spellings is fetched once.
func TestHostileDuplicateURLs(t *testing.T) {
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, r *http.Request) {
			writeHTML(`<title>Home</title>
			<a href="/a">a</a> <a href="/a?utm_source=news&utm_medium=mail">a</a> <a href="/a?fbclid=XYZ">a</a>
			<a href="/./a">a</a> <a href="/b/../a">a</a> <a href="/%61">a</a> <a href="/a;jsessionid=F00">a</a>
			<a href="/a?gclid=1&amp;PHPSESSID=2">a</a> <a href="HTTP://`+strings.ToUpper(r.Host)+`/a#top">a</a>
			<a href="/a?id=7&amp;utm_campaign=x">a with an id</a>`)(w, r)
		},
		"/a": writeHTML(`<title>A</title><p>a</p>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", StripParams: []string{"utm_*", "fbclid", "gclid", "phpsessid", "jsessionid"}})
	if n := site.requests("/a"); n != 2 {
		t.Errorf("/a was fetched %d times, want twice (once plain, once ?id=7): %v", n, site.hits)
	}
	if site.hits["/a?id=7&utm_campaign=x"]+site.hits["/a?id=7"] != 1 {
		t.Errorf("/a?id=7 not fetched once: %v", site.hits)
	}
	for _, f := range run.findings {
		if f.Rule == "broken-link" {
			t.Errorf("unexpected %s: %s %s", f.Rule, f.Target, f.Message)
		}
	}
}

// TestHostileLargeBody: a page larger than --max-body is read up to the
// limit, checked as far as it was read, and reported as page-too-large.
func TestHostileLargeBody(t *testing.T) {
	const limit = 64 << 10
	big := `<title>Big</title><a href="/early">early</a>` + strings.Repeat("<p>filler text</p>\n", 20000) + `<a href="/late">late</a>`
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/":      writeHTML(`<title>Home</title><a href="/big">big</a> <a href="/small">small</a>`),
		"/big":   writeHTML(big),
		"/small": writeHTML(`<title>Small</title>` + strings.Repeat("x", limit-40)),
		"/early": writeHTML(`<title>Early</title>`),
		"/late":  writeHTML(`<title>Late</title>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", MaxBody: limit})
	p := run.pages["/big"]
	if p == nil || p.Truncated != limit || len(p.Raw) > limit {
		t.Fatalf("big page: read %v, want it cut at %d bytes", p != nil, limit)
	}
	if run.pages["/early"] == nil || site.requests("/late") != 0 {
		t.Errorf("links before the cut must be followed, after it not: early read %v, late requests %d", run.pages["/early"] != nil, site.requests("/late"))
	}
	if run.pages["/small"] == nil || run.pages["/small"].Truncated != 0 {
		t.Error("a page under the limit is not cut")
	}
	if !run.has("page-too-large", "", "64 KB") {
		t.Errorf("no page-too-large finding: %v", run.findings)
	}
	for _, f := range run.findings {
		if f.Rule == "page-too-large" && f.URL != site.URL+"/big" {
			t.Errorf("page-too-large on %s", f.URL)
		}
	}
}

// gzipBomb serves an endless stream of compressed zeros (1 GiB at most), as
// HTML with Content-Encoding: gzip, whatever the request asked for.
func gzipBomb(served *int64, mu *sync.Mutex) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zw.Write([]byte("<title>bomb</title><p>"))
		zeros := make([]byte, 1<<20)
		for i := 0; i < 1024 && r.Context().Err() == nil; i++ {
			if _, err := zw.Write(zeros); err != nil {
				return
			}
			mu.Lock()
			*served += int64(len(zeros))
			mu.Unlock()
		}
		zw.Close()
	}
}

// TestHostileGzipBomb: the body cap counts decompressed bytes, on the
// crawler's own gzip path (taken when the request asks for gzip itself, as
// with --header "Accept-Encoding: gzip") and on the link checker's.
func TestHostileGzipBomb(t *testing.T) {
	var mu sync.Mutex
	var served int64
	ext := newHostileSite(t, map[string]http.HandlerFunc{"/bomb": gzipBomb(&served, &mu)})
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/":      writeHTML(`<title>Home</title><a href="/bomb">bomb</a> <a href="/fine">fine</a> <a href="` + ext.URL + `/bomb">other site's bomb</a>`),
		"/bomb":  gzipBomb(&served, &mu),
		"/fine":  writeHTML(`<title>Fine</title>`),
		"/other": writeHTML(`<title>Other</title>`),
	})
	for _, hdr := range []http.Header{nil, {"Accept-Encoding": {"gzip"}}} {
		t.Run(fmt.Sprintf("headers=%v", hdr), func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", MaxBody: 1 << 20, Links: crawler.LinkOptions{Headers: hdr, MaxBody: 1 << 20}})
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("the crawl allocated %d MiB: the bomb was read past the cap", alloc>>20)
			}
			if p := run.pages["/bomb"]; p == nil || p.Truncated != 1<<20 {
				t.Errorf("the bomb page was not read up to the cap and marked (read: %v)", p != nil)
			}
			if !run.has("page-too-large", "", "1 MB") || run.pages["/fine"] == nil {
				t.Errorf("want page-too-large and the other pages read; %d findings", len(run.findings))
			}
			if f, ok := run.site.Fetch(ext.URL + "/bomb"); !ok || !f.OK() {
				t.Errorf("the other site's bomb, read by the link checker: %+v", f)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if served >= 1<<30 {
		t.Errorf("the server got to write the whole bomb (%d MiB)", served>>20)
	}
}

// TestHostileGzipLinkTargets: with --header "Accept-Encoding: gzip" the
// transport leaves bodies compressed; the link checker still reads a gzip
// page's ids (no false missing fragment) and caps a bomb's decompressed
// bytes.
func TestHostileGzipLinkTargets(t *testing.T) {
	var mu sync.Mutex
	var served int64
	gzipped := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, `<title>Out</title><h2 id="part-2">Part 2</h2>`)
		zw.Close()
	}
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/blog/":      writeHTML(`<title>Blog</title><a href="/docs/guide#part-2">guide</a> <a href="/docs/bomb">bomb</a>`),
		"/docs/guide": gzipped,
		"/docs/bomb":  gzipBomb(&served, &mu),
	})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	run := hostileCrawl(t, crawler.CrawlOptions{
		Start: site.URL + "/blog/", Scope: "/blog/", // /docs/ is checked by the link checker, not crawled
		Links: crawler.LinkOptions{Headers: http.Header{"Accept-Encoding": {"gzip"}}},
	})
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("the link checker allocated %d MiB: the bomb was read past the cap", alloc>>20)
	}
	for _, f := range run.findings {
		if f.Rule == "broken-link" {
			t.Errorf("unexpected broken-link: %s %s", f.Target, f.Message)
		}
	}
	if f, ok := run.site.Fetch(site.URL + "/docs/guide"); !ok || f.Target == nil {
		t.Errorf("the gzip page's ids were not read: %+v", f)
	}
}

// trickle sends one byte every 50ms, for 10s at most.
func trickle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	flusher, _ := w.(http.Flusher)
	for range 200 {
		if _, err := w.Write([]byte(" ")); err != nil || r.Context().Err() != nil {
			return
		}
		flusher.Flush()
		time.Sleep(50 * time.Millisecond)
	}
}

// TestHostileTrickle: a server that sends its headers at once and then one
// byte per 50ms runs into the per-request deadline, which covers the whole
// body; the link is a timed-out broken-link warning and the crawl goes on.
func TestHostileTrickle(t *testing.T) {
	ext := newHostileSite(t, map[string]http.HandlerFunc{"/slow": trickle})
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/":     writeHTML(`<title>Home</title><a href="/slow">slow</a> <a href="/fine">fine</a> <a href="` + ext.URL + `/slow">other slow</a>`),
		"/slow": trickle,
		"/fine": writeHTML(`<title>Fine</title>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", Timeout: 400 * time.Millisecond})
	if run.took > 5*time.Second {
		t.Errorf("the crawl took %v", run.took)
	}
	if run.pages["/fine"] == nil {
		t.Error("the other pages were not read")
	}
	for _, target := range []string{site.URL + "/slow", ext.URL + "/slow"} {
		found := false
		for _, f := range run.findings {
			if f.Rule == "broken-link" && f.Target == target {
				found = true
				if f.Severity != checks.Warning || !strings.Contains(f.Message, "timed out") {
					t.Errorf("%s: %s %q, want a timed-out warning", target, f.Severity, f.Message)
				}
			}
		}
		if !found {
			t.Errorf("no broken-link finding for %s: %v", target, run.findings)
		}
	}
}

// TestHostileResponses: redirect loops, binary and empty bodies served as
// HTML, wrong and missing charsets, other schemes.
func TestHostileResponses(t *testing.T) {
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/": writeHTML(`<title>Home</title>
			<a href="/loop1">loop</a> <a href="/binary">binary</a> <a href="/empty">empty</a>
			<a href="/latin1">latin1</a> <a href="/meta1252">meta</a> <a href="/lying">lying</a>
			<a href="/to-file">to file</a> <a href="file:///etc/passwd">file</a> <a href="ftp://example.org/x">ftp</a>
			<a href="javascript:alert(1)">js</a> <a href="http://[::1">bad</a> <a href="/fine">fine</a>`),
		"/loop1": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) },
		"/loop2": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop1", http.StatusFound) },
		"/binary": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write(binary)
		},
		"/empty": func(w http.ResponseWriter, _ *http.Request) { w.Header().Set("Content-Type", "text/html") },
		"/latin1": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			w.Write([]byte("<title>Caf\xe9</title><h1>Caf\xe9</h1>"))
		},
		"/meta1252": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<meta charset=windows-1252><title>\x93Caf\xe9\x94</title>"))
		},
		"/lying": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<title>Caf\xe9 \xff\xfe</title><p>bad \xc3 bytes</p>"))
		},
		"/to-file": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		},
		"/fine": writeHTML(`<title>Fine</title>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/"})
	if run.took > 10*time.Second {
		t.Errorf("took %v", run.took)
	}
	if f, _ := run.site.Fetch(site.URL + "/loop1"); f.Err != "redirect loop" || f.Verdict() != page.OutcomeBroken {
		t.Errorf("redirect loop: %+v", f)
	}
	if n := site.requests("/loop1"); n > 2 {
		t.Errorf("the loop was followed %d times", n)
	}
	for _, path := range []string{"/binary", "/empty", "/latin1", "/meta1252", "/lying", "/fine"} {
		p := run.pages[path]
		if p == nil {
			t.Errorf("%s was not read as a page", path)
			continue
		}
		if !utf8.Valid(p.Raw) {
			t.Errorf("%s: the rules got invalid UTF-8", path)
		}
	}
	titles := map[string]string{"/latin1": "Café", "/meta1252": "“Café”", "/lying": "Caf\uFFFD \uFFFD"}
	for path, want := range titles {
		if p := run.pages[path]; p != nil {
			if got := p.Doc.Find("title").Text(); got != want {
				t.Errorf("%s: title %q, want %q", path, got, want)
			}
		}
	}
	if f, _ := run.site.Fetch(site.URL + "/to-file"); f.Verdict() != page.OutcomeBroken {
		t.Errorf("a redirect to file: was not refused: %+v", f)
	}
	for _, target := range []string{"file:///etc/passwd", "ftp://example.org/x"} {
		if _, ok := run.site.Fetch(target); ok {
			t.Errorf("%s was fetched", target)
		}
	}
	if !run.has("link-malformed", "", "http://[::1") {
		t.Errorf("no link-malformed for the invalid URL")
	}
}

// TestHostileHugePages: a page with 100k links and one nested 10k deep are
// parsed and judged by every rule in bounded time.
func TestHostileHugePages(t *testing.T) {
	var links strings.Builder
	links.WriteString(`<title>Links</title><ul>`)
	for i := range 100000 {
		fmt.Fprintf(&links, `<li><a href="/p/%d#s%d">item %d</a></li>`, i%50, i, i)
	}
	deep := "<title>Deep</title>" + strings.Repeat("<div><span>", 5000) + "bottom" + strings.Repeat("</span></div>", 5000)
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/":      writeHTML(`<title>Home</title><a href="/links">links</a> <a href="/deep">deep</a>`),
		"/links": writeHTML(links.String()),
		"/deep":  writeHTML(deep),
		"*":      writeHTML(`<title>P</title><h2 id="s1">s</h2>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/"})
	if run.pages["/links"] == nil || run.pages["/deep"] == nil {
		f1, _ := run.site.Fetch(site.URL + "/links")
		f2, _ := run.site.Fetch(site.URL + "/deep")
		t.Fatalf("the huge pages were not read: %+v %+v %v", f1, f2, run.res)
	}
	if run.took > 30*time.Second {
		t.Errorf("the crawl took %v", run.took)
	}
	if n := site.requests("/p/3"); n != 1 {
		t.Errorf("/p/3 fetched %d times", n)
	}
}

// TestHostileBrokenMarkup: malformed HTML, broken JSON-LD and odd attribute
// values become findings, never failures.
func TestHostileBrokenMarkup(t *testing.T) {
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/": writeHTML(`<title>Home</title><a href="/mal">mal</a> <a href="/ld">ld</a>`),
		"/mal": writeHTML(`<html><head><title>Mal</title></head><body><div><p><b><i>unclosed <table><tr><td>cell</div></b>
			<a href="/x" href="/y"><a href="%zz">bad escape</a><img src="" srcset=",,, 2x , x 1q"><svg><math><a href=javascript:1>
			<!-- unterminated comment`),
		"/ld": writeHTML(`<title>LD</title><script type="application/ld+json">{"@type": "Product", "name": "x", "offers": {"price": </script>
			<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script><p>text</p>`),
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/"})
	if run.pages["/mal"] == nil || run.pages["/ld"] == nil {
		t.Fatal("the broken pages were not read")
	}
	if !run.has("structured-data", "", "") {
		t.Errorf("no structured-data finding for broken JSON-LD: %v", run.findings)
	}
	if !run.has("link-malformed", "", "%zz") {
		t.Errorf("no link-malformed finding for %%zz")
	}
}

// TestHostileLimits: --max-url-length and --max-duration end what a trap
// would make endless, each with its notice.
func TestHostileLimits(t *testing.T) {
	long := "/search?q=" + strings.Repeat("a", 3000)
	site := newHostileSite(t, map[string]http.HandlerFunc{
		"/": writeHTML(`<title>Home</title><a href="` + long + `">long</a> <a href="/chain/0">chain</a>`),
		"*": func(w http.ResponseWriter, r *http.Request) {
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			time.Sleep(50 * time.Millisecond)
			writeHTML(fmt.Sprintf(`<title>%d</title><a href="/chain/%d">next</a>`, n, n+1))(w, r)
		},
	})
	run := hostileCrawl(t, crawler.CrawlOptions{Start: site.URL + "/", MaxURLLength: 2048, MaxDuration: 600 * time.Millisecond})
	if site.requests("/search") != 0 || !run.noticed("1 link(s) to pages of the site longer than --max-url-length 2048") {
		t.Errorf("long URL: %d requests, notices %q", site.requests("/search"), run.res.Notices)
	}
	if run.res.Complete || !run.noticed("stopped at --max-duration 600ms") || run.noticed("interrupted") {
		t.Errorf("notices %q, want the duration named", run.res.Notices)
	}
	if run.took > 3*time.Second || len(run.pages) < 3 {
		t.Errorf("took %v for %d pages", run.took, len(run.pages))
	}
	total := site.total()
	time.Sleep(200 * time.Millisecond)
	if site.total() != total {
		t.Error("requests went on after the run ended")
	}
}

// instantClock never sleeps, so retries and Retry-After cost no time.
type instantClock struct{}

func (instantClock) Now() time.Time { return time.Now() }

func (instantClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }
