package checks_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
)

// headLinkBaseURL is where headLinkRunHTTPS says the fixtures are served.
const headLinkBaseURL = "https://www.example.com/"

// headLinkWants reads both the plain wants of checktest and the
// "want-https:" wants that only hold when the page is known to be https
// (check mode with an https --base-url). checktest ignores the latter, so
// every such fixture is also a near miss for the modes where the scheme is
// unknown (check mode without --base-url) or http (crawl on loopback).
var headLinkWants = checktest.WantSyntax{Keywords: []string{"want", "want-https"}}

// headLinkRunHTTPS checks every fixture under dir in check mode with
// --base-url https://www.example.com/ and compares the findings of rule
// with the fixtures' want and want-https comments.
func headLinkRunHTTPS(t *testing.T, dir string, rule *checks.Check) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && !strings.HasSuffix(name, ".html") {
			continue
		}
		t.Run(name+"/https", func(t *testing.T) {
			site := filepath.Join(dir, name)
			if !e.IsDir() {
				site = t.TempDir()
				raw, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(site, name), raw, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := headLinkCheckHTTPS(t, site, rule)
			checktest.Compare(t, []*checks.Check{rule}, checktest.ReadWants(t, site, headLinkWants), got)
		})
	}
}

// headLinkCheckHTTPS runs rules over a folder as
// `pagelint check --base-url https://www.example.com/` does.
func headLinkCheckHTTPS(t *testing.T, dir string, rules ...*checks.Check) []checks.Finding {
	t.Helper()
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}, BaseURL: headLinkBaseURL})
	if err != nil {
		t.Fatal(err)
	}
	runner := checks.NewRunner(site, rules, checktest.Now)
	if _, err := folder.Run(context.Background(), runner.Page); err != nil {
		t.Fatal(err)
	}
	fs, err := runner.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// headLinkSeverities runs rule over one fixture in check mode and returns
// the severity of each finding by "file:line".
func headLinkSeverities(t *testing.T, site string, rule *checks.Check) map[string]checks.Severity {
	t.Helper()
	out := map[string]checks.Severity{}
	for _, f := range checktest.CheckFolder(t, site, rule) {
		if f.Rule == rule.ID {
			out[fmt.Sprintf("%s:%d", f.File, f.Line)] = f.Severity
		}
	}
	return out
}

// The three head rules record the facts site rules compare, whichever of
// them runs: the canonical (normalized, http(s) only, from <head>), noindex
// and the hreflang alternates.
func TestHeadLinkFacts(t *testing.T) {
	cases := []struct {
		head      string
		canonical string
		noindex   bool
		alts      int
	}{
		{`<link rel="canonical" href="HTTPS://Example.COM:443/a/#top">`, "https://example.com/a/", false, 0},
		{`<link rel="canonical" href="/b/"><meta name="robots" content="noindex">`, "https://www.example.com/b/", true, 0},
		{`<link rel="canonical" href="file:///usr/share/doc/python3.11/html/os.html">`, "", false, 0},
		{`<base href="https://cdn.example.com/x/"><link rel="canonical" href="c.html">`, "https://cdn.example.com/x/c.html", false, 0},
		{`<link rel="alternate" hreflang="en" href="/en/"><link rel="alternate" hreflang="de" href="https://www.example.com/de/"><link rel="alternate" type="application/rss+xml" hreflang="en" href="/feed/">`, "", false, 2},
	}
	for _, rule := range []*checks.Check{checks.CanonicalInvalid, checks.Noindex, checks.HreflangInvalid} {
		for _, c := range cases {
			u, _ := url.Parse("https://www.example.com/page/")
			pg, err := page.Parse(u, []byte(`<!doctype html><html lang="en"><head><title>T</title>`+c.head+`</head><body><p>x</p></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			pg.Path = "/page/"
			root, _ := url.Parse("https://www.example.com/")
			site := page.NewSite(root, page.ModeCrawl, true)
			r := checks.NewRunner(site, []*checks.Check{rule}, checktest.Now)
			r.Page(pg)
			if _, err := r.Finish(); err != nil {
				t.Fatal(err)
			}
			sum, ok := site.Page("https://www.example.com/page/")
			if !ok {
				t.Fatal("page not recorded")
			}
			f := sum.Facts
			if f.Canonical != c.canonical || f.Noindex != c.noindex || len(f.Alternates) != c.alts {
				t.Errorf("%s, %s: facts %+v, want canonical %q noindex %v %d alternates", rule.ID, c.head, f, c.canonical, c.noindex, c.alts)
			}
		}
	}
}
