package crawler

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

func TestCrawlRetriesSitePages(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	site := newHostServer(t, false, map[string]http.HandlerFunc{
		"/": htmlPage(`<a href="/flaky">flaky</a> <a href="/down">down</a> <a href="/busy">busy</a>`),
		"/flaky": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			calls++
			n := calls
			mu.Unlock()
			if n == 1 {
				w.Header().Set("Retry-After", "5")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			htmlPage(`<p>back</p>`)(w, r)
		},
		"/down": status(500),
		"/busy": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "120") // more than the cap: not waited for
			w.WriteHeader(http.StatusTooManyRequests)
		},
	})
	clock := newFakeClock()
	_, read, s := crawl(t, CrawlOptions{Start: site.URL + "/", Links: LinkOptions{Clock: clock}})
	if !slices.Contains(read, "/flaky") {
		t.Errorf("a page that answered 503 once was not read after the retry: %v", read)
	}
	if n := site.count("GET /flaky"); n != 2 {
		t.Errorf("/flaky requested %d times, want 2", n)
	}
	if f, _ := s.Fetch(site.URL + "/down"); f.Outcome != "broken" || f.Status != 500 || f.Attempts != 3 || f.Reason != "server error" {
		t.Errorf("/down = %+v, want broken after 3 attempts", f)
	}
	if n := site.count("GET /down"); n != 3 {
		t.Errorf("/down requested %d times, want 3", n)
	}
	if f, _ := s.Fetch(site.URL + "/busy"); f.Outcome != "unverified" || f.Status != 429 {
		t.Errorf("/busy = %+v, want unverified", f)
	}
	if n := site.count("GET /busy"); n != 1 {
		t.Errorf("/busy requested %d times, want 1 (Retry-After past the cap)", n)
	}
	waits := clock.recorded()
	if !slices.Contains(waits, 5*time.Second) || len(waits) != 3 {
		t.Errorf("waits = %v, want Retry-After's 5s and two backoff waits for /down", waits)
	}
}

func TestCrawlHeadersStayOnSite(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{"/landing": htmlPage("<p>elsewhere</p>"), "/plain": status(200)})
	site := newHostServer(t, false, map[string]http.HandlerFunc{
		"/":         htmlPage(`<a href="/private/">private</a> <a href="/out">out</a> <a href="` + ext.URL + `/plain">plain</a> <img src="/logo.png">`),
		"/private/": htmlPage(`<p>members</p>`),
		"/out":      redirect(ext.URL+"/landing", 302),
		"/logo.png": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
		},
	})
	hdr := http.Header{"X-Preview-Token": {"abc"}, "Authorization": {"Basic dXNlcjpwYXNz"}}
	crawl(t, CrawlOptions{Start: site.URL + "/", Links: LinkOptions{Headers: hdr, Clock: newFakeClock()}})
	site.mu.Lock()
	for _, p := range []string{"/", "/private/", "/logo.png"} {
		if h := site.headers[p]; h.Get("X-Preview-Token") != "abc" || h.Get("Authorization") == "" {
			t.Errorf("%s was requested without the custom headers: %v", p, h)
		}
	}
	site.mu.Unlock()
	ext.mu.Lock()
	defer ext.mu.Unlock()
	for _, p := range []string{"/landing", "/plain"} {
		h, ok := ext.headers[p]
		if !ok {
			t.Errorf("%s was not requested", p)
		}
		if h.Get("X-Preview-Token") != "" || h.Get("Authorization") != "" {
			t.Errorf("%s on another host got the site's headers: %v", p, h)
		}
	}
}

func TestCrawlThousandExternalLinks(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"*": func(w http.ResponseWriter, _ *http.Request) {
			time.Sleep(100 * time.Microsecond)
			w.WriteHeader(http.StatusOK)
		},
	})
	var links strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&links, `<a href="%s/item/%d">item %d</a>`+"\n", ext.URL, i, i)
	}
	pages := map[string]http.HandlerFunc{"/": htmlPage(`<a href="/a/">a</a> <a href="/b/">b</a> <a href="/c/">c</a>` + links.String())}
	for _, p := range []string{"/a/", "/b/", "/c/"} {
		pages[p] = htmlPage(links.String()) // every page links to the same 1000 URLs
	}
	site := newHostServer(t, false, pages)
	_, read, s := crawl(t, CrawlOptions{Start: site.URL + "/", Concurrency: 8, Links: LinkOptions{Clock: newFakeClock()}})
	if len(read) != 4 {
		t.Errorf("pages read: %v", read)
	}
	ext.mu.Lock()
	defer ext.mu.Unlock()
	if ext.maxIn > 2 {
		t.Errorf("%d requests in flight to one external host, want at most 2", ext.maxIn)
	}
	if len(ext.hits) != 1000 {
		t.Errorf("%d URLs requested, want 1000", len(ext.hits))
	}
	for k, n := range ext.hits {
		if n != 1 || !strings.HasPrefix(k, "GET ") { // links to pages: one GET each
			t.Errorf("%s: %d requests", k, n)
		}
	}
	if f, ok := s.Fetch(ext.URL + "/item/999"); !ok || !f.OK() {
		t.Errorf("item 999: %+v %v", f, ok)
	}
}

