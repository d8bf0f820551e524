package checks_test

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/page"
)

// FuzzPage feeds any bytes through page parsing and every rule, as a crawl
// of a one-page site would: no input may make a rule fail or panic (the
// runner turns a panic into an error), and findings stay valid UTF-8.
func FuzzPage(f *testing.F) {
	for _, s := range []string{
		`<!doctype html><html lang="en"><head><title>Home</title><meta name="description" content="A page"></head><body><h1>Hi</h1><a href="/a#x">a</a></body></html>`,
		`<script type="application/ld+json">{"@type":"Product","offers":{"price":"1","priceValidUntil":"2020-01-01"}}</script>`,
		`<div class="entry-summary"><p>Read more about our [&hellip;]</p></div><time datetime="2019-13-45">`,
		"<title>\xff\xfe</title><img srcset=\",,, 2x\" src=''><a href='%zz'>x</a><a href='http://[::1'>y</a>",
		`<p>Reviewed by Dr. A. Smith, updated June 31, 2025 · © 2019 Example</p><nav><a href="/">Home</a></nav><nav><a href="/">Home</a></nav>`,
		`<meta http-equiv="refresh" content="0; url=javascript:alert(1)"><link rel="canonical" href="//"><html lang="xx-">`,
	} {
		f.Add([]byte(s))
	}
	root, _ := url.Parse("https://example.org/")
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<16 {
			return
		}
		u, _ := url.Parse("https://example.org/fuzz/page.html")
		p, err := page.Parse(u, page.DecodeHTML(raw, ""))
		if err != nil {
			return // reported as a notice by the readers
		}
		p.Path = "/fuzz/page.html"
		site := page.NewSite(root, page.ModeCrawl, true)
		runner := checks.NewRunner(site, checks.All(), now)
		runner.Page(p)
		findings, err := runner.Finish()
		if err != nil {
			t.Fatalf("a rule failed: %v", err)
		}
		for _, fd := range findings {
			for _, s := range []string{fd.Message, fd.Evidence, fd.Target} {
				if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
					t.Fatalf("%s: finding text %q is not clean UTF-8", fd.Rule, s)
				}
			}
		}
	})
}
