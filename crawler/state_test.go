package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

// fillValue sets every field reachable from v to a non-zero value.
func fillValue(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(len(path)))
	case reflect.Uint64:
		v.SetUint(uint64(len(path)) << 40)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Errorf("%s.%s is not exported: the crawl state (JSON) would lose it; encode it in crawler/state*.go", path, f.Name)
				continue
			}
			fillValue(t, v.Field(i), path+"."+f.Name)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fillValue(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillValue(t, k, path+"{k}")
		fillValue(t, e, path+"{v}")
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillValue(t, p.Elem(), path)
		v.Set(p)
	default:
		t.Errorf("%s: a %s the state test cannot fill; check that the crawl state keeps it", path, v.Kind())
	}
}

// TestStateKeepsEveryField: a Summary and a Fetch come back from the crawl
// state (JSON) with every field, so a field added later cannot be lost on
// resume without this test failing.
func TestStateKeepsEveryField(t *testing.T) {
	for _, v := range []any{&page.Summary{}, &page.Fetch{}, &page.SitemapFile{}} {
		fillValue(t, reflect.ValueOf(v).Elem(), reflect.TypeOf(v).Elem().Name())
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		back := reflect.New(reflect.TypeOf(v).Elem())
		if err := json.Unmarshal(raw, back.Interface()); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.Interface(), v) {
			t.Errorf("%T changed through the crawl state:\n%+v\n%+v", v, back.Elem().Interface(), reflect.ValueOf(v).Elem().Interface())
		}
	}
	rb := &page.RobotsFile{URL: "http://x/robots.txt", Status: 200, Size: 30, Body: []byte("User-agent: *\nDisallow: /a\n")}
	raw, err := encodeRobots(rb)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeRobots(raw)
	if err != nil || back.Rules == nil || back.Allowed("x", "/a") || !back.Allowed("x", "/b") || string(back.Body) != string(rb.Body) {
		t.Errorf("robots.txt through the state: %+v, %v", back, err)
	}
}

// summarize is a handler that keeps a summary, as the runner does, so
// that the state stores it.
func summarize(site **page.Site, mu *sync.Mutex, read *[]string) func(*page.Page) {
	return func(p *page.Page) {
		(*site).AddPage(&page.Summary{URL: page.Normalize(p.URL), Path: p.Path, Status: p.Status})
		mu.Lock()
		*read = append(*read, p.Path)
		mu.Unlock()
	}
}

// crawlState crawls with a state in dir (resume when it holds one) and
// returns the result, the pages read by this run and the Site.
func crawlState(t *testing.T, ctx context.Context, opts CrawlOptions, dir string, resume bool, during func(*Crawler)) (Result, []string, *page.Site) {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.MaxDepth == 0 {
		opts.MaxDepth = -1
	}
	st, err := OpenState(dir, resume)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts.State = st
	c, site, err := NewCrawler(opts)
	if err != nil {
		t.Fatal(err)
	}
	if during != nil {
		during(c)
	}
	var mu sync.Mutex
	var read []string
	res, err := c.Run(ctx, summarize(&site, &mu, &read))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(read)
	return res, read, site
}

// fetchesOf lists the Site's fetch outcomes of the targets, for comparing.
func fetchesOf(site *page.Site, targets []string) []string {
	var out []string
	for _, tg := range targets {
		f, ok := site.Fetch(tg)
		out = append(out, fmt.Sprintf("%s %v %d %s %s", tg, ok, f.Status, f.Outcome, f.Err))
	}
	return out
}

