package crawler

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/pagelint/pagelint/page"
)

// CrawlOptions configure a crawl of a live site.
type CrawlOptions struct {
	Start        string        // the start URL; its scheme, host and port are the site
	MaxPages     int           // pages to read at most; 0 means no limit
	MaxDepth     int           // links to follow from the start page; < 0 means no limit
	Scope        string        // follow only pages whose path starts with this
	Concurrency  int           // requests in flight to the site
	Delay        time.Duration // pause after each request to the site
	Timeout      time.Duration // per request, body included
	UserAgent    string
	IgnoreRobots bool
	SkipExternal bool // check no link to another site (no DNS look-up, no request)
	MaxBody      int  // bytes read of a page at most, after decompression (default 10 MiB)
	// MaxDuration ends the whole crawl after this long; 0 means no limit.
	MaxDuration time.Duration
	// MaxURLLength: links to the site's pages longer than this are not
	// followed; 0 means no limit.
	MaxURLLength int
	// MaxPerPattern caps the pages read per URL pattern (see URLPattern),
	// for URL spaces that keep growing: calendars, faceted filters, ?page=N.
	// 0 means no limit.
	MaxPerPattern int
	// StripParams names the query parameters (and ;name=value path
	// parameters) dropped before pages are de-duplicated: tracking and
	// session ids. A trailing * matches a prefix (utm_*).
	StripParams []string
	Client      *http.Client
	// State keeps the crawl on disk (--state DIR): the visited set and the
	// queue live there rather than in memory, and each page's outcome is
	// committed as it is read, so a stopped crawl can resume. A State that
	// holds a crawl resumes it. nil keeps everything in memory.
	State *State
	// StateSettings are settings the caller adds to those the crawl
	// options give (the rules, the date they compare with): a crawl
	// resumes only when all are the same.
	StateSettings map[string]string
	// Links configure the link checks: retries, Retry-After cap, --accept,
	// --include/--exclude, --header (sent to the site's host only),
	// --insecure, the cache, per-host limits for other sites. Timeout,
	// UserAgent, Workers, SiteHost and SitePerHost are filled in from the
	// crawl options. Retries and Retry-After apply to the site's pages too.
	Links LinkOptions
}

// Stats are the live counters shown by the progress line.
type Stats struct {
	Pages   int64 // pages read and checked
	Queued  int64 // pages waiting to be fetched
	Errors  int64 // requests that failed or returned >= 400
	Elapsed time.Duration
}

// A Crawler fetches the pages of one site with colly and checks every link
// target it finds: site pages by crawling them, the rest with a link checker.
type Crawler struct {
	opts  CrawlOptions
	start *url.URL
	site  *page.Site
	links *linkChecker
	col   *colly.Collector

	st *stateRun // nil without a State

	// parsing holds one token per page being parsed and checked. Fetches
	// stay Concurrency-wide, but only as many pages as there are cores
	// hold a document at once: more would only share the same cores and
	// multiply the memory of documents in flight.
	parsing chan struct{}

	mu        sync.Mutex
	visited   map[string]bool // page keys queued or read (without a State)
	redirects map[string][]int
	limitHit  bool
	drop      func(string) bool // StripParams
	patterns  map[string]int    // URL pattern -> pages queued
	capped    map[string]int    // URL pattern -> pages left unread at MaxPerPattern
	longHit   int               // links not followed for MaxURLLength
	timeHit   bool              // MaxDuration ended the crawl
	unparsed  []string          // notices: pages the parser refused
	depthHit  int
	robotsHit int
	startErr  error

	ctx     context.Context
	began   time.Time
	pages   atomic.Int64
	queued  atomic.Int64
	errored atomic.Int64
}

