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
			compare(t, rules, wants, got)
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
		fs[i].File = fileOfPath(dir, fs[i].Path)
	}
	return fs
}

// fileOfPath maps a site path back to the file a static server served it from.
func fileOfPath(dir, sitePath string) string {
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

type want struct {
	file string
	line int
	rule string
	re   *regexp.Regexp
	met  bool
}

var wantRe = regexp.MustCompile(`<!--\s*want(\+\d+)?:\s*([a-z0-9-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*-->`)

// readWants collects the want comments of every HTML file under dir.
func readWants(t *testing.T, dir string) []*want {
	t.Helper()
	var wants []*want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for i, line := range strings.Split(string(raw), "\n") {
			for _, m := range wantRe.FindAllStringSubmatch(line, -1) {
				w := &want{file: filepath.ToSlash(rel), line: i + 1, rule: m[2]}
				if m[1] != "" {
					off, err := strconv.Atoi(m[1][1:])
					if err != nil {
						t.Fatalf("%s:%d: bad want offset %q", rel, i+1, m[1])
					}
					w.line += off
				}
				if m[3] != "" {
					re, err := regexp.Compile(strings.ReplaceAll(m[3], `\"`, `"`))
					if err != nil {
						t.Fatalf("%s:%d: bad want regexp: %v", rel, i+1, err)
					}
					w.re = re
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

// compare matches findings of the rules under test against the wants.
func compare(t *testing.T, rules []*checks.Check, wants []*want, got []checks.Finding) {
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
		idx := slices.IndexFunc(wants, func(w *want) bool {
			return !w.met && w.file == f.File && w.line == line && w.rule == f.Rule &&
				(w.re == nil || w.re.MatchString(f.Message))
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
		if !w.met && ids[w.rule] {
			re := ""
			if w.re != nil {
				re = fmt.Sprintf(" matching %q", w.re)
			}
			t.Errorf("%s:%d: missing %s finding%s", w.file, w.line, w.rule, re)
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