// TestStateCrawlsAsInMemory: with a state, the crawl reads the same pages,
// records the same outcomes and gives the same notices as in memory, limits
// and all.
func TestStateCrawlsAsInMemory(t *testing.T) {
	pages := map[string]string{
		"/":             `<a href="/a.html">a</a> <a href="/a.html?utm_source=x">tracked</a> <a href="/blog/index.html">blog</a> <a href="/old">old</a> <a href="/private/x.html">x</a> <img src="/logo.png"> <a href="/missing.html">gone</a> <a href="/cal/2026/01/">cal</a> <a href="/` + strings.Repeat("l", 80) + `.html">long</a>`,
		"/a.html":       `<a href="/">home</a> <a href="/deep/1.html">deep</a>`,
		"/blog/":        `<a href="/a.html">a</a>`,
		"/old":          `redirect:/a.html`,
		"/deep/1.html":  `<a href="/deep/2.html">deeper</a>`,
		"/deep/2.html":  `<a href="/deep/3.html">deeper</a>`,
		"/deep/3.html":  `end`,
		"/logo.png":     `png`,
		"/robots.txt":   "User-agent: *\nDisallow: /private/\n",
		"/cal/2026/01/": `<a href="/cal/2026/02/">next</a>`,
		"/cal/2026/02/": `<a href="/cal/2026/03/">next</a>`,
		"/cal/2026/03/": `<a href="/cal/2026/04/">next</a>`,
	}
	s := newTestSite(t, pages)
	targets := []string{s.srv.URL + "/logo.png", s.srv.URL + "/missing.html", s.srv.URL + "/old", s.srv.URL + "/deep/3.html", s.srv.URL + "/cal/2026/03/"}
	for name, o := range map[string]CrawlOptions{
		"no limit":                        {},
		"max-depth":                       {MaxDepth: 2},
		"max-pages":                       {MaxPages: 4, Concurrency: 1},
		"max-per-pattern, max-url-length": {MaxPerPattern: 2, MaxURLLength: 60},
	} {
		t.Run(name, func(t *testing.T) {
			o.Start, o.UserAgent = s.srv.URL+"/", "pagelint-test"
			mem, memRead, memSite := crawl(t, o)
			t.Logf("in memory: read %v, notices %q", memRead, mem.Notices)
			disk, diskRead, diskSite := crawlState(t, context.Background(), o, t.TempDir(), false, nil)
			if o.MaxPages == 0 && !slices.Equal(memRead, diskRead) {
				t.Errorf("pages read: %v in memory, %v with a state", memRead, diskRead)
			}
			// Which pages --max-pages leaves unread depends on the order
			// requests are answered in, in memory too: only its notice is
			// compared.
			samePages := o.MaxPages > 0 || mem.Pages == disk.Pages && len(memRead) == len(diskRead)
			if !samePages || mem.Complete != disk.Complete || !slices.Equal(mem.Notices, disk.Notices) {
				t.Errorf("in memory %+v\nwith a state %+v", mem, disk)
			}
			if o.MaxPages == 0 && !slices.Equal(fetchesOf(memSite, targets), fetchesOf(diskSite, targets)) {
				t.Errorf("outcomes: %v in memory, %v with a state", fetchesOf(memSite, targets), fetchesOf(diskSite, targets))
			}

			// Stopped after two pages and resumed: the counters behind the
			// notices come back from the state.
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := atomic.Int64{}
			_, first, _ := crawlState(t, ctx, o, dir, false, func(c *Crawler) {
				c.opts.Concurrency = 1
				inner := s.srv.Config.Handler
				s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodGet && r.URL.Path != "/robots.txt" && !strings.Contains(r.URL.Path, "sitemap") && n.Add(1) == 3 {
						cancel()
						<-r.Context().Done()
						return
					}
					inner.ServeHTTP(w, r)
				})
				t.Cleanup(func() { s.srv.Config.Handler = inner })
			})
			res, second, resSite := crawlState(t, context.Background(), o, dir, true, nil)
			if o.MaxPages == 0 && !slices.Equal(fetchesOf(memSite, targets), fetchesOf(resSite, targets)) {
				t.Errorf("outcomes: %v in memory, %v resumed", fetchesOf(memSite, targets), fetchesOf(resSite, targets))
			}
			both := append(slices.Clone(first), second...)
			slices.Sort(both)
			if o.MaxPages == 0 && (!slices.Equal(both, memRead) || res.Pages != mem.Pages) {
				t.Errorf("read %v then %v; in memory %v", first, second, memRead)
			}
			if res.Complete != mem.Complete || !slices.Equal(res.Notices, mem.Notices) {
				t.Errorf("resumed %+v\nin memory %+v", res, mem)
			}
		})
	}
}