func TestCrawlClassifiesLinks(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/doc":     htmlPage(`<h2 id="install">Install</h2>`),
		"/gone":    status(410),
		"/private": status(403),
		"/cf": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(http.StatusForbidden)
		},
		"/in":      status(999),
		"/skip/me": status(404),
	})
	site := newHostServer(t, false, map[string]http.HandlerFunc{
		"/": htmlPage(`<a href="/guide/#setup">guide</a>
<a href="` + ext.URL + `/doc#install">docs</a> <a href="` + ext.URL + `/doc#missing">docs</a> <a href="` + ext.URL + `/doc">docs</a>
<a href="` + ext.URL + `/gone">gone</a> <a href="` + ext.URL + `/private">private</a>
<a href="` + ext.URL + `/cf">cf</a> <a href="` + ext.URL + `/in">in</a> <a href="` + ext.URL + `/skip/me">skipped</a>
<a href="/moved">moved</a> <a href="/forbidden/">forbidden</a>`),
		"/guide/":     htmlPage(`<h2 id="setup">Setup</h2>`),
		"/moved":      redirect("/moved2", 301),
		"/moved2":     redirect("/guide/", 301),
		"/forbidden/": status(403),
	})
	_, _, s := crawl(t, CrawlOptions{Start: site.URL + "/", Links: LinkOptions{
		Clock: newFakeClock(), Exclude: []*regexp.Regexp{regexp.MustCompile(`/skip/`)},
	}})
	want := map[string]string{
		ext.URL + "/doc":         "ok",
		ext.URL + "/gone":        "broken",
		ext.URL + "/private":     "doubtful",
		ext.URL + "/cf":          "unverified",
		ext.URL + "/in":          "unverified",
		site.URL + "/forbidden/": "broken",
		site.URL + "/moved":      "ok",
	}
	for target, outcome := range want {
		if f, _ := s.Fetch(target); string(f.Outcome) != outcome {
			t.Errorf("%s: %+v, want %s", target, f, outcome)
		}
	}
	if f, _ := s.Fetch(ext.URL + "/doc"); f.Target == nil || f.Method != http.MethodGet {
		t.Errorf("/doc was not read for its ids: %+v", f)
	}
	if n := ext.total("/doc"); n != 1 {
		t.Errorf("/doc requested %d times, want 1", n)
	}
	if f, _ := s.Fetch(site.URL + "/moved"); !slices.Equal(f.Redirects, []int{301, 301}) {
		t.Errorf("/moved redirects = %v", f.Redirects)
	}
	if _, ok := s.Fetch(ext.URL + "/skip/me"); ok || ext.total("/skip/me") != 0 {
		t.Error("--exclude did not skip /skip/me")
	}
}

func TestCrawlTLS(t *testing.T) {
	site := newHostServer(t, true, map[string]http.HandlerFunc{
		"/":       htmlPage(`<a href="/a.html">a</a> <a href="/out/#part">out of scope</a> <a href="/out/#nowhere">again</a>`),
		"/a.html": htmlPage(`<p>a</p>`),
		"/out/":   htmlPage(`<h2 id="part">Part</h2>`),
	})
	c, _, err := NewCrawler(CrawlOptions{Start: site.URL + "/", Timeout: 5 * time.Second, MaxDepth: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(t.Context(), func(*page.Page) {}); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate: err = %v", err)
	}
	_, read, s := crawl(t, CrawlOptions{Start: site.URL + "/", Scope: "/a", Links: LinkOptions{Insecure: true}})
	if !slices.Equal(read, []string{"/", "/a.html"}) {
		t.Errorf("--insecure: read %v", read)
	}
	if f, _ := s.Fetch(site.URL + "/out/"); f.Target == nil || f.Method != http.MethodGet {
		t.Errorf("an out-of-scope page link was not read for its ids: %+v", f)
	} else if _, ok := f.Target.IDs["part"]; !ok {
		t.Errorf("ids of /out/: %v", f.Target.IDs)
	}
}

func TestFolderCheckExternal(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/doc":  htmlPage(`<h2 id="install">Install</h2>`),
		"/gone": status(http.StatusNotFound),
		"/logo.png": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
		},
	})
	cache := filepath.Join(t.TempDir(), "cache.json")
	if err := os.WriteFile(cache, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{
		"index.html": `<a href="` + ext.URL + `/doc#install">a</a> <a href="` + ext.URL + `/doc#other">b</a>
<a href="` + ext.URL + `/gone">c</a> <img src="` + ext.URL + `/logo.png">`,
		"about.html": `<a href="` + ext.URL + `/doc">again</a>`,
	})
	opts := FolderOptions{Paths: []string{dir}, External: &LinkOptions{Clock: newFakeClock(), CacheFile: cache}}
	res, _, site := runFolder(t, opts)
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "link cache") {
		t.Errorf("notices = %q, want one about the unreadable cache", res.Notices)
	}
	if f, _ := site.Fetch(ext.URL + "/doc"); f.Target == nil || f.Method != http.MethodGet {
		t.Errorf("/doc: %+v", f)
	}
	if f, _ := site.Fetch(ext.URL + "/gone"); f.Outcome != "broken" {
		t.Errorf("/gone: %+v", f)
	}
	if f, _ := site.Fetch(ext.URL + "/logo.png"); f.Method != http.MethodHead || !f.OK() {
		t.Errorf("/logo.png: %+v", f)
	}
	if n := ext.total("/doc"); n != 1 {
		t.Errorf("/doc requested %d times, want 1", n)
	}

	// The second run reads the cache it rewrote: no request for what was ok.
	res, _, site = runFolder(t, opts)
	if len(res.Notices) != 0 {
		t.Errorf("second run notices = %q", res.Notices)
	}
	if n := ext.total("/doc") + ext.total("/logo.png"); n != 2 {
		t.Errorf("second run requested ok links again: %d requests in all", n)
	}
	if n := ext.count("GET /gone"); n != 2 {
		t.Errorf("/gone requested %d times in two runs, want one GET each run", n)
	}
	if f, _ := site.Fetch(ext.URL + "/doc"); !f.Cached || f.Target == nil {
		t.Errorf("cached /doc: %+v", f)
	}
}
