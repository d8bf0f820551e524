package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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
	PerHost   int // requests in flight to one host of another site
	// SiteHost is the site's own host, which gets SitePerHost requests at once.
	SiteHost    string
	SitePerHost int
	Client      *http.Client
}

const maxRedirects = 10

// A linkChecker checks each target once, with a fixed pool of workers: HEAD
// first, GET when HEAD is refused. Results go into the Site.
type linkChecker struct {
	opts   LinkOptions
	site   *page.Site
	client *http.Client

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []string
	seen    map[string]bool
	active  int // queued or running
	hosts   map[string]chan struct{}
	started bool
	ctx     context.Context
}

func newLinkChecker(opts LinkOptions, site *page.Site) *linkChecker {
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.PerHost <= 0 {
		opts.PerHost = 2
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 15 * time.Second
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	// Redirects are followed by hand so that every hop is seen.
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	lc := &linkChecker{opts: opts, site: site, client: &c, seen: map[string]bool{}, hosts: map[string]chan struct{}{}, ctx: context.Background()}
	lc.cond = sync.NewCond(&lc.mu)
	return lc
}

// check queues target (a normalized absolute URL) unless it was queued before.
func (lc *linkChecker) check(target string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.seen[target] {
		return
	}
	lc.seen[target] = true
	lc.queue = append(lc.queue, target)
	lc.active++
	if !lc.started {
		lc.started = true
		for range lc.opts.Workers {
			go lc.work()
		}
	}
	lc.cond.Signal()
}

// wait blocks until every queued target is checked, then stops the workers.
func (lc *linkChecker) wait() {
	lc.mu.Lock()
	for lc.active > 0 {
		lc.cond.Wait()
	}
	lc.queue = nil
	lc.started = false
	lc.cond.Broadcast()
	lc.mu.Unlock()
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
		target := lc.queue[0]
		lc.queue = lc.queue[1:]
		lc.mu.Unlock()

		// After a cancel (Ctrl-C) every request fails: record nothing, so an
		// interrupted run never reports live links as broken.
		if lc.ctx.Err() == nil {
			if f := lc.fetch(target); lc.ctx.Err() == nil {
				lc.site.RecordFetch(f)
			}
		}

		lc.mu.Lock()
		lc.active--
		lc.cond.Broadcast()
		lc.mu.Unlock()
	}
}

// hostSlot limits the requests in flight to one host.
func (lc *linkChecker) hostSlot(host string) chan struct{} {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	ch, ok := lc.hosts[host]
	if !ok {
		n := lc.opts.PerHost
		if host == lc.opts.SiteHost && lc.opts.SitePerHost > 0 {
			n = lc.opts.SitePerHost
		}
		ch = make(chan struct{}, n)
		lc.hosts[host] = ch
	}
	return ch
}

// fetch checks one target: HEAD, then GET if HEAD fails or is refused.
func (lc *linkChecker) fetch(target string) page.Fetch {
	f := lc.follow(http.MethodHead, target)
	if f.Err != "" || f.Status >= 400 {
		if g := lc.follow(http.MethodGet, target); g.Err == "" || f.Err != "" {
			return g
		}
	}
	return f
}

// follow requests target with method, following up to 10 redirects.
func (lc *linkChecker) follow(method, target string) page.Fetch {
	f := page.Fetch{URL: target, Method: method}
	current := target
	visited := map[string]bool{}
	for hop := 0; ; hop++ {
		if visited[current] {
			f.Err = "redirect loop"
			return f
		}
		visited[current] = true
		if hop > maxRedirects {
			f.Err = fmt.Sprintf("more than %d redirects", maxRedirects)
			return f
		}
		status, location, ctype, err := lc.do(method, current)
		if err != nil {
			f.Err = describeNetError(err)
			return f
		}
		f.Status, f.ContentType, f.Final = status, ctype, current
		if status < 300 || status >= 400 || location == "" {
			return f
		}
		next, err := resolveLocation(current, location)
		if err != nil {
			f.Err = fmt.Sprintf("bad redirect location %q", location)
			return f
		}
		f.Redirects = append(f.Redirects, status)
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

func (lc *linkChecker) do(method, target string) (status int, location, ctype string, err error) {
	u, err := url.Parse(target)
	if err != nil {
		return 0, "", "", err
	}
	slot := lc.hostSlot(strings.ToLower(u.Host))
	slot <- struct{}{}
	defer func() { <-slot }()
	ctx, cancel := context.WithTimeout(lc.ctx, lc.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return 0, "", "", err
	}
	req.Header.Set("User-Agent", lc.opts.UserAgent)
	req.Header.Set("Accept", "text/html,*/*;q=0.8")
	resp, err := lc.client.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	// Drain a little so the connection can be reused; never the whole body.
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	return resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Content-Type"), nil
}

// describeNetError turns a transport error into a short reason for a report.
func describeNetError(err error) string {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return "timed out"
	case errors.As(err, &dnsErr):
		return "DNS lookup failed: " + dnsErr.Err
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return "connection refused or unreachable"
	case strings.Contains(err.Error(), "certificate"):
		return "TLS certificate error"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