// TestStateResumeFetchesNothingTwice stops a crawl when the link checker
// is idle after the 6th page request (so every link result is kept), then
// resumes it: no page and no link target is requested twice, the two runs
// read every page once, and the resumed Site has all the outcomes an
// uninterrupted crawl has.
func TestStateResumeFetchesNothingTwice(t *testing.T) {
	pages := map[string]string{"/": ""}
	var home strings.Builder
	for i := range 20 {
		fmt.Fprintf(&home, `<a href="/p/%d.html">%d</a> `, i, i)
		pages[fmt.Sprintf("/p/%d.html", i)] = fmt.Sprintf(`<a href="/p/%d.html">next</a> <img src="/img/%d.png"> <a href="/p/%d.html#top">top</a>`, (i+1)%20, i%3, i)
	}
	for i := range 3 {
		pages[fmt.Sprintf("/img/%d.png", i)] = "png"
	}
	pages["/"] = home.String() + `<img src="/img/0.png"> <img src="/img/1.png"> <img src="/img/2.png"> <img src="/img/gone.png">`
	s := newTestSite(t, pages)
	// One request at a time: the cut request is then the only one in
	// flight, and every other page asked for was answered whole.
	opts := CrawlOptions{Start: s.srv.URL + "/", Concurrency: 1}
	_, all, fullSite := crawl(t, opts)
	want := fetchesOf(fullSite, []string{s.srv.URL + "/img/0.png", s.srv.URL + "/img/gone.png", s.srv.URL + "/p/19.html"})

	// The cut: the 6th page request stops the crawl once the link checker
	// is idle, and is never answered.
	s.mu.Lock()
	s.hits = map[string]int{}
	s.mu.Unlock()
	cut := &cutter{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inner := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".html") && cut.next() == 6 {
			cut.wait()
			cancel()
			<-r.Context().Done()
			return
		}
		inner.ServeHTTP(w, r)
	})
	dir := t.TempDir()
	part, first, _ := crawlState(t, ctx, opts, dir, false, func(c *Crawler) { cut.c = c })
	if part.Complete || len(first) == 0 || len(first) >= len(all) {
		t.Fatalf("the interrupted crawl read %v: %+v", first, part)
	}
	s.srv.Config.Handler = inner
	before := s.hits
	s.mu.Lock()
	s.hits = map[string]int{}
	s.mu.Unlock()

	res, second, site := crawlState(t, context.Background(), opts, dir, true, nil)
	for key, n := range s.hits {
		if before[key] > 0 {
			t.Errorf("%s requested %d time(s) before the interrupt and %d after", key, before[key], n)
		}
	}
	if both := append(slices.Clone(first), second...); !res.Complete || res.Pages != len(all) || len(both) != len(all) {
		t.Errorf("read %v then %v, want each of %v once; result %+v", first, second, all, res)
	}
	if got := fetchesOf(site, []string{s.srv.URL + "/img/0.png", s.srv.URL + "/img/gone.png", s.srv.URL + "/p/19.html"}); !slices.Equal(got, want) {
		t.Errorf("outcomes after resuming: %v, uninterrupted: %v", got, want)
	}
	if site.Len() != len(all) {
		t.Errorf("the resumed Site has %d summaries, want %d", site.Len(), len(all))
	}
}

// cutter counts page requests and waits for the link checker to be idle.
type cutter struct {
	n atomic.Int64
	c *Crawler
}

func (c *cutter) next() int64 { return c.n.Add(1) }

func (c *cutter) wait() {
	for {
		c.c.links.mu.Lock()
		idle := c.c.links.active == 0
		c.c.links.mu.Unlock()
		if idle {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestStateBoundedMemory: with a state, colly is handed a few requests
// ahead of the concurrency, not the whole queue, and the visited set's
// cache stays within its bound while pages are still read once.
func TestStateBoundedMemory(t *testing.T) {
	old := stateSeen
	stateSeen = 8
	defer func() { stateSeen = old }()
	pages := map[string]string{}
	var home strings.Builder
	for i := range 300 {
		fmt.Fprintf(&home, `<a href="/p/%d.html">%d</a> `, i, i)
		pages[fmt.Sprintf("/p/%d.html", i)] = fmt.Sprintf(`<a href="/">home</a> <a href="/p/%d.html">next</a> <a href="/p/%d.html">prev</a>`, (i+1)%300, (i+299)%300)
	}
	pages["/"] = home.String()
	s := newTestSite(t, pages)
	var peak, cache atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	_, read, _ := crawlState(t, context.Background(), CrawlOptions{Start: s.srv.URL + "/", Concurrency: 2}, t.TempDir(), false, func(c *Crawler) {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Microsecond):
				}
				if q := c.queued.Load(); q > peak.Load() {
					peak.Store(q)
				}
				c.mu.Lock()
				if n := int64(len(c.st.cur) + len(c.st.old)); n > cache.Load() {
					cache.Store(n)
				}
				c.mu.Unlock()
			}
		})
	})
	close(stop)
	wg.Wait()
	if len(read) != 301 {
		t.Errorf("read %d pages, want 301", len(read))
	}
	for key, n := range s.hits {
		if n > 1 {
			t.Errorf("%s requested %d times", key, n)
		}
	}
	if peak.Load() > 2*2+2 {
		t.Errorf("%d requests were handed to colly at once, want at most 6", peak.Load())
	}
	if cache.Load() > 2*8 {
		t.Errorf("the visited-set cache held %d keys, want at most 16", cache.Load())
	}
}

