package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/report/internal/golden"
)

func TestMain(m *testing.M) {
	flag.Parse()
	// tablewriter guesses from the locale whether ambiguous characters
	// (→, box drawing) are double width; goldens must not depend on it.
	twwidth.SetEastAsian(false)
	os.Exit(m.Run())
}

const site = "http://127.0.0.1:8080"

// sampleRun is the one run every format renders. It has each severity, a
// finding with no line, link findings with a target (one long enough to
// wrap), quotes, <, &, non-ASCII, and a message and evidence carrying
// terminal controls (ESC, CR, a C1 CSI, a bidi override) that a hostile or
// broken page could smuggle in.
var sampleRun = Run{
	Target:      site + "/",
	Pages:       4,
	Complete:    false,
	Mode:        "crawl",
	Rules:       testRules,
	FailOn:      checks.FailOn{Min: checks.Error},
	ToolVersion: "1.2.3",
	Notices: []string{
		"stopped after 4 pages (--max-pages 4); 3 queued pages were not checked",
		"robots.txt disallows /private/; 2 links there were not followed",
	},
	Findings: []checks.Finding{
		{
			Rule: "duplicate-nav", Severity: checks.Warning, URL: site + "/", Line: 41,
			Message:     "navigation repeats the block on line 12 (2 copies)",
			Evidence:    `<nav class="menu-primary">Home Blog Team Contact</nav>`,
			Fingerprint: "3d1f0a9c52e7b604",
			Help:        "Render the navigation once, or hide the copy that duplicates it.",
		},
		{
			Rule: "missing-review-date", Severity: checks.Warning, URL: site + "/about/",
			Message:     `page names a reviewer ("Dr. Zoë Ångström, MD") but gives no review date`,
			Fingerprint: "a07c3e91d2b45f68",
			Help:        "State when the review took place next to the reviewer's name.",
		},
		{
			Rule: "orphan-page", Severity: checks.Info, URL: site + "/about/",
			Message:     "no other page of the site links here",
			Fingerprint: "0be4d6f1a3c89275",
		},
		{
			Rule: "broken-link", Severity: checks.Error, URL: site + "/blog/a.html", Line: 57,
			Target:      site + "/missing.html",
			Message:     "link to /missing.html returns HTTP 404",
			Evidence:    `<a href="/missing.html?utm=x&amp;ref=blog">READ MORE</a>`,
			Fingerprint: "9f2c41d07ab3e815",
			Help:        "Point the link at the page's current address, restore the page, or remove the link.",
		},
		{
			Rule: "broken-link", Severity: checks.Error, URL: site + "/blog/a.html", Line: 63,
			Target:      site + "/docs/reference/configuration/advanced-options-for-large-sites.html#cache-settings",
			Message:     `link to #cache-settings: no element with id or name "cache-settings" on the target page`,
			Evidence:    `<a href="/docs/reference/configuration/advanced-options-for-large-sites.html#cache-settings">cache</a>`,
			Fingerprint: "5e80b2c7f91d34a6",
			Help:        "Point the link at the page's current address, restore the page, or remove the link.",
		},
		{
			Rule: "truncated-excerpt", Severity: checks.Warning, URL: site + "/blog/a.html", Line: 88,
			Message:     `excerpt ends mid-word: "Tips & tricks for <pre> blocks, “smart quotes” and the quick bro"`,
			Evidence:    `<p class="entry-summary">Tips &amp; tricks for &lt;pre&gt; blocks, “smart quotes” and the quick bro</p>`,
			Fingerprint: "c4a9170e6b2d85f3",
			Help:        "Cut excerpts at a sentence or word boundary, or let the theme generate them.",
		},
		{
			Rule: "truncated-excerpt", Severity: checks.Warning, URL: site + "/blog/a.html", Line: 88,
			Message:     "excerpt ends mid-sentence with an ellipsis: \"Breaking\x1b[2J\x1b]0;pwned\x07 news\rOK \u009b31m\u202eevil…\"",
			Evidence:    "<p>Breaking\x1b[2J news\r\u202eevil…</p>",
			Fingerprint: "c4a9170e6b2d85f3-2",
		},
	},
}

