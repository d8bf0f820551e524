package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestTruncatedExcerpt(t *testing.T) {
	checktest.Run(t, "../testdata/checks/truncated-excerpt", checks.TruncatedExcerpt)
}

// The fixtures' wants do not say a severity; rules-research §2 does: a
// mid-sentence cut is info on a teaser card and a warning in a description;
// lost letters, mid-word cuts and broken references are warnings; a glued
// ellipsis at a round length, with no article to compare, is info.
func TestTruncatedExcerptSeverities(t *testing.T) {
	const dir = "../testdata/checks/truncated-excerpt/"
	sites := map[string]map[string]checks.Severity{
		"related": {
			"index.html:40":                    checks.Warning, // lost letter, and mid-sentence
			"index.html:56":                    checks.Info,    // mid-sentence on a card
			"blog/gut-feeling/index.html:12":   checks.Warning, // twitter:description lost its letter
			"blog/gut-feeling/index.html:53":   checks.Warning, // mid-word on a card
			"blog/gut-feeling/index.html:60":   checks.Info,    // mid-sentence on a card
			"blog/after-the-baby/index.html:6": checks.Warning, // mid-sentence in a description
		},
		"wordpress-classic": {
			"index.html:46": checks.Info,
		},
		"meta-descriptions.html": {
			"meta-descriptions.html:7": checks.Warning,
			"meta-descriptions.html:8": checks.Warning,
			"meta-descriptions.html:9": checks.Warning,
		},
		"cards-unknown-articles.html": {
			"cards-unknown-articles.html:16": checks.Info,
			"cards-unknown-articles.html:23": checks.Info,
			"cards-unknown-articles.html:30": checks.Info,
			"cards-unknown-articles.html:37": checks.Warning,
			"cards-unknown-articles.html:77": checks.Info,
		},
	}
	for site, want := range sites {
		t.Run(site, func(t *testing.T) {
			root := filepath.Join(dir, site)
			if filepath.Ext(site) == ".html" {
				root = t.TempDir()
				raw, err := os.ReadFile(filepath.Join(dir, site))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, site), raw, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string]checks.Severity{}
			for _, f := range checktest.CheckFolder(t, root, checks.TruncatedExcerpt) {
				got[fmt.Sprintf("%s:%d", f.File, f.Line)] = f.Severity
			}
			for at, sev := range want {
				if got[at] != sev {
					t.Errorf("%s: severity %v, want %v", at, got[at], sev)
				}
			}
			for at := range got {
				if _, ok := want[at]; !ok {
					t.Errorf("%s: unexpected finding", at)
				}
			}
		})
	}
}
