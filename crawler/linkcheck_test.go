package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// fakeClock never sleeps: it records each wait and moves its time on.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *fakeClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}

// hostServer is a loopback host whose paths answer with handlers; it
// counts requests by "METHOD /path" and measures the requests in flight.
type hostServer struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	hits     map[string]int
	headers  map[string]http.Header
	inFlight int
	maxIn    int
}

func newHostServer(t *testing.T, tls bool, handlers map[string]http.HandlerFunc) *hostServer {
	t.Helper()
	s := &hostServer{handlers: handlers, hits: map[string]int{}, headers: map[string]http.Header{}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.headers[r.URL.Path] = r.Header.Clone()
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		hf, ok := s.handlers[r.URL.Path]
		if !ok {
			hf = s.handlers["*"]
		}
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		if hf == nil {
			http.NotFound(w, r)
			return
		}
		hf(w, r)
	})
	s.Server = httptest.NewUnstartedServer(h)
	s.Config.ErrorLog = log.New(io.Discard, "", 0) // refused certificates are expected
	if tls {
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s
}

func (s *hostServer) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func (s *hostServer) total(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, v := range s.hits {
		if strings.HasSuffix(k, " "+path) {
			n += v
		}
	}
	return n
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }
}

func redirect(to string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, code) }
}

func htmlPage(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Method != http.MethodHead {
			fmt.Fprint(w, body)
		}
	}
}

// runChecks checks targets with a fresh link checker and returns the
// recorded fetches by target.
func runChecks(t *testing.T, opts LinkOptions, targets ...string) (map[string]page.Fetch, *linkChecker) {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Clock == nil {
		opts.Clock = newFakeClock()
	}
	root, _ := url.Parse("http://site.test/")
	site := page.NewSite(root, page.ModeCrawl, true)
	lc := newLinkChecker(opts, site)
	for _, target := range targets {
		u, err := url.Parse(target)
		if err != nil {
			t.Fatal(err)
		}
		lc.checkLink(page.Link{URL: u, Follow: strings.Contains(target, "#")}) // resources, or links with a fragment
	}
	lc.wait()
	out := map[string]page.Fetch{}
	for _, target := range targets {
		u, _ := url.Parse(target)
		base, _ := page.SplitFragment(u)
		key := page.Normalize(base)
		f, ok := site.Fetch(key)
		if !ok {
			t.Fatalf("%s was not recorded", key)
		}
		out[target] = f
	}
	return out, lc
}