// checkRun is a run of `pagelint check public/`: urls are site paths and
// each finding names its file, which the table shows when the url does not.
var checkRun = Run{
	Target:      "public",
	Pages:       2,
	Complete:    true,
	Mode:        "check",
	SiteRoot:    "/home/ci/repo/public",
	SourceRoot:  "/home/ci/repo",
	Rules:       testRules,
	FailOn:      checks.FailOn{Min: checks.Error},
	ToolVersion: "1.2.3",
	Findings: []checks.Finding{
		{
			Rule: "broken-link", Severity: checks.Error, URL: "/blog/", File: "blog/index.html", Line: 9,
			Target: "/img/header.png", Message: "image /img/header.png: no such file",
			Evidence: `<img src="/img/header.png" alt="">`, Fingerprint: "7a3b9c1d0e2f4a5b",
		},
		{
			Rule: "truncated-excerpt", Severity: checks.Warning, URL: "/blog/post.html", File: "blog/post.html", Line: 14,
			Message: `description ends mid-word: "How we mig"`, Evidence: `<meta name="description" content="How we mig">`,
			Fingerprint: "1c2d3e4f5a6b7c8d",
		},
	},
}

var emptyRun = Run{Target: site + "/", Pages: 3, Complete: true, Mode: "crawl", Rules: testRules,
	FailOn: checks.FailOn{Min: checks.Error}, ToolVersion: "1.2.3"}

// baselineRun is a check run compared with a baseline, failing on
// warnings: one new error, a known error and a known warning (which do not
// fail it), a new info (below the threshold), and one fixed finding.
var baselineRun = Run{
	Target:      "public",
	Pages:       3,
	Complete:    true,
	Mode:        "check",
	SiteRoot:    "/home/ci/repo/public",
	SourceRoot:  "/home/ci/repo",
	Rules:       testRules,
	FailOn:      checks.FailOn{Min: checks.Warning},
	Baseline:    &BaselineCounts{New: 2, Known: 2, Fixed: 1},
	ToolVersion: "1.2.3",
	Findings: []checks.Finding{
		{
			Rule: "broken-link", Severity: checks.Error, URL: "/", File: "index.html", Line: 12,
			Target: "/pricing/", Message: "link to /pricing/: no such file",
			Evidence: `<a href="/pricing/">Pricing</a>`, Fingerprint: "e1f2a3b4c5d6e7f8", Baseline: "new",
		},
		{
			Rule: "broken-link", Severity: checks.Error, URL: "/", File: "index.html", Line: 30,
			Target: "/old/", Message: "link to /old/: no such file",
			Evidence: `<a href="/old/">Archive</a>`, Fingerprint: "0a1b2c3d4e5f6a7b", Baseline: "known",
		},
		{
			Rule: "orphan-page", Severity: checks.Info, URL: "/drafts/x.html", File: "drafts/x.html",
			Message: "no other page of the site links here", Fingerprint: "99aa88bb77cc66dd", Baseline: "new",
		},
		{
			Rule: "truncated-excerpt", Severity: checks.Warning, URL: "/news/", File: "news/index.html", Line: 7,
			Message: `excerpt ends mid-word: "Our new off"`, Evidence: `<p class="excerpt">Our new off</p>`,
			Fingerprint: "55ee44ff33aa22bb", Baseline: "known",
		},
	},
}

// testRules stand for the registry in the goldens, so that a rule's doc
// edited in checks/ does not change every SARIF golden. orphan-page has
// findings in sampleRun but is left out, as a rule missing from Run.Rules.
var testRules = []*checks.Check{
	{
		ID: "broken-link", Severity: checks.Error,
		Summary: "a link or resource whose target is missing or fails",
		Doc:     "Flags links and resources that return an HTTP error or name a missing file.\nReaders and crawlers hit dead ends.",
		Help:    "Point the link at the page's current address, restore the page, or remove the link.",
	},
	{
		ID: "duplicate-nav", Severity: checks.Warning,
		Summary: "the same navigation block rendered twice on one page",
		Doc:     "Flags a navigation block whose links repeat an earlier block on the page.",
		Help:    "Render the navigation once, or hide the copy that duplicates it.",
	},
	{
		ID: "missing-review-date", Severity: checks.Warning,
		Summary: "a reviewer named without the date of the review",
		Doc:     "Flags pages that name a medical or expert reviewer but give no review date.",
		Help:    "State when the review took place next to the reviewer's name.",
	},
	{
		ID: "truncated-excerpt", Severity: checks.Warning,
		Summary: "an excerpt or description cut off mid-word or mid-sentence",
		Doc:     "Flags excerpts, summaries and descriptions that end in the middle of a word or sentence.",
		Help:    "Cut excerpts at a sentence or word boundary, or let the theme generate them.",
	},
}

