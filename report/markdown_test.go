package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

// manyRun has more findings than the summary's top list, in the engine's
// order (by page), with the severities mixed so that the top list has to
// pick the errors out of the middle.
var manyRun = func() Run {
	r := Run{Target: "public", Pages: 6, Complete: true, Mode: "check", SiteRoot: "/home/ci/repo/public",
		SourceRoot: "/home/ci/repo", Rules: testRules, FailOn: checks.FailOn{Min: checks.Error}}
	sevs := []checks.Severity{checks.Warning, checks.Info, checks.Error, checks.Warning}
	rules := map[checks.Severity]string{checks.Error: "broken-link", checks.Warning: "truncated-excerpt", checks.Info: "orphan-page"}
	for i := range 14 {
		sev := sevs[i%len(sevs)]
		page := fmt.Sprintf("p%d.html", i/3)
		r.Findings = append(r.Findings, checks.Finding{
			Rule: rules[sev], Severity: sev, URL: "/" + page, File: page, Line: 10 + i,
			Message: fmt.Sprintf("finding %d", i+1), Fingerprint: fmt.Sprintf("%016x", i),
		})
	}
	return r
}()

func TestMarkdownMany(t *testing.T) {
	out := string(render(t, "markdown", manyRun, Options{}))
	top, all, ok := strings.Cut(out, "<details><summary>All 14 findings</summary>")
	if !ok {
		t.Fatalf("no collapsed full list:\n%s", out)
	}
	_, top, _ = strings.Cut(top, "### Top 10 findings")
	// The errors are findings 3, 7, 11; then the warnings 1, 4, 5, 8, 9, 12, 13.
	var order []string
	for l := range strings.SplitSeq(top, "\n") {
		if i := strings.Index(l, "| finding "); i >= 0 {
			order = append(order, strings.TrimSuffix(l[i+2:], " |"))
		}
	}
	want := "finding 3,finding 7,finding 11,finding 1,finding 4,finding 5,finding 8,finding 9,finding 12,finding 13"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("top findings = %s\nwant %s", got, want)
	}
	if n := strings.Count(all, "| finding "); n != 14 {
		t.Errorf("full list has %d findings, want 14", n)
	}
	if !strings.HasSuffix(out, "</details>\n") {
		t.Errorf("output does not end with the closed details")
	}
}

func TestMarkdownListCap(t *testing.T) {
	r := manyRun
	r.Findings = nil
	for i := range maxListed + 5 {
		r.Findings = append(r.Findings, checks.Finding{Rule: "orphan-page", Severity: checks.Info, URL: "/x", Message: fmt.Sprint(i)})
	}
	out := string(render(t, "markdown", r, Options{}))
	if !strings.Contains(out, fmt.Sprintf("<summary>All %d findings (the first %d)</summary>", maxListed+5, maxListed)) ||
		!strings.Contains(out, "\n5 more in the json or sarif report.\n") {
		t.Errorf("capped list not announced:\n%s", out[len(out)-300:])
	}
}

func TestMarkdownVerdict(t *testing.T) {
	first := func(r Run) string {
		l, _, _ := strings.Cut(string(render(t, "markdown", r, Options{})), "\n")
		return l
	}
	warn := sampleRun
	warn.Findings = sampleRun.Findings[:3] // warnings and info only
	never := sampleRun
	never.FailOn = checks.FailOn{Never: true}
	oneWarning := sampleRun
	oneWarning.FailOn = checks.FailOn{Min: checks.Warning}
	oneWarning.Findings = sampleRun.Findings[:1]
	for _, tc := range []struct {
		run  Run
		want string
	}{
		{sampleRun, "## ❌ pagelint: 2 findings at or above error"},
		{warn, "## ✅ pagelint: no findings at or above error"},
		{never, "## ✅ pagelint: 7 findings, none fails the build (--fail-on never)"},
		{oneWarning, "## ❌ pagelint: 1 finding at or above warning"},
		{emptyRun, "## ✅ pagelint: no findings"},
		{baselineRun, "## ❌ pagelint: 1 new finding at or above warning"},
	} {
		if got := first(tc.run); got != tc.want {
			t.Errorf("heading = %q, want %q", got, tc.want)
		}
	}
}

func TestMdText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text 1.5", "plain text 1.5"},
		{"a | b", `a \| b`},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"![pixel](https://evil.example/p.png)", `!\[pixel\](https://evil.example/p.png)`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"`code` *em* _em_ ~~del~~", "\\`code\\` \\*em\\* \\_em\\_ \\~\\~del\\~\\~"},
		{`back\slash\|`, `back\\slash\\\|`},
		{"&amp; &lt;", "&amp;amp; &amp;lt;"},
		{"line\nbreak\r\n| x |", `line break  \| x \|`},
		{"ping @octo-org/team", "ping @\u2060octo-org/team"},
		{"\x1b[31mred\u202e", "�\\[31mred�"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMarkdownHostileText: whatever a page puts in its url, file, message
// or target, every table row keeps its cells and the output has no HTML
// but the reporter's own <details>, <summary> and <br>.
func TestMarkdownHostileText(t *testing.T) {
	const evil = "x | y\n| z |\n<script>alert(1)</script>`![a](b)`<details>"
	run := Run{Target: evil, Pages: 1, Complete: true, Notices: []string{evil}, FailOn: checks.FailOn{Min: checks.Error}}
	for i := range topFindings + 1 {
		run.Findings = append(run.Findings, checks.Finding{Rule: "broken-link", Severity: checks.Error,
			URL: "/" + evil, Line: i + 1, Target: evil, Message: evil})
	}
	out := string(render(t, "markdown", run, Options{}))
	if strings.Contains(out, "<script") || strings.Contains(out, "![") {
		t.Errorf("page markup in the output:\n%s", out)
	}
	// Our own HTML: <details>, <summary>, </summary>, </details>, and a <br>
	// before each target.
	if got, want := strings.Count(out, "<"), 4+strings.Count(out, "<br>→ "); got != want {
		t.Errorf("%d '<' in the output, want %d:\n%s", got, want, out)
	}
	// Every row of a table has as many cells as the table's header.
	cells := func(l string) int { return strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") - 1 }
	header := 0
	for l := range strings.SplitSeq(out, "\n") {
		switch {
		case !strings.HasPrefix(l, "|"):
			header = 0
		case header == 0:
			header = cells(l)
		case cells(l) != header:
			t.Errorf("row with %d cells under a header of %d: %q", cells(l), header, l)
		}
	}
	if n := strings.Count(out, "\n| /x \\| y \\| z \\| &lt;script&gt;"); n != 2*topFindings+1 {
		t.Errorf("%d rows start with the page, want %d:\n%s", n, 2*topFindings+1, out)
	}
}
