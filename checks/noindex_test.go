package checks_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/page"
)

func TestNoindex(t *testing.T) {
	checktest.Run(t, "../testdata/checks/noindex", checks.Noindex)
}

// The home page is an error, another page a warning, a page-level nofollow info.
func TestNoindexSeverities(t *testing.T) {
	const dir = "../testdata/checks/noindex/"
	got := headLinkSeverities(t, dir+"staging-leftover", checks.Noindex)
	want := map[string]checks.Severity{"index.html:6": checks.Error, "about/index.html:5": checks.Warning}
	for k, sev := range want {
		if got[k] != sev {
			t.Errorf("%s: severity %v, want %v (all: %v)", k, got[k], sev, got)
		}
	}
	got = headLinkSeverities(t, dir+"nofollow.html", checks.Noindex)
	if got["nofollow.html:6"] != checks.Info {
		t.Errorf("nofollow: %v, want info", got)
	}
}

// X-Robots-Tag only exists over HTTP and the fixture server cannot send it:
// this test hands the rule a page with headers, as the crawler does.
func TestNoindexHeader(t *testing.T) {
	const body = `<!doctype html><html lang="en"><head><title>Report</title></head><body><p>Quarterly numbers.</p></body></html>`
	cases := []struct {
		path    string
		header  []string
		want    string // message regexp part; "" for no finding
		wantSev checks.Severity
	}{
		{"/report/", []string{"noindex"}, `X-Robots-Tag header says "noindex"`, checks.Warning},
		{"/", []string{"none"}, `says "none".*home page`, checks.Error},
		{"/report/", []string{"googlebot: noindex, nofollow"}, `says "noindex, nofollow"`, checks.Warning},
		{"/report/", []string{"otherbot: noindex"}, "", 0},
		{"/report/", []string{"unavailable_after: 25 Jun 2030 15:00:00 PST"}, "", 0},
		{"/report/", []string{"max-snippet: 20", "noarchive"}, "", 0},
		{"/report/", nil, "", 0},
		{"/search/", []string{"noindex"}, "", 0},
	}
	for _, c := range cases {
		u, _ := url.Parse("https://www.example.com" + c.path)
		pg, err := page.Parse(u, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		pg.Path = c.path
		pg.Header = http.Header{}
		for _, v := range c.header {
			pg.Header.Add("X-Robots-Tag", v)
		}
		root, _ := url.Parse("https://www.example.com/")
		site := page.NewSite(root, page.ModeCrawl, true)
		r := checks.NewRunner(site, []*checks.Check{checks.Noindex}, checktest.Now)
		r.Page(pg)
		fs, err := r.Finish()
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := site.Page(page.Normalize(u))
		switch {
		case c.want == "" && len(fs) > 0:
			t.Errorf("%s %q: unexpected %s", c.path, c.header, fs[0].Message)
		case c.want == "":
		case len(fs) != 1:
			t.Errorf("%s %q: %d findings, want 1", c.path, c.header, len(fs))
		case !regexp.MustCompile(c.want).MatchString(fs[0].Message) || fs[0].Severity != c.wantSev || !strings.HasPrefix(fs[0].Evidence, "X-Robots-Tag: "):
			t.Errorf("%s %q: got %s %q (evidence %q), want %s %q", c.path, c.header, fs[0].Severity, fs[0].Message, fs[0].Evidence, c.wantSev, c.want)
		}
		if sum == nil || sum.Facts.Noindex != (c.want != "" || c.path == "/search/") {
			t.Errorf("%s %q: Facts.Noindex not recorded right", c.path, c.header)
		}
	}
}
