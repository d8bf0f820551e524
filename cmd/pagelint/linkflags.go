package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/textproto"
	"regexp"
	"strings"
	"time"

	"github.com/pagelint/pagelint/crawler"
	"github.com/spf13/pflag"
)

// linkFlags are the flags that control how links are checked, shared by
// crawl and check (where they apply with --check-external).
type linkFlags struct {
	exclude      []string
	include      []string
	accept       string
	headers      []string
	insecure     bool
	cache        string
	cacheMaxAge  time.Duration
	retries      int
	retryMaxWait time.Duration
	hostConc     int
	hostDelay    time.Duration
}

func (l *linkFlags) register(f *pflag.FlagSet) {
	f.StringArrayVar(&l.exclude, "exclude", nil, "do not check link targets matching this regular expression (repeatable), e.g. 'linkedin\\.com'")
	f.StringArrayVar(&l.include, "include", nil, "of the links to other sites, check only those matching this regular expression (repeatable); --exclude still applies")
	f.StringVar(&l.accept, "accept", "", "HTTP statuses that count as ok, e.g. 200-299,403 (default 100-103,200-299)")
	f.StringArrayVar(&l.headers, "header", nil, "send 'Name: value' with every request to the site's own host, never to another host (repeatable)")
	f.BoolVar(&l.insecure, "insecure", false, "accept TLS certificates that do not verify (self-signed, expired, wrong host)")
	f.StringVar(&l.cache, "cache", "", "keep ok results for links to other sites in this file between runs")
	f.DurationVar(&l.cacheMaxAge, "cache-max-age", 24*time.Hour, "re-check cached links older than this")
	f.IntVar(&l.retries, "retries", 2, "ask again this many times after a 429, a 5xx or a timeout, with backoff")
	f.DurationVar(&l.retryMaxWait, "retry-max-wait", 60*time.Second, "longest Retry-After wait honoured; a server asking for more is reported not verified")
	f.IntVar(&l.hostConc, "host-concurrency", 2, "requests in flight at once to one host of another site")
	f.DurationVar(&l.hostDelay, "host-delay", 0, "least time between two requests to one host of another site, e.g. 500ms")
}

// linkOptions validates the flags and returns the link options they set.
// The caller fills in Timeout and UserAgent (crawl does it from its own flags).
func (l *linkFlags) linkOptions() (crawler.LinkOptions, error) {
	var o crawler.LinkOptions
	var err error
	if o.Exclude, err = compileAll("--exclude", l.exclude); err != nil {
		return o, err
	}
	if o.Include, err = compileAll("--include", l.include); err != nil {
		return o, err
	}
	if l.accept != "" {
		if o.Accept, err = crawler.ParseAccept(l.accept); err != nil {
			return o, err
		}
	}
	if o.Headers, err = parseHeaders(l.headers); err != nil {
		return o, err
	}
	switch {
	case l.retries < 0:
		return o, fmt.Errorf("--retries must be 0 or more, not %d", l.retries)
	case l.retryMaxWait < 0:
		return o, fmt.Errorf("--retry-max-wait must not be negative, not %v", l.retryMaxWait)
	case l.hostConc < 1:
		return o, fmt.Errorf("--host-concurrency must be at least 1, not %d", l.hostConc)
	case l.hostDelay < 0:
		return o, fmt.Errorf("--host-delay must not be negative, not %v", l.hostDelay)
	case l.cacheMaxAge <= 0:
		return o, fmt.Errorf("--cache-max-age must be positive, not %v", l.cacheMaxAge)
	}
	o.Retries = l.retries
	if o.Retries == 0 {
		o.Retries = -1 // LinkOptions reads 0 as the default
	}
	o.MaxRetryWait = l.retryMaxWait
	if o.MaxRetryWait == 0 {
		o.MaxRetryWait = time.Nanosecond // never wait for Retry-After
	}
	o.PerHost = l.hostConc
	o.HostDelay = l.hostDelay
	o.Insecure = l.insecure
	o.CacheFile = l.cache
	o.CacheMaxAge = l.cacheMaxAge
	return o, nil
}

// applyCrawl sets the link options of a crawl (after its other fields are set).
func (l *linkFlags) applyCrawl(o *crawler.CrawlOptions) error {
	lo, err := l.linkOptions()
	if err != nil {
		return err
	}
	o.Links = lo
	return nil
}

// external returns the options of --check-external in check mode.
func (l *linkFlags) external(timeout time.Duration, userAgent string) (*crawler.LinkOptions, error) {
	lo, err := l.linkOptions()
	if err != nil {
		return nil, err
	}
	lo.Timeout, lo.UserAgent = timeout, userAgent
	return &lo, nil
}

func compileAll(flag string, exprs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", flag, e, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// parseHeaders reads --header 'Name: value' values.
func parseHeaders(values []string) (http.Header, error) {
	if len(values) == 0 {
		return nil, nil
	}
	h := http.Header{}
	for _, v := range values {
		name, value, ok := strings.Cut(v, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("--header %q: want 'Name: value'", v)
		}
		if strings.ContainsAny(value, "\r\n") {
			return nil, errors.New("--header values must be on one line")
		}
		h.Add(textproto.CanonicalMIMEHeaderKey(name), strings.TrimSpace(value))
	}
	return h, nil
}
