package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/crawler"
	"github.com/spf13/pflag"
)

func parseLinkFlags(t *testing.T, args ...string) (crawler.LinkOptions, error) {
	t.Helper()
	var lf linkFlags
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	lf.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return lf.linkOptions()
}

func TestLinkFlags(t *testing.T) {
	o, err := parseLinkFlags(t, "--exclude", `linkedin\.com`, "--exclude", `/wp-admin/`, "--include", `^https://`,
		"--accept", "200-299,403", "--header", "Authorization: Bearer x", "--header", "x-preview:1",
		"--insecure", "--cache", "links.json", "--cache-max-age", "2h", "--retries", "0", "--host-concurrency", "3", "--host-delay", "250ms")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Exclude) != 2 || len(o.Include) != 1 || o.Headers.Get("X-Preview") != "1" || o.Headers.Get("Authorization") != "Bearer x" ||
		!o.Insecure || o.CacheFile != "links.json" || o.CacheMaxAge != 2*time.Hour || o.Retries != -1 || o.PerHost != 3 || o.HostDelay != 250*time.Millisecond {
		t.Errorf("options = %+v", o)
	}
	if !o.Wanted("https://example.org/") || o.Wanted("https://www.linkedin.com/in/x") || o.Wanted("http://example.org/") {
		t.Error("include/exclude not applied")
	}
	var lf linkFlags
	lf.register(pflag.NewFlagSet("check", pflag.ContinueOnError))
	ext, err := lf.external(3*time.Second, "pagelint-test")
	if err != nil || ext.Timeout != 3*time.Second || ext.UserAgent != "pagelint-test" || ext.Retries != 2 || ext.PerHost != 2 {
		t.Errorf("check --check-external options = %+v, %v", ext, err)
	}
	for _, bad := range [][]string{
		{"--exclude", "("}, {"--accept", "abc"}, {"--header", "no colon"}, {"--retries", "-1"}, {"--host-concurrency", "0"}, {"--cache-max-age", "0s"},
	} {
		if _, err := parseLinkFlags(t, bad...); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestLinkOutcomesEndToEnd crawls a loopback site whose links hit every
// case of rules-research section 4 on a second loopback host, and checks
// the rule and severity each link ends with.
func TestLinkOutcomesEndToEnd(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	count := func(r *http.Request) int {
		mu.Lock()
		defer mu.Unlock()
		calls[r.Method+" "+r.URL.Path]++
		return calls[r.Method+" "+r.URL.Path]
	}
	ext := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := count(r)
		switch r.URL.Path {
		case "/ok":
			w.WriteHeader(http.StatusOK)
		case "/doc":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<title>Docs</title><h2 id="install">Install</h2>`)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/private":
			w.WriteHeader(http.StatusForbidden)
		case "/cf":
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(http.StatusForbidden)
		case "/in":
			w.WriteHeader(999)
		case "/login":
			w.WriteHeader(http.StatusUnauthorized)
		case "/busy":
			if n == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.WriteHeader(http.StatusOK)
		case "/head-refused":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/error":
			w.WriteHeader(http.StatusBadGateway)
		case "/offer":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<meta name="robots" content="noindex"><title>Page not found</title><p>Sorry.</p>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer ext.Close()
	x := ext.URL
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><title>Home</title></head><body>
<a href="%[1]s/ok">ok</a>
<a href="%[1]s/doc#install">doc</a>
<a href="%[1]s/doc#usage">doc</a>
<a href="%[1]s/gone">gone</a>
<a href="%[1]s/private">private</a>
<a href="%[1]s/cf">cf</a>
<a href="%[1]s/in">in</a>
<a href="%[1]s/login">login</a>
<a href="%[1]s/busy">busy</a>
<a href="%[1]s/head-refused">head</a>
<a href="%[1]s/error">error</a>
<a href="%[1]s/offer#terms">offer</a>
<a href="/old">old</a>
<a href="/missing">missing</a>
<a href="mailto:info[at]example.org">mail</a>
</body></html>`, x)
		case "/old":
			http.Redirect(w, r, "/older", http.StatusMovedPermanently)
		case "/older":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		case "/new":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<title>New</title><p>here</p>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()

	opts := crawler.CrawlOptions{Start: site.URL + "/", MaxDepth: -1, Concurrency: 4, Timeout: 5 * time.Second}
	var lf linkFlags
	fs := pflag.NewFlagSet("crawl", pflag.ContinueOnError)
	lf.register(fs)
	if err := fs.Parse([]string{"--retries", "1", "--cache", filepath.Join(t.TempDir(), "cache.json")}); err != nil {
		t.Fatal(err)
	}
	if err := lf.applyCrawl(&opts); err != nil {
		t.Fatal(err)
	}
	opts.Links.RetryBase = time.Millisecond
	c, s, err := crawler.NewCrawler(opts)
	if err != nil {
		t.Fatal(err)
	}
	runner := checks.NewRunner(s, checks.All(), time.Now())
	if _, err := c.Run(context.Background(), runner.Page); err != nil {
		t.Fatal(err)
	}
	findings, err := runner.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		switch f.Rule {
		case "broken-link", "link-unverified", "redirect-chain", "soft-404", "link-malformed":
			got = append(got, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Severity))
		}
	}
	sort.Strings(got)
	want := []string{
		"4 broken-link warning",     // doc#usage: missing fragment on another site
		"5 broken-link error",       // 410
		"6 broken-link warning",     // 403 without a challenge
		"7 link-unverified info",    // Cloudflare challenge
		"8 link-unverified info",    // 999
		"9 link-unverified info",    // 401
		"12 broken-link warning",    // 502 after the retry
		"13 soft-404 warning",       // 200 "Page not found", noindex; its #terms is not reported too
		"14 redirect-chain warning", // 301 -> 301 -> 200
		"15 broken-link error",      // same-site 404
		"16 link-malformed warning", // mailto without @
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		for _, f := range findings {
			t.Logf("%d %s %s %s", f.Line, f.Rule, f.Severity, f.Message)
		}
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	mu.Lock()
	defer mu.Unlock()
	if calls["GET /doc"] != 1 || calls["HEAD /doc"] != 0 {
		t.Errorf("/doc: %d GET, %d HEAD; want one GET for both fragments", calls["GET /doc"], calls["HEAD /doc"])
	}
	if calls["GET /busy"] != 2 || calls["HEAD /busy"] != 0 {
		t.Errorf("/busy: %v; want the 429 and one final GET", calls)
	}
}
