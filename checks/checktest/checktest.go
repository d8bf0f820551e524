// Package checktest runs rules over fixture sites whose pages carry their
// expectations inside them, in the manner of go/analysis's analysistest:
//
//	<a href="/gone/">x</a> <!-- want: broken-link "HTTP 404" -->
//	<!-- want+1: truncated-excerpt -->   (aims at the next line)
//
// Every finding of the rules under test must be wanted on its file and line,
// and every want must be met. A top-level .html file in the fixture folder is
// a one-page site; a subfolder is a multi-page site. Each fixture runs in
// check mode (files on disk) and in crawl mode (served on loopback).
//
// Only _test.go files import this package.
package checktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
)

// Now is the fixed reference time of every fixture run, so date rules are
// reproducible.
var Now = time.Date(2026, time.June, 15, 12, 0, 0, 0, time.UTC)

// Run checks every fixture under dir with the given rules, in both modes.
func Run(t *testing.T, dir string, rules ...*checks.Check) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read fixtures: %v", err)
	}
	ran := 0
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dir, name)
		switch {
		case e.IsDir():
		case strings.HasSuffix(name, ".html"):
		default:
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) {
			site, start := full, ""
			if !e.IsDir() {
				site, start = t.TempDir(), name
				copyFile(t, full, filepath.Join(site, name))
			}
			runBothModes(t, site, start, rules)
		})
	}
	if ran == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}

// RunSite checks one multi-page site folder with the given rules, in both
// modes, crawling from its root.
func RunSite(t *testing.T, dir string, rules ...*checks.Check) {
	t.Helper()
	runBothModes(t, dir, "", rules)
}

// runBothModes runs the rules over site in every mode they declare and
// compares the findings with the wants of its pages.
func runBothModes(t *testing.T, site, start string, rules []*checks.Check) {
	t.Helper()
	wants := readWants(t, site)
	for _, mode := range []page.Mode{page.ModeCheck, page.ModeCrawl} {
		if !runsIn(rules, mode) {
			continue
		}
		t.Run(string(mode), func(t *testing.T) {
			var got []checks.Finding
			if mode == page.ModeCheck {
				got = CheckFolder(t, site, rules...)
			} else {
				got = CrawlFolder(t, site, start, rules...)
			}
			Compare(t, rules, wants, got)
		})
	}
}

func runsIn(rules []*checks.Check, m page.Mode) bool {
	for _, r := range rules {
		if r.RunsIn(m) {
			return true
		}
	}
	return false
}

// CheckFolder runs rules over a folder as `pagelint check` does.
func CheckFolder(t *testing.T, dir string, rules ...*checks.Check) []checks.Finding {
	t.Helper()
	folder, site, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatalf("check %s: %v", dir, err)
	}
	runner := checks.NewRunner(site, rules, Now)
	if _, err := folder.Run(context.Background(), runner.Page); err != nil {
		t.Fatalf("check %s: %v", dir, err)
	}
	fs, err := runner.Finish()
	if err != nil {
		t.Fatalf("rules failed: %v", err)
	}
	return fs
}

// CrawlFolder serves dir on loopback and crawls it from start (a path
// relative to dir, "" for the root) as `pagelint crawl` does.
func CrawlFolder(t *testing.T, dir, start string, rules ...*checks.Check) []checks.Finding {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	c, site, err := crawler.NewCrawler(crawler.CrawlOptions{
		Start:        srv.URL + "/" + start,
		MaxDepth:     -1,
		SkipExternal: true,
		Concurrency:  4,
		Timeout:      10 * time.Second,
		UserAgent:    "pagelint-test",
	})
	if err != nil {
		t.Fatalf("crawl %s: %v", dir, err)
	}
	runner := checks.NewRunner(site, rules, Now)
	if _, err := c.Run(context.Background(), runner.Page); err != nil {
		t.Fatalf("crawl %s: %v", dir, err)
	}
	fs, err := runner.Finish()
	if err != nil {
		t.Fatalf("rules failed: %v", err)
	}
	// Name findings by file, as check mode does, so one set of wants serves both.
	for i := range fs {
		fs[i].File = FileOfPath(dir, fs[i].Path)
	}
	return fs
}