// TestStateErrors: misuse of a state folder is refused before any request,
// naming the folder.
func TestStateErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenState(filepath.Join(dir, "none"), true); err == nil || !strings.Contains(err.Error(), "no crawl to resume") {
		t.Errorf("resume with no state: %v", err)
	}
	st, err := OpenState(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenState(dir, false); err == nil || !strings.Contains(err.Error(), "in use by another pagelint crawl") {
		t.Errorf("a second crawl on one state: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, StateFile), []byte(strings.Repeat("junk", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenState(dir, true); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("a corrupt state: %v", err)
	}
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	fresh := filepath.Join(dir, "fresh")
	st, err = OpenState(fresh, false)
	if err != nil {
		t.Fatal(err)
	}
	// A crawl that never got past its start page leaves nothing to resume:
	// the next run starts again without --resume.
	c, _, err := NewCrawler(CrawlOptions{Start: ts.URL + "/", State: st, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), func(*page.Page) {}); err == nil {
		t.Fatal("a start page answering 404 should fail the crawl")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(fresh, StateFile)); err == nil {
		t.Error("a crawl that failed at its start page left its state file")
	}
	if _, err := OpenState(fresh, true); err == nil {
		t.Error("a crawl that failed at its start page was offered for resume")
	}
	st, err = OpenState(fresh, false)
	if err != nil {
		t.Fatalf("a crawl that failed at its start page blocks the next one: %v", err)
	}
	st.Close()
}

// TestStateMaxDuration: a crawl that --max-duration stops keeps its queue,
// says so, and a resume with the same limit goes on until every page is
// read once.
func TestStateMaxDuration(t *testing.T) {
	pages := map[string]string{}
	var home strings.Builder
	for i := range 12 {
		fmt.Fprintf(&home, `<a href="/p/%d.html">%d</a> `, i, i)
		pages[fmt.Sprintf("/p/%d.html", i)] = `<a href="/">home</a>`
	}
	pages["/"] = home.String()
	s := newTestSite(t, pages)
	inner := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/p/") {
			time.Sleep(40 * time.Millisecond) // 12 pages one at a time: about half a second
		}
		inner.ServeHTTP(w, r)
	})
	dir := t.TempDir()
	opts := CrawlOptions{Start: s.srv.URL + "/", Concurrency: 1, MaxDuration: 150 * time.Millisecond}
	var all []string
	for run := 0; ; run++ {
		// As the README's script: resume whenever there is a state file (a
		// run stopped before its start page was stored leaves none).
		_, err := os.Stat(filepath.Join(dir, StateFile))
		res, read, _ := crawlState(t, context.Background(), opts, dir, err == nil, nil)
		all = append(all, read...)
		if res.Complete {
			if res.Pages != 13 {
				t.Errorf("the last run reports %d pages, want 13", res.Pages)
			}
			break
		}
		_, err = os.Stat(filepath.Join(dir, StateFile))
		if resumable := slices.ContainsFunc(res.Notices, func(n string) bool { return strings.Contains(n, "--resume") }); resumable != (err == nil) {
			t.Fatalf("after a crawl stopped by --max-duration, the state file is there: %v, and the notices %q", err == nil, res.Notices)
		}
		if run == 20 {
			t.Fatalf("not done after %d runs: read %v", run+1, all)
		}
	}
	slices.Sort(all)
	if len(all) != 13 || len(slices.Compact(all)) != 13 {
		t.Errorf("pages read over all runs: %v, want each of 13 once", all)
	}
}