// NewCrawler validates the options. A start URL that is not an absolute
// http(s) URL is an error.
func NewCrawler(opts CrawlOptions) (*Crawler, *page.Site, error) {
	u, err := url.Parse(strings.TrimSpace(opts.Start))
	if err != nil || !page.Fetchable(u) {
		return nil, nil, fmt.Errorf("start URL %q: want an absolute http:// or https:// URL", opts.Start)
	}
	u, _ = url.Parse(page.Normalize(u))
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 15 * time.Second
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 10 << 20
	}
	root := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
	site := page.NewSite(root, page.ModeCrawl, true)
	lo := opts.Links
	lo.Timeout, lo.UserAgent, lo.SiteHost, lo.SitePerHost = opts.Timeout, opts.UserAgent, strings.ToLower(u.Host), opts.Concurrency
	if lo.Workers <= 0 {
		lo.Workers = max(opts.Concurrency, 8)
	}
	if lo.Client == nil {
		lo.Client = opts.Client
	}
	opts.Links = lo.withDefaults()
	if opts.Links.Dial != nil || opts.Links.Insecure {
		opts.Client = opts.Links.httpClient()
		opts.Links.Client, opts.Links.Dial = opts.Client, nil
	}
	c := &Crawler{
		opts: opts, start: u, site: site, visited: map[string]bool{}, redirects: map[string][]int{},
		drop: page.ParamMatcher(opts.StripParams), patterns: map[string]int{}, capped: map[string]int{},
		parsing: make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
	c.links = newLinkChecker(opts.Links, site)
	if opts.State != nil {
		c.st = newStateRun(opts.State)
		if err := opts.State.bind(u.String(), c.stateSettings(opts.StateSettings)); err != nil {
			return nil, nil, err
		}
	}
	return c, site, nil
}

// Stats returns the live counters.
func (c *Crawler) Stats() Stats {
	queued := c.queued.Load()
	if c.st != nil {
		queued += c.st.backlog.Load()
	}
	return Stats{Pages: c.pages.Load(), Queued: queued, Errors: c.errored.Load(), Elapsed: time.Since(c.began)}
}

// pageKey names a page once: the normalized URL without the parameters of
// StripParams and with a trailing index.html dropped, so /blog/,
// /blog/index.html and /blog/?utm_source=x are read once.
func (c *Crawler) pageKey(u *url.URL) string {
	u = page.StripParams(u, c.drop)
	key := page.Normalize(u)
	if u.RawQuery == "" {
		for _, idx := range []string{"/index.html", "/index.htm"} {
			if strings.HasSuffix(key, idx) {
				return strings.TrimSuffix(key, idx[1:])
			}
		}
	}
	return key
}

