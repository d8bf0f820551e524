package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

func TestGitHubEscape(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"}, // an escape already in the text stays text
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	} {
		if got := githubEscapeData(tc.in); got != tc.data {
			t.Errorf("githubEscapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := githubEscapeProperty(tc.in); got != tc.prop {
			t.Errorf("githubEscapeProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

// TestGitHubNoInjection: a page whose title, message, url, file, target or
// rule carries "::error::", "::stop-commands::", line breaks of every kind
// or terminal controls still yields exactly one line per finding, each line
// one of our commands, and nothing that the runner would read as a second
// command or as a property of ours.
func TestGitHubNoInjection(t *testing.T) {
	evil := []string{
		"title\n::error::injected",
		"title\r::error file=x,line=1::injected",
		"title\r\n::stop-commands::token",
		"a\u2028::error::b\u2029::warning::c\u0085::notice::d",
		"\x1b[2J\x00::add-mask::x\v\f",
		"::error::",
		"50% off, now: cheap",
	}
	var fs []checks.Finding
	for i, e := range evil {
		fs = append(fs, checks.Finding{
			Rule: "broken-link", Severity: checks.Severity(i%3 + 1),
			URL: "/" + e, File: e + ".html", Line: i + 1,
			Target: "/t" + e, Message: `page title "` + e + `" is wrong`, Evidence: e, Fingerprint: e,
		})
	}
	for _, mode := range []string{"check", "crawl"} {
		run := Run{Mode: mode, SiteRoot: "/repo", SourceRoot: "/repo", Complete: false, Findings: fs,
			Notices: []string{"notice\n::error::from a notice"}}
		out := string(render(t, "github", run, Options{}))
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("%s: output does not end with a newline", mode)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(fs)+len(run.Notices) {
			t.Fatalf("%s: %d lines for %d findings and %d notices:\n%s", mode, len(lines), len(fs), len(run.Notices), out)
		}
		for i, l := range lines {
			if strings.ContainsAny(l, "\r\v\f\u2028\u2029\u0085\x00\x1b") {
				t.Errorf("%s: line %d carries a control or line separator: %q", mode, i, l)
			}
			cmd, rest, ok := strings.Cut(l, " ")
			if !ok || !slices.Contains([]string{"::error", "::warning", "::notice"}, cmd) {
				t.Errorf("%s: line %d does not start with a command of ours: %q", mode, i, l)
				continue
			}
			// The properties end at the first "::"; none of them may hold
			// an unescaped ':' or ',' beyond the separators we wrote.
			props, _, ok := strings.Cut(rest, "::")
			if !ok {
				t.Errorf("%s: line %d has no message: %q", mode, i, l)
				continue
			}
			for _, p := range strings.Split(props, ",") {
				name, _, _ := strings.Cut(p, "=")
				if name != "file" && name != "line" && name != "title" {
					t.Errorf("%s: line %d has a property %q: %q", mode, i, name, l)
				}
			}
		}
	}
}

func TestGitHubLine(t *testing.T) {
	f := checks.Finding{Rule: "broken-link", Severity: checks.Error, URL: "/a/", File: "a/index.html", Line: 4,
		Target: "/b/", Message: "link to /b/: no such file", Fingerprint: "f"}
	for _, tc := range []struct {
		name string
		run  Run
		f    checks.Finding
		want string
	}{
		{"check", Run{Mode: "check", SiteRoot: "/r/public", SourceRoot: "/r"}, f,
			"::error file=public/a/index.html,line=4,title=pagelint broken-link::link to /b/: no such file%0A→ /b/"},
		{"check, file outside the source root", Run{Mode: "check", SiteRoot: "/tmp/site", SourceRoot: "/r"}, f,
			"::error title=pagelint broken-link::link to /b/: no such file%0A→ /b/%0Apage: /a/ line 4"},
		{"crawl", Run{Mode: "crawl"}, checks.Finding{Rule: "duplicate-nav", Severity: checks.Warning, URL: "https://e.org/", Message: "m"},
			"::warning title=pagelint duplicate-nav::m%0Apage: https://e.org/"},
		{"info is a notice", Run{Mode: "crawl"}, checks.Finding{Rule: "orphan-page", Severity: checks.Info, URL: "https://e.org/", Message: "m"},
			"::notice title=pagelint orphan-page::m%0Apage: https://e.org/"},
		{"known error is a notice", Run{Mode: "crawl", Baseline: &BaselineCounts{}},
			checks.Finding{Rule: "broken-link", Severity: checks.Error, URL: "https://e.org/", Message: "m", Baseline: "known"},
			"::notice title=pagelint broken-link (known)::m%0Apage: https://e.org/"},
		{"a file name with : and ,", Run{Mode: "check", SiteRoot: "/r", SourceRoot: "/r"},
			checks.Finding{Rule: "x", Severity: checks.Error, URL: "/a:b,c.html", File: "a:b,c.html", Line: 1, Message: "m"},
			"::error file=a%3Ab%2Cc.html,line=1,title=pagelint x::m"},
	} {
		if got := githubLine(tc.run, tc.f); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
