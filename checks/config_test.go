package checks

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

func TestMatchAnyPath(t *testing.T) {
	cases := []struct {
		glob, path string
		want       bool
	}{
		{"/blog/**", "/blog/", true},
		{"/blog/**", "/blog/a/b.html", true},
		{"/blog/**", "/blogs/", false},
		{"/blog/*", "/blog/a.html", true},
		{"/blog/*", "/blog/a/b.html", false},
		{"/docs/**/*.html", "/docs/a.html", true},
		{"/docs/**/*.html", "/docs/x/y/a.html", true},
		{"*.pdf", "/files/a.pdf", true},
		{"/a?.html", "/ab.html", true},
		{"/a.html", "/aXhtml", false},
	}
	for _, c := range cases {
		if got := MatchAnyPath([]string{c.glob}, c.path); got != c.want {
			t.Errorf("MatchAnyPath(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}

// probe reports one warning and one info on every page, and reads its option.
var probe = &Check{
	ID: "probe", Severity: Warning, Summary: "test rule", Doc: "test rule", Help: "none",
	Options: []Option{{Name: "label", Default: "default", Doc: "text put in messages"}},
	Page: func(p *PagePass) error {
		p.Report(Issue{Line: 1, Message: "warn " + p.StringOption("label")})
		p.Report(Issue{Line: 2, Severity: Info, Message: "info"})
		return nil
	},
}

func runProbe(t *testing.T, cfg Config, paths ...string) []Finding {
	t.Helper()
	root, _ := url.Parse("https://example.org/")
	site := page.NewSite(root, page.ModeCrawl, true)
	r := NewRunner(site, []*Check{probe}, time.Time{}).WithConfig(cfg)
	for _, p := range paths {
		u, _ := url.Parse("https://example.org" + p)
		pg, err := page.Parse(u, []byte("<p>x</p>"))
		if err != nil {
			t.Fatal(err)
		}
		pg.Path = p
		r.Page(pg)
	}
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Path + " " + f.Severity.String() + " " + f.Message + "\n")
	}
	return b.String()
}

func TestConfigLayers(t *testing.T) {
	off, on := true, false
	cfg := Config{
		Rules: map[string]RuleConfig{"probe": {Severity: Error, Options: map[string]any{"label": "base"}}},
		Overrides: []Override{
			{Paths: []string{"/blog/**"}, Rules: map[string]RuleConfig{"probe": {Off: &off}}},
			{Paths: []string{"/blog/keep/**"}, Rules: map[string]RuleConfig{"probe": {Off: &on, Options: map[string]any{"label": "kept"}}}},
		},
		Ignore: []string{"/drafts/**"},
	}
	got := describe(runProbe(t, cfg, "/", "/blog/a/", "/blog/keep/b/", "/drafts/c/"))
	want := "/ error warn base\n/ error info\n/blog/keep/b/ error warn kept\n/blog/keep/b/ error info\n"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	// Without a severity in the config, variants keep their own severity.
	got = describe(runProbe(t, Config{}, "/"))
	if want := "/ warning warn default\n/ info info\n"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestConfigValidate(t *testing.T) {
	rules := []*Check{probe}
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Rules: map[string]RuleConfig{"nope": {}}}, `unknown rule "nope"`},
		{Config{Rules: map[string]RuleConfig{"probe": {Options: map[string]any{"colour": "x"}}}}, `no option "colour"`},
		{Config{Rules: map[string]RuleConfig{"probe": {Options: map[string]any{"label": 3}}}}, "want a string"},
		{Config{Overrides: []Override{{Paths: []string{""}}}}, "empty path glob"},
	} {
		err := c.cfg.Validate(rules)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate = %v, want %q", err, c.want)
		}
	}
	if err := (Config{}).Validate(rules); err != nil {
		t.Errorf("empty config: %v", err)
	}
}

func TestRegistryIsValid(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range All() {
		if err := c.Validate(); err != nil {
			t.Error(err)
		}
		if seen[c.ID] {
			t.Errorf("duplicate rule id %s", c.ID)
		}
		seen[c.ID] = true
	}
}