// Run crawls the site, handing each HTML page to handle. It returns an error
// when the start URL cannot be read; a cancelled ctx ends the crawl early
// with Complete false.
func (c *Crawler) Run(parent context.Context, handle func(*page.Page)) (Result, error) {
	c.began = time.Now()
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if c.opts.MaxDuration > 0 {
		t := time.AfterFunc(c.opts.MaxDuration, func() {
			c.mu.Lock()
			c.timeHit = true
			c.mu.Unlock()
			cancel()
		})
		defer t.Stop()
	}
	c.ctx = ctx
	c.links.ctx = ctx
	if c.st != nil {
		c.st.stop = cancel
	}
	col := colly.NewCollector(colly.Async(true), colly.StdlibContext(ctx), colly.UserAgent(c.opts.UserAgent))
	col.AllowURLRevisit = true // pagelint dedups itself, on normalized URLs
	col.ParseHTTPErrorResponse = true
	// pagelint reads robots.txt itself (RFC 9309, robots/) before the crawl;
	// colly's own reader would fetch it a second time.
	col.IgnoreRobotsTxt = true
	// The cap counts decompressed bytes: capClient gunzips before it counts.
	col.MaxBodySize = c.opts.MaxBody + 1
	col.SetClient(capClient(c.opts.Client, c.opts.MaxBody))
	col.SetRequestTimeout(c.opts.Timeout)
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: c.opts.Concurrency, Delay: c.opts.Delay}); err != nil {
		return Result{}, fmt.Errorf("crawler limits: %w", err)
	}
	c.col = col
	col.SetRedirectHandler(c.onRedirect)
	col.OnRequest(func(r *colly.Request) {
		r.Ctx.Put("sent", r.URL.String())
		if page.SameSite(c.start, r.URL) {
			for k, vs := range c.opts.Links.Headers {
				(*r.Headers)[k] = append([]string(nil), vs...)
			}
		}
	})
	col.OnResponseHeaders(func(r *colly.Response) {
		if c.retryLater(r, observation{Status: r.StatusCode, Header: *r.Headers}) {
			r.Request.Abort()
			return
		}
		if r.StatusCode >= 400 || !isHTML(r.Headers.Get("Content-Type")) || !page.SameSite(c.start, r.Request.URL) {
			c.record(r, nil)
			r.Request.Abort() // not a page of the site: the status is all we need
		}
	})
	col.OnResponse(func(r *colly.Response) { c.onPage(ctx, r, handle) })
	col.OnError(func(r *colly.Response, err error) {
		if errors.Is(err, colly.ErrAbortedAfterHeaders) {
			if r.Ctx.GetAny("retry") != nil {
				c.retry(r)
			}
			return
		}
		if kind, _ := errorKind(err); ctx.Err() == nil && c.retryLater(r, observation{Err: kind}) {
			c.retry(r)
			return
		}
		c.record(r, err)
	})

	if c.st != nil && c.st.resumed {
		// A crawl kept on disk goes on from where it stopped, with the
		// robots.txt and sitemaps it began with.
		if err := c.resumeState(); err != nil {
			return Result{}, err
		}
	} else if res, stop, err := c.begin(ctx, col); stop {
		return res, err
	}
	if c.st != nil {
		if err := c.pump(ctx, col); err != nil {
			col.Wait()
			c.links.wait()
			return Result{}, err
		}
	}
	col.Wait()
	c.links.wait()
	notices := c.links.notices()
	if c.st != nil {
		c.saveLinks()
		if c.st.err != nil {
			return Result{}, c.st.err
		}
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.startErr != nil {
		return Result{}, c.startErr
	}
	res := Result{Target: c.start.String(), Pages: int(c.pages.Load()), Complete: true, Notices: notices}
	if c.limitHit {
		res.Complete = false
		res.Notices = append(res.Notices, fmt.Sprintf("stopped at --max-pages %d: more pages of the site were left unread", c.opts.MaxPages))
	}
	switch {
	case parent.Err() != nil:
		res.Complete = false
		res.Notices = append(res.Notices, "interrupted: pages still queued were not read")
	case c.timeHit:
		res.Complete = false
		res.Notices = append(res.Notices, fmt.Sprintf("stopped at --max-duration %s: pages still queued were not read", c.opts.MaxDuration))
	}
	if len(c.capped) > 0 {
		res.Complete = false
		res.Notices = append(res.Notices, c.patternNotice())
	}
	res.Notices = append(res.Notices, c.unparsed...)
	if c.longHit > 0 {
		res.Complete = false
		res.Notices = append(res.Notices, fmt.Sprintf("%d link(s) to pages of the site longer than --max-url-length %d were not followed", c.longHit, c.opts.MaxURLLength))
	}
	if c.depthHit > 0 {
		res.Notices = append(res.Notices, fmt.Sprintf("%d page(s) beyond --max-depth %d were checked as links but not read", c.depthHit, c.opts.MaxDepth))
	}
	if c.robotsHit > 0 {
		res.Notices = append(res.Notices, fmt.Sprintf("%d page(s) disallowed by robots.txt were not fetched (--ignore-robots to read them)", c.robotsHit))
	}
	if c.st != nil {
		c.stateNotice(&res, parent)
	}
	// orphan-page needs every page of the site: a crawl limited by depth or
	// scope may have missed the pages that link to one.
	c.site.SetComplete(res.Complete && c.opts.MaxDepth < 0 && c.opts.Scope == "")
	return res, nil
}

