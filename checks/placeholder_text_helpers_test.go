package checks_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/page"
)

// leftoverSeverities checks one-page fixtures of dir in check mode and
// compares the severity of each finding, by file:line, with want; every
// finding of those files must be listed.
func leftoverSeverities(t *testing.T, rule *checks.Check, dir string, want map[string]checks.Severity) {
	t.Helper()
	files := map[string]bool{}
	for at := range want {
		file, _, _ := cutLast(at, ":")
		files[file] = true
	}
	for file := range files {
		root := t.TempDir()
		raw, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, file), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range checktest.CheckFolder(t, root, rule) {
			at := fmt.Sprintf("%s:%d", f.File, f.Line)
			sev, ok := want[at]
			switch {
			case !ok:
				t.Errorf("%s: unexpected finding %q", at, f.Message)
			case f.Severity != sev:
				t.Errorf("%s: severity %v, want %v (%s)", at, f.Severity, sev, f.Message)
			}
		}
	}
}

func cutLast(s, sep string) (string, string, bool) {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// leftoverRunPage runs one rule over one document with a config.
func leftoverRunPage(t *testing.T, rule *checks.Check, cfg checks.Config, doc string) []checks.Finding {
	t.Helper()
	root, _ := url.Parse("https://example.org/")
	site := page.NewSite(root, page.ModeCrawl, true)
	r := checks.NewRunner(site, []*checks.Check{rule}, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)).WithConfig(cfg)
	pg, err := page.Parse(root, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	pg.Path = "/"
	r.Page(pg)
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}
