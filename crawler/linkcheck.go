package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/pagelint/pagelint/page"
)

// LinkOptions configure how link targets that are not crawled are checked.
type LinkOptions struct {
	Timeout   time.Duration // per request
	UserAgent string
	Workers   int // requests in flight in all
	PerHost   int // requests in flight to one host of another site (default 2)
	// SiteHost is the site's own host, which gets SitePerHost requests at once.
	SiteHost    string
	SitePerHost int
	Client      *http.Client

	// Retries is how many times a 429, a 5xx or a timeout is asked again
	// (0 means the default, 2; a negative value means never).
	Retries int
	// RetryBase is the first backoff wait, doubled for each retry, with
	// jitter (default 1s).
	RetryBase time.Duration
	// MaxRetryWait caps a Retry-After wait (default 60s): a server asking
	// for longer is not waited for, and the link is reported unverified.
	MaxRetryWait time.Duration
	// HostDelay is the least time between two requests to one host.
	HostDelay time.Duration
	// Accept lists the statuses that are ok (--accept); zero means 100-103, 200-299.
	Accept StatusSet
	// Include and Exclude filter the targets checked: none matching
	// Exclude; with Include, of the targets on other hosts than SiteHost
	// only those matching one of them.
	Include, Exclude []*regexp.Regexp
	// Headers are sent with every request to SiteHost, and to no other host.
	Headers http.Header
	// Insecure accepts TLS certificates that do not verify.
	Insecure bool
	// CacheFile keeps ok results of other sites between runs, for CacheMaxAge
	// (default 24h). "" means no cache.
	CacheFile   string
	CacheMaxAge time.Duration
	// Clock and Dial replace the real clock and dialer in tests.
	Clock Clock
	Dial  func(ctx context.Context, network, addr string) (net.Conn, error)
	// MaxBody is how much of an HTML target is read for its ids (default 2 MiB).
	MaxBody int
}

// A Clock tells the time and waits; tests pass one that does not sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx is done (returning its error).
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

const (
	maxRedirects = 10
	// sniffBody is how much of an error answer is read to spot a challenge page.
	sniffBody = 64 << 10
)

// withDefaults fills in the zero options.
func (o LinkOptions) withDefaults() LinkOptions {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 2
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.RetryBase <= 0 {
		o.RetryBase = time.Second
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = 60 * time.Second
	}
	if len(o.Accept.ranges) == 0 {
		o.Accept = defaultAccept
	}
	if o.CacheMaxAge <= 0 {
		o.CacheMaxAge = 24 * time.Hour
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 2 << 20
	}
	o.SiteHost = strings.ToLower(o.SiteHost)
	return o
}

// Wanted reports whether a target is checked: none matching --exclude,
// and, for targets on other sites than SiteHost, only those matching
// --include when it is given. The site's own pages are always crawled.
func (o LinkOptions) Wanted(target string) bool {
	if matchesAny(o.Exclude, target) {
		return false
	}
	if len(o.Include) == 0 {
		return true
	}
	if u, err := url.Parse(target); err == nil && o.SiteHost != "" && strings.EqualFold(u.Host, o.SiteHost) {
		return true
	}
	return matchesAny(o.Include, target)
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// httpClient returns the client requests go through: the given one, or one
// with the injected dialer and --insecure applied.
func (o LinkOptions) httpClient() *http.Client {
	if o.Client != nil && o.Dial == nil && !o.Insecure {
		return o.Client
	}
	var tr *http.Transport
	if o.Client != nil {
		if t, ok := o.Client.Transport.(*http.Transport); ok {
			tr = t.Clone()
		}
	}
	if tr == nil {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	}
	if o.Dial != nil {
		tr.DialContext = o.Dial
	}
	if o.Insecure {
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		tr.TLSClientConfig.InsecureSkipVerify = true //nolint:gosec // --insecure asks for it
	}
	c := &http.Client{Transport: tr}
	if o.Client != nil {
		c.Jar, c.Timeout = o.Client.Jar, o.Client.Timeout
	}
	return c
}

// A linkChecker checks each target once, with a pool of workers, at most
// PerHost requests in flight per host, and never two for one URL. Resources
// get a HEAD first and a GET when HEAD is refused; targets whose body is
// needed (links to pages: fragment ids, soft-404 signals) get a GET. Rate limits, server errors and timeouts
// are retried with backoff, honouring Retry-After. Results go into the Site
// when wait is called.
type linkChecker struct {
	opts   LinkOptions
	site   *page.Site
	client *http.Client
	cache  *linkCache

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*linkJob
	jobs    map[string]*linkJob
	active  int // queued or running
	hosts   map[string]*hostState
	started bool
	ctx     context.Context
	rnd     *rand.Rand
}

// A linkJob is the one check of one target.
type linkJob struct {
	target  string
	body    bool // a GET reading the body is needed
	state   int  // jobQueued, jobRunning, jobDone
	result  page.Fetch
	upgrade bool // a GET was queued after a HEAD-only check
}

const (
	jobQueued = iota
	jobRunning
	jobDone
)

// hostState paces the requests to one host.
type hostState struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time // no request before this (HostDelay)
}