// begin reads robots.txt and the sitemaps and queues the start page and the
// sitemap seeds. stop is true when the crawl ends there, with res and err.
func (c *Crawler) begin(ctx context.Context, col *colly.Collector) (res Result, stop bool, err error) {
	// robots.txt and the sitemaps come first: RFC 9309 reads a robots.txt
	// that answers 5xx as "disallow all", and sitemap URLs seed the crawl.
	// The robots-txt, sitemap and orphan-page rules judge what was read.
	rb, maps := LoadSiteFiles(ctx, c.opts.Client, c.site.Root, c.opts.UserAgent, c.opts.Timeout)
	c.site.SetRobots(rb)
	for _, m := range maps {
		c.site.AddSitemap(m)
	}
	if rb.Unreachable() && !c.opts.IgnoreRobots {
		if rb.Status == 0 {
			return Result{}, true, fmt.Errorf("start URL %s: robots.txt could not be read: %s (--ignore-robots to crawl anyway)", c.start, rb.Err)
		}
		c.site.SetComplete(false)
		return Result{Target: c.start.String(), Complete: false, Notices: []string{
			fmt.Sprintf("robots.txt answered HTTP %d, which RFC 9309 reads as disallow all, so nothing was crawled (--ignore-robots to crawl anyway)", rb.Status),
		}}, true, nil
	}
	seeds := SitemapSeeds(c.site, c.opts.UserAgent, c.opts.IgnoreRobots)
	if c.st != nil {
		if err := c.startState(seeds); err != nil {
			return Result{}, true, err
		}
		return Result{}, false, nil
	}
	startKey := c.pageKey(c.start)
	c.visited[startKey] = true
	if err := c.visit(col, c.start.String(), startKey, 0); err != nil {
		return Result{}, true, fmt.Errorf("start URL %s: %w", c.start, err)
	}
	c.queueSeeds(seeds, nil)
	return Result{}, false, nil
}

// queueSeeds queues the sitemap URLs in scope.
func (c *Crawler) queueSeeds(seeds []string, b *stateBatch) {
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || !strings.HasPrefix(u.Path, c.opts.Scope) {
			continue
		}
		c.queuePage(u, page.Normalize(u), 1, b)
	}
}