func render(t *testing.T, format string, run Run, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, run, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		format string
		run    Run
		opts   Options
	}{
		{"json", "json", sampleRun, Options{}},
		{"json-empty", "json", emptyRun, Options{}},
		{"json-check", "json", checkRun, Options{}},
		{"table", "table", sampleRun, Options{}},
		{"table-empty", "table", emptyRun, Options{}},
		{"table-check", "table", checkRun, Options{}},
		{"table-color", "table", sampleRun, Options{Color: true}},
		{"json-baseline", "json", baselineRun, Options{}},
		{"sarif", "sarif", sampleRun, Options{}},
		{"sarif-empty", "sarif", emptyRun, Options{}},
		{"sarif-check", "sarif", checkRun, Options{}},
		{"sarif-baseline", "sarif", baselineRun, Options{}},
		{"junit", "junit", sampleRun, Options{}},
		{"junit-empty", "junit", emptyRun, Options{}},
		{"junit-check", "junit", checkRun, Options{}},
		{"junit-baseline", "junit", baselineRun, Options{}},
		{"github", "github", sampleRun, Options{}},
		{"github-empty", "github", emptyRun, Options{}},
		{"github-check", "github", checkRun, Options{}},
		{"github-baseline", "github", baselineRun, Options{}},
		{"markdown", "markdown", sampleRun, Options{}},
		{"markdown-empty", "markdown", emptyRun, Options{}},
		{"markdown-check", "markdown", checkRun, Options{}},
		{"markdown-baseline", "markdown", baselineRun, Options{}},
		{"markdown-many", "markdown", manyRun, Options{}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, tc.run, tc.opts)
			golden.Check(t, "../testdata/report/"+tc.golden+".golden", got)
		})
	}
}

func TestFormats(t *testing.T) {
	got := strings.Join(Formats(), " ")
	if want := "github html json junit markdown sarif table"; got != want {
		t.Errorf("Formats() = %q, want %q", got, want)
	}
	for _, f := range Formats() {
		render(t, f, sampleRun, Options{}) // every listed format is accepted
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "xml", sampleRun, Options{})
	if err == nil {
		t.Fatal("Write(xml) succeeded, want an error")
	}
	for _, want := range []string{`"xml"`, "json", "table"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("Write(xml) wrote %q, want nothing", buf.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	for _, f := range Formats() {
		if err := Write(failWriter{}, f, sampleRun, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Write(%s) to a failing writer = %v, want the write error", f, err)
		}
		if err := Write(failWriter{}, f, emptyRun, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Write(%s) of an empty run to a failing writer = %v, want the write error", f, err)
		}
	}
}

func TestCountSeverities(t *testing.T) {
	got := countSeverities(sampleRun.Findings)
	if want := (counts{Error: 2, Warning: 4, Info: 1}); got != want {
		t.Errorf("countSeverities(sampleRun) = %+v, want %+v", got, want)
	}
	if got := countSeverities(nil); got != (counts{}) {
		t.Errorf("countSeverities(nil) = %+v, want zeros", got)
	}
}

func TestTableTotals(t *testing.T) {
	out := string(render(t, "table", sampleRun, Options{}))
	if want := "2 errors, 4 warnings, 1 info on 3 of 4 pages\n"; !strings.HasSuffix(out, want) {
		t.Errorf("table does not end with %q:\n%s", want, out)
	}
	one := Run{Pages: 1, Complete: true, Findings: sampleRun.Findings[3:4]}
	out = string(render(t, "table", one, Options{}))
	if want := "1 error, 0 warnings, 0 info on 1 of 1 page\n"; !strings.HasSuffix(out, want) {
		t.Errorf("table does not end with %q:\n%s", want, out)
	}
}
