package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/report/internal/golden"
)

// historyRun is the third run of a site kept in a history file: a trend of
// three runs and what changed since the second (one link broken, one fixed).
var historyRun = func() Run {
	r := sampleRun
	r.Complete = true
	r.Notices = nil
	r.History = []RunPoint{
		{ID: 1, Start: time.Date(2026, 11, 9, 6, 0, 0, 0, time.UTC), Complete: true, Errors: 2, Warnings: 5, Info: 1},
		{ID: 2, Start: time.Date(2026, 11, 16, 6, 0, 0, 0, time.UTC), Complete: false, Errors: 2, Warnings: 4, Info: 1},
		{ID: 3, Start: time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC), Complete: true, Errors: 2, Warnings: 4, Info: 1},
	}
	r.Changes = &Changes{
		SinceRun: 2, SinceStart: time.Date(2026, 11, 16, 6, 0, 0, 0, time.UTC),
		New: []checks.Finding{sampleRun.Findings[3]},
		Fixed: []checks.Finding{{
			Rule: "broken-link", Severity: checks.Error, URL: site + "/team/", Line: 12, Target: site + "/old-team.html",
			Message: "link to /old-team.html returns HTTP 404", Fingerprint: "77aa00bb11cc22dd",
		}},
		Persisting: 6, NotChecked: 1,
	}
	return r
}()

func TestHTMLGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		run    Run
	}{
		{"html", sampleRun},
		{"html-empty", emptyRun},
		{"html-check", checkRun},
		{"html-baseline", baselineRun},
		{"html-history", historyRun},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, "html", tc.run, Options{})
			golden.Check(t, "../testdata/report/"+tc.golden+".golden", got)
		})
	}
}

// TestHTMLHostileText: a page whose title, url, message, evidence and
// target carry markup gets it shown as text: the report still has exactly
// one script (its own), no element it did not write, and no javascript: link.
func TestHTMLHostileText(t *testing.T) {
	const payload = `<script>alert("pwned")</script>`
	r := Run{Target: site + `/"><script>alert(1)</script>`, Pages: 1, Complete: true, Mode: "crawl", Rules: testRules,
		Notices: []string{"notice " + payload},
		Findings: []checks.Finding{{
			Rule: "title-length", Severity: checks.Warning, URL: site + "/" + payload, Line: 3,
			Message:  `title "` + payload + `" is 40 characters long`,
			Evidence: "<title>" + payload + "</title>", Target: "javascript:alert(1)",
			Help: "help " + payload, Fingerprint: "f1",
		}, {
			Rule: `x"><img src=x onerror=alert(1)>`, Severity: checks.Error, URL: "javascript:alert(1)",
			Path: `/"><svg onload=alert(1)>/x`, Message: "m", Fingerprint: "f2",
		}},
	}
	r.History = []RunPoint{{ID: 1, Start: time.Unix(0, 0), Errors: 1}}
	r.Changes = &Changes{SinceRun: 1, New: r.Findings, Fixed: r.Findings}
	out := render(t, "html", r, Options{})
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, imgs int
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "img":
				imgs++
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
				}
				if a.Key == "href" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("<%s> links to %q", n.Data, a.Val)
				}
			}
		}
		if n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "script") {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 1 || imgs != 0 {
		t.Errorf("%d scripts and %d images, want 1 and 0:\n%s", scripts, imgs, out)
	}
	if n := strings.Count(text.String(), payload); n < 5 {
		t.Errorf("the payload shows as text %d times, want at least 5 (title, url, message, evidence, help)", n)
	}
	if strings.Contains(string(out), payload) {
		t.Errorf("the payload is in the output unescaped")
	}
	// Controls: sampleRun's message has ESC, CR, a C1 CSI and a bidi override.
	out = render(t, "html", sampleRun, Options{})
	if i := bytes.IndexFunc(out, func(r rune) bool { return isControl(r) && r != '\n' || isBidiControl(r) }); i >= 0 {
		t.Errorf("control or bidi character in the output at %d: %q", i, out[max(i-40, 0):i+4])
	}
}

func TestHTMLSelfContained(t *testing.T) {
	out := string(render(t, "html", historyRun, Options{}))
	for _, bad := range []string{"<link", " src=", "@import", "url(", "//fonts.", "<iframe"} {
		if strings.Contains(out, bad) {
			t.Errorf("report contains %q: it must fetch nothing", bad)
		}
	}
	if !strings.Contains(out, `content="default-src &#39;none&#39;;`) {
		t.Errorf("no Content-Security-Policy that forbids fetching")
	}
	// The trend has a point per run and severity; the changes list both.
	if n := strings.Count(out, "<circle "); n != 9 {
		t.Errorf("%d trend points, want 9 (3 runs x 3 severities)", n)
	}
	for _, want := range []string{`id="new"`, `id="fixed"`, "/old-team.html", "1 new", "1 fixed", "6 persisting", "1 not checked", "data-new "} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestSection(t *testing.T) {
	for in, want := range map[string]string{
		"/": "/", "/about.html": "/", "/blog/": "/blog/", "/blog/2024/a.html": "/blog/", "": "/", "/a?x=/y": "/",
	} {
		if got := section(in); got != want {
			t.Errorf("section(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBarsOrder(t *testing.T) {
	var fs []checks.Finding
	add := func(rule string, sev checks.Severity, n int) {
		for range n {
			fs = append(fs, checks.Finding{Rule: rule, Severity: sev})
		}
	}
	add("b-rule", checks.Warning, 3)
	add("a-rule", checks.Warning, 2)
	add("a-rule", checks.Error, 1)
	add("c-rule", checks.Info, 1)
	for i := range maxBars + 3 {
		add(fmt.Sprintf("z-%02d", i), checks.Info, 1)
	}
	c := bars("t", "rule", fs, func(f checks.Finding) string { return f.Rule })
	if len(c.Rows) != maxBars {
		t.Fatalf("%d bars, want %d", len(c.Rows), maxBars)
	}
	// a-rule and b-rule have 3 each; a-rule has an error, so it comes first.
	if c.Rows[0].Label != "a-rule" || c.Rows[1].Label != "b-rule" || c.Rows[0].Segments[0].Class != "sev-error" {
		t.Errorf("first bars = %+v, %+v", c.Rows[0], c.Rows[1])
	}
}