// robotsAllow asks the site's robots.txt, read before the crawl, whether the
// crawler's user agent may fetch target.
func (c *Crawler) robotsAllow(target string) bool {
	u, err := url.Parse(target)
	if err != nil {
		return true
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return c.site.Robots().Allowed(c.opts.UserAgent, path)
}

func (c *Crawler) visit(col *colly.Collector, target, key string, depth int) error {
	return c.visitAttempt(col, target, key, depth, 1)
}

// visitAttempt queues a request for a page; attempt counts the retries.
func (c *Crawler) visitAttempt(col *colly.Collector, target, key string, depth, attempt int) error {
	cctx := colly.NewContext()
	cctx.Put("key", key)
	cctx.Put("url", target)
	cctx.Put("depth", strconv.Itoa(depth))
	cctx.Put("attempt", attempt)
	if !c.opts.IgnoreRobots && !c.robotsAllow(target) {
		return c.disallowed(target, key, depth)
	}
	c.queued.Add(1)
	err := col.Request(http.MethodGet, target, nil, cctx, nil)
	if err != nil {
		c.queued.Add(-1)
		if errors.Is(err, colly.ErrRobotsTxtBlocked) {
			return c.disallowed(target, key, depth)
		}
		if depth == 0 {
			return err
		}
	}
	return nil
}

// disallowed counts a page that robots.txt keeps the crawler from; the
// start page is an error.
func (c *Crawler) disallowed(target, key string, depth int) error {
	c.mu.Lock()
	c.robotsHit++
	c.mu.Unlock()
	if depth == 0 {
		return errors.New("disallowed by robots.txt (use --ignore-robots to crawl it anyway)")
	}
	b := c.newBatch()
	b.markDone(key, target, depth)
	b.bump(counterRobots)
	c.commit(b)
	return nil
}

// retryLater reports whether a page answer should be asked for again (a
// 429, a 5xx, a timeout, while retries are left) and notes how long to wait
// first in the request's context.
func (c *Crawler) retryLater(r *colly.Response, obs observation) bool {
	attempt, _ := r.Ctx.GetAny("attempt").(int)
	if !retryable(obs) || attempt > c.opts.Links.Retries || c.ctx.Err() != nil {
		return false
	}
	wait := backoff(attempt-1, c.opts.Links.RetryBase, rand.Float64())
	if obs.Header != nil {
		if d, ok := retryAfter(obs.Header, c.opts.Links.Clock.Now()); ok {
			if d > c.opts.Links.MaxRetryWait {
				return false
			}
			wait = d
		}
	}
	r.Ctx.Put("retry", wait)
	return true
}

// retry waits as retryLater said, then requests the page again.
func (c *Crawler) retry(r *colly.Response) {
	wait, _ := r.Ctx.GetAny("retry").(time.Duration)
	attempt, _ := r.Ctx.GetAny("attempt").(int)
	c.mu.Lock()
	delete(c.redirects, r.Ctx.Get("sent"))
	c.mu.Unlock()
	c.queued.Add(-1)
	if c.opts.Links.Clock.Sleep(c.ctx, wait) != nil {
		return
	}
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	if err := c.visitAttempt(c.col, r.Ctx.Get("url"), r.Ctx.Get("key"), depth, attempt+1); err != nil && depth == 0 {
		c.mu.Lock()
		c.startErr = fmt.Errorf("start URL %s: %w", r.Ctx.Get("url"), err)
		c.mu.Unlock()
	}
}

// onRedirect records each hop's status and stops loops and long chains.
// Custom headers never follow a redirect to another host.
func (c *Crawler) onRedirect(req *http.Request, via []*http.Request) error {
	if !page.SameSite(c.start, req.URL) {
		for k := range c.opts.Links.Headers {
			req.Header.Del(k)
		}
	}
	first := via[0].URL.String()
	c.mu.Lock()
	if req.Response != nil {
		c.redirects[first] = append(c.redirects[first], req.Response.StatusCode)
	}
	c.mu.Unlock()
	next := page.Normalize(req.URL)
	for _, v := range via {
		if page.Normalize(v.URL) == next {
			return errors.New("redirect loop")
		}
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("more than %d redirects", maxRedirects)
	}
	return nil
}

// record stores the outcome of a page request that was not read as a page.
func (c *Crawler) record(r *colly.Response, netErr error) {
	if netErr != nil && c.ctx.Err() != nil {
		c.queued.Add(-1)
		return // cancelled, not broken
	}
	f := c.fetchOf(r)
	obs := observation{Status: f.Status, Internal: true}
	if r.Headers != nil {
		obs.Header = *r.Headers
	}
	if c.st != nil && netErr == nil && c.ctx.Err() != nil && retryable(obs) {
		// Interrupted before its retries: read it again on resume, as an
		// uninterrupted crawl would have asked again.
		c.queued.Add(-1)
		return
	}
	if netErr != nil {
		obs.Err, f.Err = errorKind(netErr)
		switch {
		case strings.Contains(netErr.Error(), "redirect loop"):
			obs.Err, f.Err = errLoop, "redirect loop"
		case strings.Contains(netErr.Error(), "more than 10 redirects"):
			obs.Err, f.Err = errTooMany, fmt.Sprintf("more than %d redirects", maxRedirects)
		}
		f.Status = 0
	}
	f.Attempts, _ = r.Ctx.GetAny("attempt").(int)
	f.Outcome, f.Reason = classify(obs, c.opts.Links.Accept)
	if f.Err != "" || f.Status >= 400 {
		c.errored.Add(1)
	}
	c.finish(r, f)
	c.site.RecordFetch(f)
	c.commitAnswer(r, f)
}

// commitAnswer stores the answer to a page request that was not read as a
// page. A start page that failed is not stored: the run ends with its
// error, and a resumed one asks again.
func (c *Crawler) commitAnswer(r *colly.Response, f page.Fetch) {
	if c.st == nil || r.Ctx.Get("depth") == "0" && c.failedStart() {
		return
	}
	b := c.newBatch()
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	b.markDone(r.Ctx.Get("key"), r.Ctx.Get("url"), depth)
	b.startDone(depth)
	b.fetch(f)
	c.commit(b)
}

func (c *Crawler) failedStart() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.startErr != nil
}

func (c *Crawler) fetchOf(r *colly.Response) page.Fetch {
	f := page.Fetch{URL: r.Ctx.Get("url"), Method: http.MethodGet, Status: r.StatusCode}
	if r.Request != nil && r.Request.URL != nil {
		f.Final = page.Normalize(r.Request.URL)
	}
	if r.Headers != nil {
		f.ContentType = r.Headers.Get("Content-Type")
	}
	c.mu.Lock()
	f.Redirects = c.redirects[r.Ctx.Get("sent")]
	delete(c.redirects, r.Ctx.Get("sent"))
	c.mu.Unlock()
	return f
}