// FileOfPath maps a site path back to the file a static server served it from.
func FileOfPath(dir, sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil && st.IsDir() {
		return path.Join(p, "index.html")
	}
	return p
}

// A Want is one expected finding, read from a fixture comment.
type Want struct {
	File string
	Line int
	Rule string
	Re   *regexp.Regexp // on the message; nil matches any
	met  bool
}

// WantSyntax says which comments hold wants. The zero value reads the
// plain `<!-- want: RULE "re" -->` comments of .html files.
type WantSyntax struct {
	Keywords []string // comment keywords, e.g. "want", "want-https"; default "want"
	Exts     []string // file extensions read; default ".html"
	Hash     bool     // also read `# want: RULE` lines (robots.txt)
}

func (s WantSyntax) regexp() *regexp.Regexp {
	keywords := s.Keywords
	if len(keywords) == 0 {
		keywords = []string{"want"}
	}
	alts := make([]string, len(keywords))
	for i, k := range keywords {
		alts[i] = regexp.QuoteMeta(k)
	}
	open, end := `<!--`, `-->`
	if s.Hash {
		open, end = `(?:<!--|#)`, `(?:-->)?`
	}
	return regexp.MustCompile(open + `\s*(?:` + strings.Join(alts, "|") + `)(\+\d+)?:\s*([a-z0-9-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*` + end)
}

// readWants collects the want comments of every HTML file under dir.
func readWants(t *testing.T, dir string) []*Want {
	t.Helper()
	return ReadWants(t, dir, WantSyntax{})
}

// ReadWants collects the want comments of the files under dir that syntax
// names. `want+N:` aims N lines below the comment.
func ReadWants(t *testing.T, dir string, syntax WantSyntax) []*Want {
	t.Helper()
	re := syntax.regexp()
	exts := syntax.Exts
	if len(exts) == 0 {
		exts = []string{".html"}
	}
	var wants []*Want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(exts, path.Ext(p)) {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for i, line := range strings.Split(string(raw), "\n") {
			for _, m := range re.FindAllStringSubmatch(line, -1) {
				w := &Want{File: filepath.ToSlash(rel), Line: i + 1, Rule: m[2]}
				if m[1] != "" {
					off, err := strconv.Atoi(m[1][1:])
					if err != nil {
						t.Fatalf("%s:%d: bad want offset %q", rel, i+1, m[1])
					}
					w.Line += off
				}
				if m[3] != "" {
					re, err := regexp.Compile(strings.ReplaceAll(m[3], `\"`, `"`))
					if err != nil {
						t.Fatalf("%s:%d: bad want regexp: %v", rel, i+1, err)
					}
					w.Re = re
				}
				wants = append(wants, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read wants: %v", err)
	}
	return wants
}

// Compare matches the findings of the rules under test against the wants:
// every finding must be wanted on its file and line, every want met.
func Compare(t *testing.T, rules []*checks.Check, wants []*Want, got []checks.Finding) {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.ID] = true
	}
	for _, w := range wants {
		w.met = false
	}
	var unexpected []string
	for _, f := range got {
		if !ids[f.Rule] {
			continue
		}
		line := max(f.Line, 1)
		idx := slices.IndexFunc(wants, func(w *Want) bool {
			return !w.met && w.File == f.File && w.Line == line && w.Rule == f.Rule &&
				(w.Re == nil || w.Re.MatchString(f.Message))
		})
		if idx < 0 {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d: unexpected %s (%s): %s", f.File, line, f.Rule, f.Severity, f.Message))
			continue
		}
		wants[idx].met = true
	}
	for _, u := range unexpected {
		t.Error(u)
	}
	for _, w := range wants {
		if !w.met && ids[w.Rule] {
			re := ""
			if w.Re != nil {
				re = fmt.Sprintf(" matching %q", w.Re)
			}
			t.Errorf("%s:%d: missing %s finding%s", w.File, w.Line, w.Rule, re)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}
