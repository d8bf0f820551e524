package checks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

// TestSEOSeverityVariants checks the severities of the variants that the page
// SEO rules report under their nearest id.
func TestSEOSeverityVariants(t *testing.T) {
	cases := []struct {
		dir  string
		rule *checks.Check
		want map[string]checks.Severity // message prefix -> severity
	}{
		{"title-missing", checks.TitleMissing, map[string]checks.Severity{
			"page has no <title>":   checks.Error,
			"title is empty":        checks.Error,
			"more than one <title>": checks.Warning,
		}},
		{"meta-description-missing", checks.MetaDescriptionMissing, map[string]checks.Severity{
			"page has no <meta":              checks.Info,
			"meta description is empty":      checks.Warning,
			"more than one meta description": checks.Warning,
		}},
		{"h1-missing", checks.H1Missing, map[string]checks.Severity{
			"page has no h1":        checks.Warning,
			"h1 is empty":           checks.Warning,
			"the page's only h1 is": checks.Warning,
		}},
		{"html-lang", checks.HTMLLang, map[string]checks.Severity{
			"<html> has xml:lang": checks.Info,
			"<html> has no lang":  checks.Warning,
			"<html> has an empty": checks.Warning,
			"lang \"qq-US\"":      checks.Warning,
			"lang \"english\"":    checks.Warning,
			"lang \"en_US\"":      checks.Warning,
			"xml:lang \"en\"":     checks.Warning,
		}},
		{"image-alt", checks.ImageAlt, map[string]checks.Severity{
			"image has no alt attribute": checks.Warning,
			"link has no name":           checks.Warning,
			"alt text is":                checks.Info,
		}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			seen := map[string]bool{}
			for _, f := range checktest.CheckFolder(t, "../testdata/checks/"+c.dir, c.rule) {
				matched := false
				for prefix, sev := range c.want {
					if strings.HasPrefix(f.Message, prefix) {
						matched, seen[prefix] = true, true
						if f.Severity != sev {
							t.Errorf("%s:%d: %q is %s, want %s", f.File, f.Line, f.Message, f.Severity, sev)
						}
					}
				}
				if !matched {
					t.Errorf("%s:%d: message %q has no expected severity", f.File, f.Line, f.Message)
				}
			}
			for prefix := range c.want {
				if !seen[prefix] {
					t.Errorf("no finding starts with %q", prefix)
				}
			}
		})
	}
}

// TestSEOLengthOptions checks that the length bands follow the config.
func TestSEOLengthOptions(t *testing.T) {
	run := func(dir string, rule *checks.Check, opts map[string]any) []checks.Finding {
		t.Helper()
		folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		cfg := checks.Config{Rules: map[string]checks.RuleConfig{rule.ID: {Options: opts}}}
		if err := cfg.Validate([]*checks.Check{rule}); err != nil {
			t.Fatal(err)
		}
		runner := checks.NewRunner(site, []*checks.Check{rule}, checktest.Now).WithConfig(cfg)
		if _, err := folder.Run(context.Background(), runner.Page); err != nil {
			t.Fatal(err)
		}
		fs, err := runner.Finish()
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	// Widening both bands silences every title-length fixture.
	if fs := run("../testdata/checks/title-length", checks.TitleLength, map[string]any{"min-chars": 1, "max-chars": 200}); len(fs) != 0 {
		t.Errorf("title-length with 1..200: got %d findings, want none: %v", len(fs), fs)
	}
	// A 20-character maximum reports the 50-character title as long, naming the limit.
	fs := run("../testdata/checks/title-length", checks.TitleLength, map[string]any{"max-chars": 20})
	found := false
	for _, f := range fs {
		if f.File == "quiet-good-length.html" {
			found = strings.Contains(f.Message, "title is 50 characters, above the 20-character limit")
		}
	}
	if !found {
		t.Errorf("title-length max-chars 20: no finding on quiet-good-length.html naming the limit: %v", fs)
	}
	fs = run("../testdata/checks/meta-description-length", checks.MetaDescriptionLength, map[string]any{"min-chars": 10, "max-chars": 300})
	if len(fs) != 0 {
		t.Errorf("meta-description-length with 10..300: got %v, want none", fs)
	}
}

// TestOpenGraphRequire checks the option that reports pages with no Open Graph tags.
func TestOpenGraphRequire(t *testing.T) {
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{"../testdata/checks/open-graph"}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.Config{Rules: map[string]checks.RuleConfig{"open-graph": {Options: map[string]any{"require": true}}}}
	runner := checks.NewRunner(site, []*checks.Check{checks.OpenGraph}, checktest.Now).WithConfig(cfg)
	if _, err := folder.Run(context.Background(), runner.Page); err != nil {
		t.Fatal(err)
	}
	fs, err := runner.Finish()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range fs {
		if strings.HasPrefix(f.Message, "page has no Open Graph tags") {
			n++
			if f.File != "quiet-no-open-graph.html" {
				t.Errorf("%s: unexpected %q", f.File, f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("require: got %d pages without Open Graph, want 1", n)
	}
}