// finish ends the bookkeeping of one page request, and notes a start page
// that could not be read.
func (c *Crawler) finish(r *colly.Response, f page.Fetch) {
	c.queued.Add(-1)
	if r.Ctx.Get("depth") != "0" {
		return
	}
	var err error
	switch {
	case f.Err != "":
		err = fmt.Errorf("start URL %s: %s", f.URL, f.Err)
	case f.Status >= 400:
		err = fmt.Errorf("start URL %s returned HTTP %d", f.URL, f.Status)
	case !isHTML(f.ContentType):
		err = fmt.Errorf("start URL %s is not an HTML page (Content-Type %q)", f.URL, f.ContentType)
	}
	if err != nil {
		c.mu.Lock()
		c.startErr = err
		c.mu.Unlock()
	}
}

func isHTML(contentType string) bool {
	ct := strings.ToLower(contentType)
	return ct == "" || strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "application/xhtml+xml")
}

// onPage reads one HTML page of the site: records its fetch, queues or
// checks its links, and hands it to the rules.
func (c *Crawler) onPage(ctx context.Context, r *colly.Response, handle func(*page.Page)) {
	f := c.fetchOf(r)
	f.Attempts, _ = r.Ctx.GetAny("attempt").(int)
	f.Outcome, f.Reason = classify(observation{Status: f.Status, Internal: true}, c.opts.Links.Accept)
	c.finish(r, f)
	c.site.RecordFetch(f)
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	b := c.newBatch()
	b.markDone(r.Ctx.Get("key"), r.Ctx.Get("url"), depth)
	b.startDone(depth)
	b.fetch(f)
	defer func() { c.commit(b) }()

	final := r.Request.URL
	key := c.pageKey(final)
	if reqKey := r.Ctx.Get("key"); key != reqKey {
		// Redirected: read the page under its final name, once.
		c.mu.Lock()
		seen := c.isVisited(key)
		if !seen {
			c.markVisited(key)
		}
		c.mu.Unlock()
		if seen {
			return
		}
		b.markDone(key, page.Normalize(final), depth)
	}
	if page.Normalize(final) != key {
		c.alias(b, page.Normalize(final), key)
	}
	truncated := 0
	if r.Headers.Get(truncatedHeader) != "" {
		r.Headers.Del(truncatedHeader)
		truncated = c.opts.MaxBody
	}
	// colly has already decoded bodies whose header names a charset.
	ct := r.Headers.Get("Content-Type")
	if strings.Contains(strings.ToLower(ct), "charset") {
		ct = "text/html; charset=utf-8"
	}
	u, _ := url.Parse(key)
	c.parsing <- struct{}{}
	defer func() { <-c.parsing }()
	p, err := page.Parse(final, page.DecodeHTML(r.Body, ct))
	if err != nil {
		c.errored.Add(1)
		msg := fmt.Sprintf("could not parse %s, so it was not checked: %v", key, err)
		c.mu.Lock()
		c.unparsed = append(c.unparsed, msg)
		c.mu.Unlock()
		b.note(msg)
		return
	}
	p.URL = u
	p.Path = c.site.SitePath(key)
	p.Status = r.StatusCode
	p.Header = r.Headers.Clone()
	p.Truncated = truncated
	c.followLinks(ctx, p, depth, b)
	handle(p)
	c.pages.Add(1)
	if b != nil {
		c.keep(b, p, key)
	}
}

// followLinks queues the site's pages found on p and checks every other target.
func (c *Crawler) followLinks(ctx context.Context, p *page.Page, depth int, b *stateBatch) {
	seen := map[string]bool{}
	for _, l := range p.Links {
		if l.URL == nil || !page.Fetchable(l.URL) {
			continue
		}
		target := page.Normalize(l.URL)
		if !c.opts.Links.Wanted(target) {
			continue // --exclude (or --include for other sites): neither read nor checked
		}
		if !page.SameSite(c.start, l.URL) {
			if !c.opts.SkipExternal {
				c.checkLink(b, l) // every link: one may need the ids
			}
			continue
		}
		if seen[target] {
			continue
		}
		seen[target] = true
		if c.opts.MaxURLLength > 0 && len(target) > c.opts.MaxURLLength {
			c.mu.Lock()
			c.longHit++
			c.mu.Unlock()
			b.bump(counterLong)
			continue
		}
		// With a State, a page read while the crawl stops is stored whole,
		// its links queued for the resume.
		if !l.Follow || !strings.HasPrefix(l.URL.Path, c.opts.Scope) || ctx.Err() != nil && c.st == nil {
			key := c.pageKey(l.URL)
			c.mu.Lock()
			read := key == target && c.isVisited(key)
			c.mu.Unlock()
			if !read { // a page already read has its outcome recorded
				c.checkLink(b, l) // out of scope or beyond a limit: a GET keeps its ids
			}
			continue
		}
		c.queuePage(l.URL, target, depth+1, b)
	}
}