func newLinkChecker(opts LinkOptions, site *page.Site) *linkChecker {
	opts = opts.withDefaults()
	// Redirects are followed by hand so that every hop is seen.
	c := *opts.httpClient()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	// Gzip bodies the transport left compressed (a custom Accept-Encoding
	// header turns its own decompression off) are gunzipped here, so ids are
	// read from the page and the body cap counts decompressed bytes.
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = capTransport{base: base, limit: int64(max(opts.MaxBody, sniffBody))}
	lc := &linkChecker{
		opts: opts, site: site, client: &c, jobs: map[string]*linkJob{}, hosts: map[string]*hostState{},
		ctx: context.Background(), rnd: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
	lc.cond = sync.NewCond(&lc.mu)
	if opts.CacheFile != "" {
		lc.cache = loadCache(opts.CacheFile, opts.CacheMaxAge, opts.Clock.Now())
	}
	return lc
}

// notices returns what the user should know about the link checks (a cache
// that could not be read or written).
func (lc *linkChecker) notices() []string {
	if lc.cache == nil {
		return nil
	}
	return lc.cache.notices()
}

// check queues target (a normalized absolute URL) unless it was queued
// before. Resources get a HEAD first.
func (lc *linkChecker) check(target string) { lc.checkBody(target, false) }

// checkLink queues the target of a link. Links to pages (a, area, iframe,
// meta refresh) get a GET that reads an HTML body, for its fragment ids and
// soft-404 signals; resources get a HEAD first.
func (lc *linkChecker) checkLink(l page.Link) {
	base, _ := page.SplitFragment(l.URL)
	lc.checkBody(page.Normalize(base), l.Follow)
}

// checkBody queues target; body asks for a GET that reads an HTML body. A
// target already checked with HEAD alone is asked again with GET only when
// it was ok and may be HTML.
func (lc *linkChecker) checkBody(target string, body bool) {
	if !lc.opts.Wanted(target) {
		return
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if j, seen := lc.jobs[target]; seen {
		switch {
		case !body || j.body:
		case j.state == jobQueued:
			j.body = true
		case j.state == jobDone && !j.upgrade && j.result.Method == http.MethodHead && j.result.OK() && isHTML(j.result.ContentType):
			j.upgrade, j.body, j.state = true, true, jobQueued
			lc.enqueue(j)
		default:
			j.body = true // running: its result is the answer, as a second request would race it
		}
		return
	}
	j := &linkJob{target: target, body: body}
	lc.jobs[target] = j
	lc.enqueue(j)
}

func (lc *linkChecker) enqueue(j *linkJob) {
	lc.queue = append(lc.queue, j)
	lc.active++
	if !lc.started {
		lc.started = true
		for range lc.opts.Workers {
			go lc.work()
		}
	}
	lc.cond.Signal()
}

// wait blocks until every queued target is checked, stops the workers,
// records every result in the Site and saves the cache.
func (lc *linkChecker) wait() {
	lc.mu.Lock()
	for lc.active > 0 {
		lc.cond.Wait()
	}
	lc.queue = nil
	lc.started = false
	lc.cond.Broadcast()
	var results []page.Fetch
	for _, j := range lc.jobs {
		if j.state == jobDone && j.result.Outcome != "" {
			results = append(results, j.result)
		}
	}
	lc.mu.Unlock()
	for _, f := range results {
		lc.site.RecordFetch(f)
	}
	if lc.cache != nil && lc.ctx.Err() == nil {
		for _, f := range results {
			if f.OK() && !f.Cached && !lc.internal(f.URL) {
				lc.cache.put(f, lc.opts.Clock.Now())
			}
		}
		lc.cache.save()
	}
}

func (lc *linkChecker) work() {
	for {
		lc.mu.Lock()
		for len(lc.queue) == 0 && lc.started {
			lc.cond.Wait()
		}
		if !lc.started && len(lc.queue) == 0 {
			lc.mu.Unlock()
			return
		}
		j := lc.queue[0]
		lc.queue = lc.queue[1:]
		j.state = jobRunning
		body := j.body
		lc.mu.Unlock()

		// After a cancel (Ctrl-C) every request fails: record nothing, so an
		// interrupted run never reports live links as broken.
		var f page.Fetch
		if lc.ctx.Err() == nil {
			f = lc.fetch(j.target, body)
			if lc.ctx.Err() != nil {
				f = page.Fetch{}
			}
		}

		lc.mu.Lock()
		if f.Outcome != "" || j.result.Outcome == "" {
			j.result = f
		}
		j.state = jobDone
		lc.active--
		lc.cond.Broadcast()
		lc.mu.Unlock()
	}
}

func (lc *linkChecker) internal(target string) bool {
	u, err := url.Parse(target)
	return err == nil && strings.ToLower(u.Host) == lc.opts.SiteHost
}

// host returns the pacing state of one host.
func (lc *linkChecker) host(host string) *hostState {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	h, ok := lc.hosts[host]
	if !ok {
		n := lc.opts.PerHost
		if host == lc.opts.SiteHost && lc.opts.SitePerHost > 0 {
			n = lc.opts.SitePerHost
		}
		h = &hostState{slots: make(chan struct{}, n)}
		lc.hosts[host] = h
	}
	return h
}

// fetch checks one target: from the cache, or HEAD then GET if HEAD is
// refused, or GET alone when the body is needed.
func (lc *linkChecker) fetch(target string, body bool) page.Fetch {
	internal := lc.internal(target)
	if lc.cache != nil && !internal {
		if f, ok := lc.cache.get(target, body); ok {
			return f
		}
	}
	if body {
		return lc.attempt(http.MethodGet, target, internal, true)
	}
	f := lc.attempt(http.MethodHead, target, internal, false)
	if f.Outcome != page.OutcomeOK && f.Status >= 400 && f.Status != http.StatusTooManyRequests {
		// 405, 501 and many other refusals of HEAD are answered by GET. A 429
		// that outlasted the retries is not asked again: that is the politeness.
		return lc.attempt(http.MethodGet, target, internal, false)
	}
	return f
}

// attempt requests target with method, retrying rate limits, server errors
// and timeouts, and classifies the last answer.
func (lc *linkChecker) attempt(method, target string, internal, body bool) page.Fetch {
	var f page.Fetch
	var obs observation
	reason := ""
	for try := 0; ; try++ {
		f, obs = lc.follow(method, target, body)
		f.Attempts = try + 1
		if obs.Err == errCanceled || !retryable(obs) || try >= lc.opts.Retries {
			break
		}
		wait := backoff(try, lc.opts.RetryBase, lc.jitter())
		if d, ok := retryAfter(obs.Header, lc.opts.Clock.Now()); ok {
			if d > lc.opts.MaxRetryWait {
				reason = fmt.Sprintf("asked to wait %s (Retry-After), more than the %s cap", d.Round(time.Second), lc.opts.MaxRetryWait)
				break
			}
			wait = d
		}
		if lc.opts.Clock.Sleep(lc.ctx, wait) != nil {
			return page.Fetch{}
		}
	}
	obs.Internal = internal
	f.Outcome, f.Reason = classify(obs, lc.opts.Accept)
	if reason != "" && f.Outcome != page.OutcomeOK {
		f.Reason += "; " + reason
	}
	return f
}

func (lc *linkChecker) jitter() float64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.rnd.Float64()
}

// follow requests target with method, following up to 10 redirects.
func (lc *linkChecker) follow(method, target string, body bool) (page.Fetch, observation) {
	f := page.Fetch{URL: target, Method: method}
	current := target
	visited := map[string]bool{}
	for hop := 0; ; hop++ {
		if visited[current] {
			f.Err = "redirect loop"
			return f, observation{Err: errLoop}
		}
		visited[current] = true
		if hop > maxRedirects {
			f.Err = fmt.Sprintf("more than %d redirects", maxRedirects)
			return f, observation{Err: errTooMany}
		}
		ans, err := lc.do(method, current, body)
		if err != nil {
			kind, text := errorKind(err)
			f.Err = text
			if hop > 0 {
				f.Final = current
			}
			return f, observation{Err: kind, ErrText: text}
		}
		f.Status, f.ContentType, f.Final = ans.status, ans.header.Get("Content-Type"), current
		if ans.status < 300 || ans.status >= 400 || ans.location == "" {
			obs := observation{Status: ans.status, Header: ans.header, Body: ans.body}
			if ans.status < 300 && body && isHTML(f.ContentType) && ans.body != nil {
				f.Target = readTarget(current, ans.body)
			}
			return f, obs
		}
		next, err := resolveLocation(current, ans.location)
		if err != nil {
			f.Err = fmt.Sprintf("bad redirect location %q", ans.location)
			return f, observation{Err: errOther, ErrText: f.Err}
		}
		f.Redirects = append(f.Redirects, ans.status)
		current = next
	}
}

func resolveLocation(current, location string) (string, error) {
	base, err := url.Parse(current)
	if err != nil {
		return "", err
	}
	ref, err := url.Parse(location)
	if err != nil {
		return "", err
	}
	return page.Normalize(base.ResolveReference(ref)), nil
}

// An answer is one HTTP response, with the start of its body when read.
type answer struct {
	status   int
	location string
	header   http.Header
	body     []byte
}

// do makes one request, holding one of the host's slots and keeping its delay.
func (lc *linkChecker) do(method, target string, body bool) (answer, error) {
	u, err := url.Parse(target)
	if err != nil {
		return answer{}, err
	}
	host := strings.ToLower(u.Host)
	h := lc.host(host)
	select {
	case h.slots <- struct{}{}:
	case <-lc.ctx.Done():
		return answer{}, lc.ctx.Err()
	}
	defer func() { <-h.slots }()
	if lc.opts.HostDelay > 0 {
		h.mu.Lock()
		now := lc.opts.Clock.Now()
		wait := h.next.Sub(now)
		h.next = now.Add(max(wait, 0) + lc.opts.HostDelay)
		h.mu.Unlock()
		if err := lc.opts.Clock.Sleep(lc.ctx, wait); err != nil {
			return answer{}, err
		}
	}
	ctx, cancel := context.WithTimeout(lc.ctx, lc.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("User-Agent", lc.opts.UserAgent)
	req.Header.Set("Accept", "text/html,*/*;q=0.8")
	if host == lc.opts.SiteHost {
		for k, vs := range lc.opts.Headers {
			req.Header[k] = append([]string(nil), vs...)
		}
	}
	resp, err := lc.client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	ans := answer{status: resp.StatusCode, location: resp.Header.Get("Location"), header: resp.Header}
	limit := int64(0)
	switch {
	case method == http.MethodHead:
	case resp.StatusCode < 300 && body && isHTML(resp.Header.Get("Content-Type")):
		limit = int64(lc.opts.MaxBody)
	case resp.StatusCode >= 400:
		limit = sniffBody // to spot a challenge page
	}
	if limit > 0 {
		var buf bytes.Buffer
		if _, err := io.CopyN(&buf, resp.Body, limit); err != nil && !errors.Is(err, io.EOF) {
			return answer{}, err
		}
		ans.body = buf.Bytes()
		return ans, nil
	}
	// Drain a little so the connection can be reused; never the whole body.
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	return ans, nil
}
