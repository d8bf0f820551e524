package checks_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/page"
)

// runFetched runs rules over one crawled page whose link targets were
// checked with the given outcomes, as the crawler would record them.
func runFetched(t *testing.T, src string, fetches []page.Fetch, rules ...*checks.Check) []checks.Finding {
	t.Helper()
	root, _ := url.Parse("https://site.example/")
	site := page.NewSite(root, page.ModeCrawl, true)
	p, err := page.Parse(root, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p.Path = "/"
	for _, f := range fetches {
		site.RecordFetch(f)
	}
	r := checks.NewRunner(site, rules, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	r.Page(p)
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestLinkOutcomeMessages(t *testing.T) {
	src := `<html><head><title>Home</title></head><body>
<a href="https://ext.example/gone">1</a>
<a href="/moved">2</a>
<a href="https://ext.example/private">3</a>
<a href="https://ext.example/slow">4</a>
<a href="https://www.linkedin.com/company/harbour">5</a>
<a href="https://ext.example/cf">6</a>
<a href="https://ext.example/login">7</a>
<a href="https://ext.example/busy">8</a>
<a href="https://ext.example/docs#install">9</a>
<a href="https://ext.example/docs#usage">10</a> <a href="https://ext.example/docs#faq">GitHub-style id</a> <a href="https://ext.example/docs#usage:~:text=Run">text directive</a>
<a href="/loop">11</a>
<a href="https://nxdomain.example/">12</a>
<a href="/down">13</a>
<img src="https://cdn.example/a.png">
<a href="https://ext.example/old-offer">15</a>
</body></html>`
	ids := map[string]struct{}{"usage": {}, "user-content-faq": {}}
	fetches := []page.Fetch{
		{URL: "https://ext.example/gone", Status: 404, Method: "GET", Outcome: page.OutcomeBroken},
		{URL: "https://site.example/moved", Status: 404, Method: "GET", Redirects: []int{301, 301}, Outcome: page.OutcomeBroken},
		{URL: "https://ext.example/private", Status: 403, Method: "GET", Outcome: page.OutcomeDoubtful, Reason: "forbidden (possibly bot-blocking)"},
		{URL: "https://ext.example/slow", Err: "timed out", Method: "HEAD", Attempts: 3, Outcome: page.OutcomeDoubtful, Reason: "timed out"},
		{URL: "https://www.linkedin.com/company/harbour", Status: 999, Method: "GET", Outcome: page.OutcomeUnverified, Reason: "blocked by the site's anti-bot response, not verified"},
		{URL: "https://ext.example/cf", Status: 403, Method: "GET", Outcome: page.OutcomeUnverified, Reason: "blocked by bot protection (challenge page), not verified"},
		{URL: "https://ext.example/login", Status: 401, Method: "GET", Outcome: page.OutcomeUnverified, Reason: "needs authentication, not verified"},
		{URL: "https://ext.example/busy", Status: 429, Method: "HEAD", Attempts: 3, Outcome: page.OutcomeUnverified, Reason: "rate-limited (still 429 after waiting), not verified"},
		{URL: "https://ext.example/docs", Status: 200, Method: "GET", Outcome: page.OutcomeOK, ContentType: "text/html", Target: &page.TargetPage{Title: "Docs", TextLen: 900, IDs: ids}},
		{URL: "https://site.example/loop", Status: 301, Err: "redirect loop", Method: "GET", Redirects: []int{301, 301}, Outcome: page.OutcomeBroken},
		{URL: "https://nxdomain.example/", Err: "DNS lookup failed: no such host", Method: "HEAD", Outcome: page.OutcomeBroken},
		{URL: "https://site.example/down", Status: 503, Method: "GET", Attempts: 3, Outcome: page.OutcomeBroken, Reason: "server error"},
		{URL: "https://cdn.example/a.png", Status: 200, Method: "HEAD", Outcome: page.OutcomeOK},
		{URL: "https://ext.example/old-offer", Status: 200, Method: "GET", Outcome: page.OutcomeOK, Target: &page.TargetPage{Title: "Page not found", NoIndex: true, TextLen: 80}},
	}
	got := runFetched(t, src, fetches, checks.BrokenLink, checks.LinkUnverified, checks.Soft404, checks.RedirectChain)
	want := []struct {
		line     int
		rule     string
		severity checks.Severity
		message  string
	}{
		{2, "broken-link", checks.Error, "link to https://ext.example/gone returns HTTP 404 (GET)"},
		{3, "broken-link", checks.Error, "link to /moved returns HTTP 404 (GET, redirects 301 -> 301 -> 404)"},
		{4, "broken-link", checks.Warning, "link to https://ext.example/private returns HTTP 403 (GET): forbidden (possibly bot-blocking)"},
		{5, "broken-link", checks.Warning, "link to https://ext.example/slow failed: timed out (HEAD, 3 attempts)"},
		{6, "link-unverified", checks.Info, "link to https://www.linkedin.com/company/harbour: blocked by the site's anti-bot response, not verified (HTTP 999, GET)"},
		{7, "link-unverified", checks.Info, "link to https://ext.example/cf: blocked by bot protection (challenge page), not verified (HTTP 403, GET)"},
		{8, "link-unverified", checks.Info, "link to https://ext.example/login: needs authentication, not verified (HTTP 401, GET)"},
		{9, "link-unverified", checks.Info, "link to https://ext.example/busy: rate-limited (still 429 after waiting), not verified (HTTP 429, HEAD, 3 attempts)"},
		{10, "broken-link", checks.Warning, `fragment "#install" not found on https://ext.example/docs`},
		{12, "broken-link", checks.Error, "link to /loop failed: redirect loop (GET, redirects 301 -> 301)"},
		{13, "broken-link", checks.Error, "link to https://nxdomain.example/ failed: DNS lookup failed: no such host (HEAD)"},
		{14, "broken-link", checks.Error, "link to /down returns HTTP 503 (GET, 3 attempts): server error"},
		{16, "soft-404", checks.Warning, `link to https://ext.example/old-offer looks like a soft 404: it answers 200 but the page says not found (title "Page not found", noindex, 80 characters of text)`},
	}
	if len(got) != len(want) {
		for _, f := range got {
			t.Logf("got %d %s %s %q", f.Line, f.Rule, f.Severity, f.Message)
		}
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	byLine := map[int]checks.Finding{}
	for _, f := range got {
		byLine[f.Line] = f
	}
	for _, w := range want {
		f := byLine[w.line]
		if f.Rule != w.rule || f.Severity != w.severity || f.Message != w.message {
			t.Errorf("line %d: %s %s %q\n want %s %s %q", w.line, f.Rule, f.Severity, f.Message, w.rule, w.severity, w.message)
		}
		if !strings.HasPrefix(f.Target, "http") && !strings.HasPrefix(f.Target, "/") {
			t.Errorf("line %d: target %q", w.line, f.Target)
		}
	}
}

func TestRedirectChainSeverity(t *testing.T) {
	src := `<a href="/a">one hop</a>
<a href="/b">two hops</a>
<a href="https://ext.example/c">another site</a>
<a href="/a">same target again</a>`
	got := runFetched(t, src, []page.Fetch{
		{URL: "https://site.example/a", Status: 200, Method: "GET", Final: "https://site.example/a/", Redirects: []int{301}, Outcome: page.OutcomeOK},
		{URL: "https://site.example/b", Status: 200, Method: "GET", Final: "https://site.example/new/", Redirects: []int{301, 302}, Outcome: page.OutcomeOK},
		{URL: "https://ext.example/c", Status: 200, Method: "HEAD", Final: "https://ext.example/d", Redirects: []int{301, 301, 301}, Outcome: page.OutcomeOK},
	}, checks.RedirectChain)
	if len(got) != 2 {
		t.Fatalf("findings: %+v", got)
	}
	if got[0].Severity != checks.Info || got[0].Message != "link to /a redirects once (301 -> 200) to /a/" {
		t.Errorf("one hop: %s %q", got[0].Severity, got[0].Message)
	}
	if got[1].Severity != checks.Warning || got[1].Message != "link to /b takes 2 redirects (301 -> 302 -> 200) to reach /new/" {
		t.Errorf("two hops: %s %q", got[1].Severity, got[1].Message)
	}
}
