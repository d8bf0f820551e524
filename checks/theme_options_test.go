package checks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
)

// runWithOptions checks one page with one rule whose options are set as a
// config file would set them.
func runWithOptions(t *testing.T, rule *checks.Check, options map[string]any, files map[string]string) []checks.Finding {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.Config{Rules: map[string]checks.RuleConfig{rule.ID: {Options: options}}}
	if err := cfg.Validate([]*checks.Check{rule}); err != nil {
		t.Fatal(err)
	}
	r := checks.NewRunner(site, []*checks.Check{rule}, checktest.Now).WithConfig(cfg)
	if _, err := folder.Run(t.Context(), r.Page); err != nil {
		t.Fatal(err)
	}
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestDuplicateNavMinLinks(t *testing.T) {
	nav := `<nav class="menu"><a href="/a/">A</a> <a href="/b/">B</a> <a href="/c/">C</a> <a href="/d/">D</a></nav>`
	page := map[string]string{"index.html": "<!doctype html><body>" + nav + nav + "</body>"}
	if n := len(runWithOptions(t, checks.DuplicateNav, nil, page)); n != 1 {
		t.Errorf("default min-links: %d findings, want 1", n)
	}
	if n := len(runWithOptions(t, checks.DuplicateNav, map[string]any{"min-links": 5}, page)); n != 0 {
		t.Errorf("min-links 5 on a 4-link menu: %d findings, want 0", n)
	}
}

func TestTruncatedExcerptExtraSelectors(t *testing.T) {
	files := map[string]string{
		"index.html": `<!doctype html><body><main><div class="tile"><h3><a href="/post/">Post</a></h3>
<div class="tile-blurb">Setting boundaries at work protects the time and atten</div></div></main></body>`,
		"post/index.html": `<!doctype html><body><main><article><div class="entry-content"><p>Setting boundaries at work protects the time and attention your relationship needs, one evening at a time.</p></div></article></main></body>`,
	}
	if n := len(runWithOptions(t, checks.TruncatedExcerpt, nil, files)); n != 0 {
		t.Errorf("an unknown theme class is not an excerpt by default: %d findings", n)
	}
	fs := runWithOptions(t, checks.TruncatedExcerpt, map[string]any{"extra-selectors": []string{".tile-blurb"}}, files)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "mid-word") {
		t.Errorf("with extra-selectors: %+v, want one mid-word finding", fs)
	}
}

func TestMissingReviewDateExtraLabels(t *testing.T) {
	page := map[string]string{"index.html": `<!doctype html><body><main><article><h1>Sleep and mood</h1>
<p class="byline">Checked by <a href="/team/dana/">Dana Whitfield</a> · Updated on June 3, 2025</p>
<p>Text of the article, long enough to be one.</p></article></main></body>`}
	if n := len(runWithOptions(t, checks.MissingReviewDate, nil, page)); n != 0 {
		t.Errorf("\"Checked by\" is not a built-in label: %d findings", n)
	}
	fs := runWithOptions(t, checks.MissingReviewDate, map[string]any{"extra-labels": []string{"Checked by"}}, page)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "Dana Whitfield") {
		t.Errorf("with extra-labels: %+v, want one finding naming the reviewer", fs)
	}
}

func TestTruncatedExcerptBadSelectorIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.Config{Rules: map[string]checks.RuleConfig{"truncated-excerpt": {Options: map[string]any{"extra-selectors": []string{"div[[bad"}}}}}
	r := checks.NewRunner(site, []*checks.Check{checks.TruncatedExcerpt}, checktest.Now).WithConfig(cfg)
	if _, err := folder.Run(t.Context(), r.Page); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Finish(); err == nil || !strings.Contains(err.Error(), "div[[bad") {
		t.Errorf("a bad selector gave %v, want an error naming it", err)
	}
}