func TestLinkStatuses(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/ok":        htmlPage("<p>fine</p>"),
		"/404":       status(404),
		"/410":       status(410),
		"/500":       status(500),
		"/401":       status(401),
		"/403":       status(403),
		"/999":       status(999),
		"/a":         redirect("/b", 301),
		"/b":         redirect("/c", 301),
		"/c":         htmlPage("<p>moved</p>"),
		"/gone-from": redirect("/gone-via", 301),
		"/gone-via":  redirect("/gone", 302),
		"/gone":      status(404),
		"/loop1":     redirect("/loop2", 301),
		"/loop2":     redirect("/loop1", 301),
		"/cf-header": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(http.StatusForbidden)
		},
		"/cf-body": func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<title>Just a moment...</title>`)
		},
		"/head-405":   func(w http.ResponseWriter, r *http.Request) { code(w, r, 405) },
		"/head-501":   func(w http.ResponseWriter, r *http.Request) { code(w, r, 501) },
		"/head-404":   func(w http.ResponseWriter, r *http.Request) { code(w, r, 404) },
		"/image.webp": func(w http.ResponseWriter, _ *http.Request) { w.Header().Set("Content-Type", "image/webp") },
	})
	for i := range 12 {
		ext.handlers[fmt.Sprintf("/hop%d", i)] = redirect(fmt.Sprintf("/hop%d", i+1), 301)
	}
	u := func(p string) string { return ext.URL + p }
	clock := newFakeClock()
	got, _ := runChecks(t, LinkOptions{Clock: clock},
		u("/ok"), u("/404"), u("/410"), u("/500"), u("/401"), u("/403"), u("/999"), u("/a"), u("/gone-from"),
		u("/loop1"), u("/hop0"), u("/cf-header"), u("/cf-body"), u("/head-405"), u("/head-501"), u("/head-404"), u("/image.webp"))
	want := map[string]struct {
		outcome   page.Outcome
		status    int
		method    string
		redirects []int
		err       string
	}{
		"/ok":         {page.OutcomeOK, 200, "HEAD", nil, ""},
		"/404":        {page.OutcomeBroken, 404, "GET", nil, ""},
		"/410":        {page.OutcomeBroken, 410, "GET", nil, ""},
		"/500":        {page.OutcomeDoubtful, 500, "GET", nil, ""},
		"/401":        {page.OutcomeUnverified, 401, "GET", nil, ""},
		"/403":        {page.OutcomeDoubtful, 403, "GET", nil, ""},
		"/999":        {page.OutcomeUnverified, 999, "GET", nil, ""},
		"/a":          {page.OutcomeOK, 200, "HEAD", []int{301, 301}, ""},
		"/gone-from":  {page.OutcomeBroken, 404, "GET", []int{301, 302}, ""},
		"/loop1":      {page.OutcomeBroken, 301, "HEAD", []int{301, 301}, "redirect loop"},
		"/hop0":       {page.OutcomeBroken, 301, "HEAD", nil, "more than 10 redirects"},
		"/cf-header":  {page.OutcomeUnverified, 403, "GET", nil, ""},
		"/cf-body":    {page.OutcomeUnverified, 403, "GET", nil, ""},
		"/head-405":   {page.OutcomeOK, 200, "GET", nil, ""},
		"/head-501":   {page.OutcomeOK, 200, "GET", nil, ""},
		"/head-404":   {page.OutcomeOK, 200, "GET", nil, ""},
		"/image.webp": {page.OutcomeOK, 200, "HEAD", nil, ""},
	}
	for path, w := range want {
		f := got[u(path)]
		if f.Outcome != w.outcome || f.Status != w.status || f.Method != w.method || f.Err != w.err {
			t.Errorf("%s: outcome %q status %d method %s err %q, want %q %d %s %q (reason %q)", path, f.Outcome, f.Status, f.Method, f.Err, w.outcome, w.status, w.method, w.err, f.Reason)
		}
		if w.redirects != nil && !slices.Equal(f.Redirects, w.redirects) {
			t.Errorf("%s: redirects %v, want %v", path, f.Redirects, w.redirects)
		}
	}
	// HEAD refused, then one GET; never a second GET.
	for _, p := range []string{"/head-405", "/head-501", "/head-404", "/404"} {
		if ext.count("HEAD "+p) != 1 || ext.count("GET "+p) != 1 {
			t.Errorf("%s: %d HEAD, %d GET, want 1 and 1", p, ext.count("HEAD "+p), ext.count("GET "+p))
		}
	}
	// 500 is retried twice for HEAD and twice for GET: the waits double.
	if n := ext.total("/500"); n != 6 {
		t.Errorf("/500 requested %d times, want 3 HEAD + 3 GET", n)
	}
	if f := got[u("/500")]; f.Attempts != 3 {
		t.Errorf("/500 attempts = %d, want 3", f.Attempts)
	}
	// Challenges and 999 are not retried.
	for _, p := range []string{"/cf-header", "/999", "/401", "/403"} {
		if n := ext.total(p); n != 2 {
			t.Errorf("%s requested %d times, want one HEAD and one GET", p, n)
		}
	}
}

// code answers HEAD with the given status and GET with a page.
func code(w http.ResponseWriter, r *http.Request, c int) {
	if r.Method == http.MethodHead {
		w.WriteHeader(c)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprint(w, "<p>here</p>")
}

func TestLinkRetryAfter(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	limited := func(times int, after string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			calls[r.URL.Path]++
			n := calls[r.URL.Path]
			mu.Unlock()
			if n <= times {
				w.Header().Set("Retry-After", after)
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.WriteHeader(http.StatusOK)
		}
	}
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/once":    limited(1, "7"),
		"/date":    limited(1, "Sun, 01 Mar 2026 12:00:30 GMT"),
		"/always":  limited(100, "1"),
		"/toolong": limited(100, "3600"),
	})

	clock := newFakeClock()
	got, _ := runChecks(t, LinkOptions{Clock: clock}, ext.URL+"/once")
	if f := got[ext.URL+"/once"]; f.Outcome != page.OutcomeOK || f.Attempts != 2 {
		t.Errorf("/once: %+v", f)
	}
	if w := clock.recorded(); !slices.Equal(w, []time.Duration{7 * time.Second}) {
		t.Errorf("/once waits = %v, want [7s]", w)
	}
	if n := ext.count("HEAD /once"); n != 2 || ext.count("GET /once") != 0 {
		t.Errorf("/once: %d HEAD, %d GET; want the 429 and a single final request", n, ext.count("GET /once"))
	}

	clock = newFakeClock()
	got, _ = runChecks(t, LinkOptions{Clock: clock}, ext.URL+"/date")
	if f := got[ext.URL+"/date"]; f.Outcome != page.OutcomeOK {
		t.Errorf("/date: %+v", f)
	}
	if w := clock.recorded(); !slices.Equal(w, []time.Duration{30 * time.Second}) {
		t.Errorf("/date waits = %v, want [30s]", w)
	}

	clock = newFakeClock()
	got, _ = runChecks(t, LinkOptions{Clock: clock}, ext.URL+"/always")
	if f := got[ext.URL+"/always"]; f.Outcome != page.OutcomeUnverified || f.Status != 429 || !strings.Contains(f.Reason, "rate-limited") {
		t.Errorf("/always: %+v", f)
	}
	if n := ext.total("/always"); n != 3 || ext.count("GET /always") != 0 { // HEAD and 2 retries, no GET after
		t.Errorf("/always requested %d times, want 3 HEAD", n)
	}

	clock = newFakeClock()
	got, _ = runChecks(t, LinkOptions{Clock: clock, Retries: -1}, ext.URL+"/toolong")
	if f := got[ext.URL+"/toolong"]; f.Outcome != page.OutcomeUnverified {
		t.Errorf("/toolong: %+v", f)
	}
	clock = newFakeClock()
	calls["/toolong"] = 0
	got, _ = runChecks(t, LinkOptions{Clock: clock}, ext.URL+"/toolong")
	if f := got[ext.URL+"/toolong"]; f.Outcome != page.OutcomeUnverified || !strings.Contains(f.Reason, "more than the 1m0s cap") {
		t.Errorf("/toolong: %+v", f)
	}
	if w := clock.recorded(); len(w) != 0 {
		t.Errorf("/toolong waited %v, want no wait past the cap", w)
	}
}

func TestLinkTimeoutRefusedDNSAndTLS(t *testing.T) {
	release := make(chan struct{})
	slow := newHostServer(t, false, map[string]http.HandlerFunc{
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		},
	})
	defer close(release)
	clock := newFakeClock()
	got, _ := runChecks(t, LinkOptions{Clock: clock, Timeout: 30 * time.Millisecond}, slow.URL+"/slow")
	if f := got[slow.URL+"/slow"]; f.Outcome != page.OutcomeDoubtful || f.Err != "timed out" || f.Attempts != 3 {
		t.Errorf("/slow: %+v", f)
	}
	// Backoff doubles the base with ±50% jitter: 1s then 2s, jittered (the
	// jitter can make the second wait shorter than the first).
	if w := clock.recorded(); len(w) != 2 || w[0] < 500*time.Millisecond || w[0] >= 1500*time.Millisecond ||
		w[1] < time.Second || w[1] >= 3*time.Second {
		t.Errorf("timeout backoff waits = %v, want 1s then 2s, each ±50%%", w)
	}

	// A port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/"
	ln.Close()
	got, _ = runChecks(t, LinkOptions{}, closed)
	if f := got[closed]; f.Outcome != page.OutcomeBroken || !strings.Contains(f.Err, "refused") {
		t.Errorf("refused: %+v", f)
	}

	// DNS through an injected dialer: no real look-up.
	dial := func(_ context.Context, _, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}
	got, _ = runChecks(t, LinkOptions{Dial: dial}, "https://no-such-host.example/page")
	if f := got["https://no-such-host.example/page"]; f.Outcome != page.OutcomeBroken || f.Err != "DNS lookup failed: no such host" {
		t.Errorf("dns: %+v", f)
	}

	tlsSrv := newHostServer(t, true, map[string]http.HandlerFunc{"/": htmlPage("<p>secure</p>")})
	got, _ = runChecks(t, LinkOptions{}, tlsSrv.URL+"/")
	if f := got[tlsSrv.URL+"/"]; f.Outcome != page.OutcomeBroken || !strings.HasPrefix(f.Err, "TLS certificate error") {
		t.Errorf("untrusted TLS: %+v", f)
	}
	got, _ = runChecks(t, LinkOptions{Insecure: true}, tlsSrv.URL+"/")
	if f := got[tlsSrv.URL+"/"]; f.Outcome != page.OutcomeOK {
		t.Errorf("--insecure: %+v", f)
	}
}

func TestLinkFragmentsReadTheBody(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/doc": htmlPage(`<h2 id="install">Install</h2><a name="old-anchor"></a><p id="caf%C3%A9">x</p>`),
		"/img": func(w http.ResponseWriter, _ *http.Request) { w.Header().Set("Content-Type", "image/png") },
	})
	got, _ := runChecks(t, LinkOptions{}, ext.URL+"/doc#install", ext.URL+"/doc#missing", ext.URL+"/img#x")
	f := got[ext.URL+"/doc#install"]
	if f.Method != http.MethodGet || f.Target == nil {
		t.Fatalf("/doc with a fragment: %+v", f)
	}
	for _, id := range []string{"install", "old-anchor"} {
		if _, ok := f.Target.IDs[id]; !ok {
			t.Errorf("id %q not kept: %v", id, f.Target.IDs)
		}
	}
	if n := ext.count("GET /doc"); n != 1 || ext.count("HEAD /doc") != 0 {
		t.Errorf("/doc: %d GET, %d HEAD; want one GET", n, ext.count("HEAD /doc"))
	}
	if g := got[ext.URL+"/img#x"]; g.Target != nil {
		t.Errorf("image target kept a page: %+v", g)
	}

	// A resource checked with HEAD, then linked as a page: one GET more, once.
	root, _ := url.Parse("http://site.test/")
	site := page.NewSite(root, page.ModeCrawl, true)
	lc := newLinkChecker(LinkOptions{Clock: newFakeClock()}, site)
	guide, _ := url.Parse(ext.URL + "/guide")
	ext.mu.Lock()
	ext.handlers["/guide"] = htmlPage(`<h1 id="top-of-guide">Guide</h1>`)
	ext.mu.Unlock()
	lc.checkLink(page.Link{URL: guide})
	lc.wait()
	lc.checkLink(page.Link{URL: guide, Follow: true})
	lc.checkLink(page.Link{URL: guide, Follow: true})
	lc.wait()
	if ext.count("HEAD /guide") != 1 || ext.count("GET /guide") != 1 {
		t.Errorf("/guide: %d HEAD, %d GET; want one of each", ext.count("HEAD /guide"), ext.count("GET /guide"))
	}
}

func TestLinkOneRequestPerURL(t *testing.T) {
	started := make(chan struct{})
	gate := make(chan struct{})
	var once sync.Once
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/shared": func(w http.ResponseWriter, _ *http.Request) {
			once.Do(func() { close(started) })
			<-gate
			w.WriteHeader(http.StatusOK)
		},
	})
	root, _ := url.Parse("http://site.test/")
	site := page.NewSite(root, page.ModeCrawl, true)
	lc := newLinkChecker(LinkOptions{Workers: 8, Clock: newFakeClock()}, site)
	target, _ := url.Parse(ext.URL + "/shared")
	var wg sync.WaitGroup
	for range 50 { // 50 pages link to it, concurrently
		wg.Go(func() { lc.checkLink(page.Link{URL: target, Follow: true}) })
	}
	wg.Wait()
	<-started
	for range 10 { // more pages find it while the request is in flight
		lc.checkLink(page.Link{URL: target, Follow: true})
	}
	close(gate)
	lc.wait()
	if n := ext.total("/shared"); n != 1 {
		t.Errorf("/shared requested %d times, want 1", n)
	}
}

func TestLinkPerHostLimit(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"*": func(w http.ResponseWriter, _ *http.Request) {
			time.Sleep(200 * time.Microsecond) // keep requests overlapping
			w.WriteHeader(http.StatusOK)
		},
	})
	targets := make([]string, 1000)
	for i := range targets {
		targets[i] = fmt.Sprintf("%s/p%d", ext.URL, i)
	}
	runChecks(t, LinkOptions{Workers: 32}, targets...)
	ext.mu.Lock()
	defer ext.mu.Unlock()
	if ext.maxIn > 2 || ext.maxIn < 1 {
		t.Errorf("at most %d requests in flight, want at most 2", ext.maxIn)
	}
	for k, n := range ext.hits {
		if n != 1 || !strings.HasPrefix(k, "HEAD ") {
			t.Errorf("%s requested %d times", k, n)
		}
	}
	if len(ext.hits) != 1000 {
		t.Errorf("%d URLs requested, want 1000", len(ext.hits))
	}
}

func TestLinkHostDelay(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{"*": status(200)})
	clock := newFakeClock()
	runChecks(t, LinkOptions{Clock: clock, PerHost: 1, HostDelay: time.Second}, ext.URL+"/1", ext.URL+"/2", ext.URL+"/3")
	var total time.Duration
	for _, w := range clock.recorded() {
		total += w
	}
	if total != 2*time.Second {
		t.Errorf("waits %v, want 2s in all between 3 requests", clock.recorded())
	}
}

func TestLinkHeadersOnlyToTheSite(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{"/landing": status(200)})
	own := newHostServer(t, false, map[string]http.HandlerFunc{
		"/private": status(200),
		"/out":     redirect(ext.URL+"/landing", 302),
	})
	u, _ := url.Parse(own.URL)
	opts := LinkOptions{SiteHost: u.Host, Headers: http.Header{"Authorization": {"Bearer s3cret"}, "X-Preview": {"1"}}}
	runChecks(t, opts, own.URL+"/private", own.URL+"/out", ext.URL+"/landing")
	own.mu.Lock()
	if own.headers["/private"].Get("X-Preview") != "1" || own.headers["/private"].Get("Authorization") != "Bearer s3cret" {
		t.Errorf("site request lacks the headers: %v", own.headers["/private"])
	}
	own.mu.Unlock()
	ext.mu.Lock()
	defer ext.mu.Unlock()
	if h := ext.headers["/landing"]; h.Get("X-Preview") != "" || h.Get("Authorization") != "" {
		t.Errorf("another host got the site's headers: %v", h)
	}
}

func TestLinkIncludeExclude(t *testing.T) {
	ext := newHostServer(t, false, map[string]http.HandlerFunc{"*": status(200)})
	opts := LinkOptions{
		Include: []*regexp.Regexp{regexp.MustCompile(`/docs/`)},
		Exclude: []*regexp.Regexp{regexp.MustCompile(`/docs/private`)},
	}
	root, _ := url.Parse("http://site.test/")
	site := page.NewSite(root, page.ModeCrawl, true)
	lc := newLinkChecker(opts, site)
	for _, p := range []string{"/docs/a", "/docs/private/b", "/blog/c"} {
		lc.check(ext.URL + p)
	}
	lc.wait()
	for p, want := range map[string]bool{"/docs/a": true, "/docs/private/b": false, "/blog/c": false} {
		if _, ok := site.Fetch(ext.URL + p); ok != want {
			t.Errorf("%s checked = %v, want %v", p, ok, want)
		}
	}
	// --include narrows the links to other sites; the site's own are all checked.
	opts.SiteHost = "site.test"
	if !opts.Wanted("http://site.test/blog/") || opts.Wanted("http://site.test/docs/private/x") || opts.Wanted("https://other.test/blog/") {
		t.Error("--include applied to the site's own links, or --exclude not")
	}
}

func TestLinkCache(t *testing.T) {
	var mu sync.Mutex
	flaky := true
	ext := newHostServer(t, false, map[string]http.HandlerFunc{
		"/ok":      status(200),
		"/missing": status(404),
		"/doc":     htmlPage(`<h2 id="usage">Usage</h2>`),
		"/flaky": func(w http.ResponseWriter, _ *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			if flaky {
				w.WriteHeader(999)
				return
			}
			w.WriteHeader(http.StatusOK)
		},
	})
	cache := filepath.Join(t.TempDir(), "links.json")
	clock := newFakeClock()
	opts := LinkOptions{CacheFile: cache, Clock: clock}
	targets := []string{ext.URL + "/ok", ext.URL + "/missing", ext.URL + "/doc#usage", ext.URL + "/flaky"}

	first, lc := runChecks(t, opts, targets...)
	if len(lc.notices()) != 0 {
		t.Errorf("notices: %q", lc.notices())
	}
	if first[ext.URL+"/flaky"].Outcome != page.OutcomeUnverified {
		t.Fatalf("first run /flaky: %+v", first[ext.URL+"/flaky"])
	}
	before := map[string]int{}
	for _, p := range []string{"/ok", "/missing", "/doc", "/flaky"} {
		before[p] = ext.total(p)
	}

	mu.Lock()
	flaky = false
	mu.Unlock()
	second, _ := runChecks(t, opts, targets...)
	for p, again := range map[string]bool{"/ok": false, "/doc": false, "/missing": true, "/flaky": true} {
		if asked := ext.total(p) > before[p]; asked != again {
			t.Errorf("second run requested %s: %v, want %v", p, asked, again)
		}
	}
	if f := second[ext.URL+"/doc#usage"]; !f.Cached || f.Target == nil {
		t.Errorf("cached /doc lost its ids: %+v", f)
	} else if _, ok := f.Target.IDs["usage"]; !ok {
		t.Errorf("cached ids: %v", f.Target.IDs)
	}
	if f := second[ext.URL+"/flaky"]; f.Outcome != page.OutcomeOK || f.Cached {
		t.Errorf("second run /flaky: %+v", f)
	}

	// Past --cache-max-age, everything is asked again.
	clock.Sleep(context.Background(), 25*time.Hour)
	before["/ok"] = ext.total("/ok")
	runChecks(t, opts, ext.URL+"/ok")
	if ext.total("/ok") == before["/ok"] {
		t.Error("a stale cache entry was used")
	}

	// A corrupt cache is reported once and ignored; the run goes on and rewrites it.
	if err := os.WriteFile(cache, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, lc := runChecks(t, opts, ext.URL+"/ok")
	if got[ext.URL+"/ok"].Outcome != page.OutcomeOK {
		t.Errorf("with a corrupt cache: %+v", got[ext.URL+"/ok"])
	}
	if n := lc.notices(); len(n) != 1 || !strings.Contains(n[0], "ignored") {
		t.Errorf("notices = %q, want one about the corrupt cache", n)
	}
	if _, lc = runChecks(t, opts, ext.URL+"/ok"); len(lc.notices()) != 0 {
		t.Errorf("rewritten cache still unreadable: %q", lc.notices())
	}
	// Nothing but the cache is left in its folder: the temp file was renamed.
	entries, _ := os.ReadDir(filepath.Dir(cache))
	if len(entries) != 1 {
		t.Errorf("cache folder holds %d files", len(entries))
	}

	// An unreadable cache (a folder in its place) is a notice too, never fatal.
	dir := t.TempDir()
	_, lc = runChecks(t, LinkOptions{CacheFile: dir}, ext.URL+"/ok")
	if n := lc.notices(); len(n) == 0 {
		t.Error("no notice for an unreadable cache")
	}
}

func TestErrorKind(t *testing.T) {
	for _, tt := range []struct {
		err  error
		kind errKind
	}{
		{context.DeadlineExceeded, errTimeout},
		{context.Canceled, errCanceled},
		{&net.DNSError{Err: "no such host", IsNotFound: true}, errDNS},
		{&net.OpError{Op: "dial", Err: errors.New("connect: connection refused")}, errRefused},
		{errors.New("weird"), errOther},
	} {
		if k, _ := errorKind(tt.err); k != tt.kind {
			t.Errorf("errorKind(%v) = %d, want %d", tt.err, k, tt.kind)
		}
	}
}