// queuePage queues the page at u (target normalized) unless it is known or
// beyond a limit. Without a State it is requested at once; with one, b
// writes it to the queue in the state.
func (c *Crawler) queuePage(u *url.URL, target string, depth int, b *stateBatch) {
	key := c.pageKey(u)
	c.mu.Lock()
	switch {
	case c.isVisited(key):
		c.mu.Unlock()
		if key == page.Normalize(page.StripParams(u, c.drop)) {
			if key != target { // /a?utm_source=x when /a was read: the same page
				c.alias(b, target, key)
			}
			return
		}
		if key != target { // /a/index.html when /a/ was read: check that name too
			c.alias(b, target, key)
			c.checkTarget(b, target, false)
		}
		return
	case c.opts.MaxDepth >= 0 && depth > c.opts.MaxDepth:
		c.depthHit++
		c.mu.Unlock()
		b.bump(counterDepth)
		c.checkTarget(b, target, false)
		return
	case c.opts.MaxPages > 0 && c.visitedCount() >= c.opts.MaxPages:
		c.limitHit = true
		c.mu.Unlock()
		b.bump(counterLimit)
		return
	}
	if c.opts.MaxPerPattern > 0 {
		pat := URLPattern(page.StripParams(u, c.drop))
		if c.patterns[pat] >= c.opts.MaxPerPattern {
			c.capped[pat]++
			c.mu.Unlock()
			b.bump(counterCapped + pat)
			return
		}
		c.patterns[pat]++
		b.bump(counterPattern + pat)
	}
	c.markVisited(key)
	c.mu.Unlock()
	if key != target {
		c.alias(b, target, key)
	}
	if b != nil {
		b.enqueue(key, target, depth)
		return
	}
	_ = c.visit(c.col, target, key, depth)
}

// URLPattern is the shape of a URL that MaxPerPattern counts pages by: its
// path with every run of digits written as N, and the sorted names of its
// query parameters without their values. /calendar/2026/01/ and
// /calendar/2031/12/ share /calendar/N/N/; /shop?color=red&page=3 and
// /shop?page=9&color=blue share /shop?color&page.
func URLPattern(u *url.URL) string {
	var b strings.Builder
	digits := false
	for _, r := range u.EscapedPath() {
		if r >= '0' && r <= '9' {
			if !digits {
				b.WriteByte('N')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	if u.RawQuery != "" {
		var names []string
		for part := range strings.SplitSeq(u.RawQuery, "&") {
			if name, _, _ := strings.Cut(part, "="); name != "" {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		b.WriteString("?" + strings.Join(slices.Compact(names), "&"))
	}
	return b.String()
}

// patternNotice tells which URL patterns hit MaxPerPattern, the largest first.
func (c *Crawler) patternNotice() string {
	pats := make([]string, 0, len(c.capped))
	left := 0
	for p, n := range c.capped {
		pats = append(pats, p)
		left += n
	}
	slices.SortFunc(pats, func(a, b string) int {
		if c.capped[a] != c.capped[b] {
			return c.capped[b] - c.capped[a]
		}
		return strings.Compare(a, b)
	})
	shown := pats[:min(len(pats), 3)]
	more := ""
	if len(pats) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(pats)-len(shown))
	}
	return fmt.Sprintf("stopped at --max-per-pattern %d for %s%s: %d more page(s) matching them were left unread (a calendar, a faceted filter or pagination that keeps growing?)",
		c.opts.MaxPerPattern, strings.Join(shown, ", "), more, left)
}
