package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// stateSite is a loopback site whose findings need the whole site: titles
// used twice, two pages with the same text, a fragment missing on another
// page, an orphan page only the sitemap lists, a broken image, a redirect,
// and a suppression of a site rule's finding. It counts the answers it
// served per method and path, and can cut the crawl at a given page: that
// request is not answered, and interrupt is called.
type stateSite struct {
	srv *httptest.Server

	mu        sync.Mutex
	served    map[string]int // "GET /p/3.html" -> answers written
	pageGets  int            // page requests seen, answered or not
	cutAt     int            // the page request (1-based) that interrupts; 0: none
	interrupt func()
}

const statePages = 14

func newStateSite(t *testing.T) *stateSite {
	t.Helper()
	s := &stateSite{served: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// lorem is text of a page: its own words, so pages are not near-duplicates
// unless they share a seed.
func lorem(seed int) string {
	words := []string{"river", "stone", "lantern", "orchard", "meadow", "harbor", "copper", "violet", "thunder", "willow", "ember", "glacier", "saffron", "falcon", "marble", "cedar"}
	var b strings.Builder
	for i := range 160 {
		b.WriteString(words[(i*(seed+3)+seed*7+i/5)%len(words)])
		fmt.Fprintf(&b, "%d ", (i+seed*13)%97)
	}
	return b.String()
}

func (s *stateSite) page(path string) (string, bool) {
	head := func(title string) string {
		return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title +
			`</title><meta name="description" content="A page of the state test site, long enough to be a fair description of it."></head><body>`
	}
	switch path {
	case "/":
		var b strings.Builder
		b.WriteString(head("Home"))
		b.WriteString("<h1>Home</h1>\n<img src=\"/img/logo.png\" alt=\"logo\">\n<img src=\"/img/missing.png\" alt=\"gone\">\n")
		// The home page is read first, before any interrupt: its
		// suppressions of a page rule's finding (image-alt) and of a site
		// rule's (broken-link) must hold after the resume, and count as used.
		b.WriteString("<p data-pagelint-ignore=\"image-alt\"><img src=\"/img/logo.png\"></p>\n")
		b.WriteString("<p data-pagelint-ignore=\"broken-link\"><img src=\"/img/also-missing.png\" alt=\"gone too\"></p>\n")
		b.WriteString(`<main><p>` + lorem(100) + `</p><ul>`)
		for i := 1; i <= statePages; i++ {
			fmt.Fprintf(&b, `<li><a href="/p/%d.html">Page %d</a></li>`, i, i)
		}
		b.WriteString(`</ul></main></body></html>`)
		return b.String(), true
	case "/orphan.html":
		return head("Orphan") + `<h1>Orphan</h1><main><p>` + lorem(200) + `</p></main></body></html>`, true
	}
	var n int
	if _, err := fmt.Sscanf(path, "/p/%d.html", &n); err != nil || n < 1 || n > statePages {
		return "", false
	}
	title, seed := fmt.Sprintf("Page %d", n), n
	switch n {
	case 3, 4:
		title = "A title used twice" // title-duplicate
	case 5, 6:
		seed = 5 // duplicate-content
	}
	var b strings.Builder
	if n == 4 {
		// The same title again, silenced here: a site rule's finding on a
		// page read before the interrupt must stay silenced after it.
		b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><!-- pagelint-disable title-duplicate --><title>A title used twice</title><!-- pagelint-enable title-duplicate --><meta name="description" content="A page of the state test site, long enough to be a fair description of it."></head><body>`)
	} else {
		b.WriteString(head(title))
	}
	fmt.Fprintf(&b, `<h1>Page %d</h1><main><p>%s</p>`, n, lorem(seed))
	fmt.Fprintf(&b, `<p><a href="/">Home</a> <a href="/p/%d.html">next</a> <img src="/img/logo.png" alt="logo"></p>`, n%statePages+1)
	switch n {
	case 2:
		b.WriteString(`<p><a href="/p/11.html#no-such-part">a part that is not there</a></p>`) // broken fragment
	case 7:
		b.WriteString(`<p><a href="/gone.html">gone</a> <a href="/old.html">moved</a></p>`)
	case 12:
		b.WriteString(`<p id="part"><a href="/p/2.html#part">a part of page 2 that is not there</a></p>`)
	}
	b.WriteString(`</main></body></html>`)
	return b.String(), true
}

func (s *stateSite) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	switch r.URL.Path {
	case "/robots.txt":
		s.count(key)
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", s.srv.URL)
		return
	case "/sitemap.xml":
		s.count(key)
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/</loc></url><url><loc>%[1]s/orphan.html</loc></url></urlset>`, s.srv.URL)
		return
	case "/img/logo.png":
		s.count(key)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
		return
	case "/old.html":
		s.count(key)
		http.Redirect(w, r, "/p/1.html", http.StatusMovedPermanently)
		return
	}
	body, ok := s.page(r.URL.Path)
	if !ok {
		s.count(key)
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.pageGets++
	cut := s.cutAt > 0 && s.pageGets == s.cutAt
	s.mu.Unlock()
	if cut {
		// Stop the crawl here and never answer: this page is read by the
		// resumed run, once. The home page's images are answered first, so
		// that the kept link results are most likely not empty.
		for range 500 {
			s.mu.Lock()
			imgs := s.served["HEAD /img/logo.png"] > 0 && s.served["GET /img/missing.png"] > 0 && s.served["GET /img/also-missing.png"] > 0
			s.mu.Unlock()
			if imgs {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		s.interrupt()
		<-r.Context().Done()
		return
	}
	s.count(key)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

func (s *stateSite) count(key string) {
	s.mu.Lock()
	s.served[key]++
	s.mu.Unlock()
}

// reset forgets the counts and sets the next cut.
func (s *stateSite) reset(cutAt int, interrupt func()) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.served
	s.served, s.pageGets, s.cutAt, s.interrupt = map[string]int{}, 0, cutAt, interrupt
	return old
}

// stateReport is what the comparison reads of a JSON report.
type stateReport struct {
	Pages    int               `json:"pages"`
	Complete bool              `json:"complete"`
	Notices  []string          `json:"notices"`
	Findings []json.RawMessage `json:"findings"`
}

func readStateReport(t *testing.T, path string) stateReport {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r stateReport
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// stateCrawlArgs are the flags of every crawl of the state tests: one
// request at a time, a fixed date, no config file.
func stateCrawlArgs(url, out string, extra ...string) []string {
	args := []string{"crawl", url + "/", "--skip-external", "-q", "--concurrency", "1", "--now", "2026-01-15",
		"--config", os.DevNull, "--fail-on", "never", "--report-unused-suppressions", "--format", "json", "-o", out}
	return append(args, extra...)
}

// runInterruptible runs the CLI in-process with a context that cancel
// ends, as the first SIGINT would, and returns run's exit code.
func runInterruptible(ctx context.Context, args []string) (int, string) {
	var out, errOut bytes.Buffer
	caught := func() os.Signal {
		if ctx.Err() != nil {
			return os.Interrupt
		}
		return nil
	}
	root := newRootCmd(ctx, caught, &out, &errOut)
	root.SetArgs(args)
	err := root.Execute()
	var intr interruptedError
	switch {
	case err == nil:
		return 0, errOut.String()
	case errors.Is(err, errFailOn):
		return 1, errOut.String()
	case errors.As(err, &intr):
		return 130, errOut.String()
	}
	return 2, errOut.String() + err.Error()
}

// storedLinks lists the link results a crawl state holds.
func storedLinks(t *testing.T, dir string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "crawl.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT url FROM fetches WHERE link = 1 ORDER BY url")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

// isPageGet tells the requests for pages among the counts of a stateSite.
func isPageGet(key string) bool {
	return key == "GET /" || strings.HasPrefix(key, "GET /") && strings.HasSuffix(key, ".html")
}

// checkResumed compares a crawl stopped once and resumed with an
// uninterrupted one: the two runs together asked for each page exactly as
// often as the uninterrupted one did (so none twice: /p/1.html is asked
// twice by every crawl, once through the redirect of /old.html), the link
// results kept by the first run were not asked again, and the report is
// the same.
// kept is the link results the first run stored (read before the resume:
// what the resumed run stores itself does not count).
func checkResumed(t *testing.T, site *stateSite, full stateReport, fullServed, first, second map[string]int, kept []string, resumed stateReport) {
	t.Helper()
	for key, n := range fullServed {
		if isPageGet(key) && first[key]+second[key] != n {
			t.Errorf("%s answered %d time(s) before the interrupt and %d after, %d in an uninterrupted crawl", key, first[key], second[key], n)
		}
	}
	for _, target := range kept {
		path := strings.TrimPrefix(target, site.srv.URL)
		for _, m := range []string{"HEAD ", "GET "} {
			if n := second[m+path]; n > 0 {
				t.Errorf("%s%s was asked again after resuming (%d time(s)), though its result was kept", m, path, n)
			}
		}
	}
	if second["GET /robots.txt"]+second["GET /sitemap.xml"] > 0 {
		t.Errorf("the resumed run read robots.txt or the sitemap again: %v", second)
	}
	if resumed.Pages != full.Pages || !resumed.Complete {
		t.Errorf("resumed report: %d pages, complete %v; uninterrupted: %d pages", resumed.Pages, resumed.Complete, full.Pages)
	}
	if !reflect.DeepEqual(resumed.Findings, full.Findings) {
		t.Errorf("findings differ from an uninterrupted crawl (+ only after the resume, - only without interrupt):\n%s", diffFindings(resumed.Findings, full.Findings))
	}
}

// diffFindings lists the findings of got that want lacks (+) and the
// reverse (-), one compact line each.
func diffFindings(got, want []json.RawMessage) string {
	compact := func(fs []json.RawMessage) []string {
		var out []string
		for _, f := range fs {
			var b bytes.Buffer
			_ = json.Compact(&b, f)
			out = append(out, b.String())
		}
		return out
	}
	g, w := compact(got), compact(want)
	var lines []string
	for _, f := range g {
		if !slices.Contains(w, f) {
			lines = append(lines, "+ "+f)
		}
	}
	for _, f := range w {
		if !slices.Contains(g, f) {
			lines = append(lines, "- "+f)
		}
	}
	return strings.Join(lines, "\n")
}

// uninterrupted crawls the site once without a state and checks that the
// report has what the resume must reproduce.
func uninterrupted(t *testing.T, site *stateSite, dir string) (stateReport, map[string]int) {
	t.Helper()
	site.reset(0, nil)
	out := filepath.Join(dir, "full.json")
	if code, stderr := runInterruptible(context.Background(), stateCrawlArgs(site.srv.URL, out)); code != 0 {
		t.Fatalf("uninterrupted crawl: exit %d: %s", code, stderr)
	}
	full := readStateReport(t, out)
	var rules []string
	for _, f := range full.Findings {
		var x struct{ Rule string }
		_ = json.Unmarshal(f, &x)
		rules = append(rules, x.Rule)
	}
	for _, want := range []string{"title-duplicate", "duplicate-content", "broken-link", "orphan-page"} {
		if !slices.Contains(rules, want) {
			t.Fatalf("the uninterrupted crawl has no %s finding, so the test proves nothing about it: %v", want, rules)
		}
	}
	if !full.Complete || full.Pages != statePages+2 {
		t.Fatalf("uninterrupted crawl: %d pages, complete %v", full.Pages, full.Complete)
	}
	return full, site.reset(0, nil)
}

// TestCrawlStateResume stops a crawl kept with --state in the middle (the
// context is cancelled, as by the first Ctrl-C, at the 7th page request),
// resumes it with --resume, and compares with an uninterrupted crawl: no
// page answered twice, link results kept not asked again, and the same
// findings, site rules included, with a suppression on a page read before
// the stop still obeyed.
func TestCrawlStateResume(t *testing.T) {
	site := newStateSite(t)
	dir := t.TempDir()
	full, fullServed := uninterrupted(t, site, dir)

	state := filepath.Join(dir, "state")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site.reset(7, cancel)
	code, stderr := runInterruptible(ctx, stateCrawlArgs(site.srv.URL, filepath.Join(dir, "part.json"), "--state", state))
	if code != 130 {
		t.Fatalf("interrupted crawl: exit %d, want 130: %s", code, stderr)
	}
	part := readStateReport(t, filepath.Join(dir, "part.json"))
	if part.Complete || part.Pages >= full.Pages || !slices.ContainsFunc(part.Notices, func(n string) bool { return strings.Contains(n, "--resume") }) {
		t.Fatalf("interrupted report: %d pages, complete %v, notices %q", part.Pages, part.Complete, part.Notices)
	}
	// Whether the link checks finished before the interrupt is a race the
	// crawler tests settle (TestStateResumeFetchesNothingTwice); here the
	// results kept must not be asked again, and those not kept must be.
	kept := storedLinks(t, state)
	t.Logf("interrupted after %d pages; link results kept: %v", part.Pages, kept)

	first := site.reset(0, nil)
	out := filepath.Join(dir, "resumed.json")
	if code, stderr := runInterruptible(context.Background(), stateCrawlArgs(site.srv.URL, out, "--state", state, "--resume")); code != 0 {
		t.Fatalf("resumed crawl: exit %d: %s", code, stderr)
	}
	second := site.reset(0, nil)
	checkResumed(t, site, full, fullServed, first, second, kept, readStateReport(t, out))

	// A finished crawl resumed again reads nothing and reports the same.
	again := filepath.Join(dir, "again.json")
	if code, stderr := runInterruptible(context.Background(), stateCrawlArgs(site.srv.URL, again, "--state", state, "--resume")); code != 0 {
		t.Fatalf("second resume: exit %d: %s", code, stderr)
	}
	if third := site.reset(0, nil); len(third) != 0 {
		t.Errorf("resuming a finished crawl made requests: %v", third)
	}
	if r := readStateReport(t, again); !reflect.DeepEqual(r.Findings, full.Findings) {
		t.Errorf("resuming a finished crawl changed the findings:\n%s", diffFindings(r.Findings, full.Findings))
	}
}

// TestCrawlStateProcess is the same with the real process: a real SIGINT
// (exit 130) or SIGTERM (143), then a resume with the built binary, which
// must meet every check of TestCrawlStateResume; and SIGKILL, after which the state left
// must resume to the same findings. A killed crawl reads again the pages
// answered but not yet stored when it died: at most those handed to
// colly, 2 x --concurrency + 2.
func TestCrawlStateProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildPagelint(t)
	for _, tc := range []struct {
		sig   syscall.Signal
		cutAt int
		code  int // -1: killed
		again int // page requests more than an uninterrupted crawl allowed
	}{{syscall.SIGINT, 6, 130, 0}, {syscall.SIGTERM, 9, 143, 0}, {syscall.SIGKILL, 8, -1, 4}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			site := newStateSite(t)
			dir := t.TempDir()
			full, fullServed := uninterrupted(t, site, dir)
			state := filepath.Join(dir, "state")
			cmd := exec.Command(bin, stateCrawlArgs(site.srv.URL, filepath.Join(dir, "part.json"), "--state", state)...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			site.reset(tc.cutAt, func() { _ = cmd.Process.Signal(tc.sig) })
			if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != tc.code {
				t.Fatalf("interrupted crawl: %v, want exit %d: %s", err, tc.code, stderr.String())
			}
			first := site.reset(0, nil)
			kept := storedLinks(t, state)
			out := filepath.Join(dir, "resumed.json")
			if msg, err := exec.Command(bin, stateCrawlArgs(site.srv.URL, out, "--state", state, "--resume")...).CombinedOutput(); err != nil {
				t.Fatalf("resumed crawl: %v: %s", err, msg)
			}
			second := site.reset(0, nil)
			resumed := readStateReport(t, out)
			if tc.again == 0 {
				checkResumed(t, site, full, fullServed, first, second, kept, resumed)
				return
			}
			more := 0
			for key, n := range fullServed {
				if isPageGet(key) {
					more += first[key] + second[key] - n
				}
			}
			if more > tc.again {
				t.Errorf("%d page request(s) more than an uninterrupted crawl; at most %d may be read again: %v then %v", more, tc.again, first, second)
			}
			if !reflect.DeepEqual(resumed.Findings, full.Findings) || resumed.Pages != full.Pages {
				t.Errorf("findings after a kill and a resume differ from an uninterrupted crawl:\n%s", diffFindings(resumed.Findings, full.Findings))
			}
		})
	}
}

// TestCrawlStateErrors: every misuse of --state is one line naming the
// folder, exit 2, before any page is read.
func TestCrawlStateErrors(t *testing.T) {
	site := newStateSite(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	corrupt := filepath.Join(dir, "corrupt")
	if err := os.MkdirAll(corrupt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corrupt, "crawl.db"), bytes.Repeat([]byte("not a database "), 400), 0o644); err != nil {
		t.Fatal(err)
	}
	done := filepath.Join(dir, "done")
	out := filepath.Join(dir, "out.json")
	if code, stderr := runInterruptible(context.Background(), stateCrawlArgs(site.srv.URL, out, "--state", done)); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }))
	defer other.Close()
	site.reset(0, nil)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"resume without state", []string{"--resume"}, "--resume needs --state"},
		{"state is a file", []string{"--state", file}, file + ": not a folder"},
		{"state under a file", []string{"--state", filepath.Join(file, "sub")}, filepath.Join(file, "sub")},
		{"corrupt state", []string{"--state", corrupt, "--resume"}, corrupt},
		{"corrupt state, new crawl", []string{"--state", corrupt}, "not a pagelint crawl state"},
		{"resume with no state", []string{"--state", filepath.Join(dir, "empty"), "--resume"}, "no crawl to resume"},
		{"existing state without --resume", []string{"--state", done}, "already holds a finished crawl"},
		{"other settings", []string{"--state", done, "--resume", "--max-depth", "3"}, "--max-depth -1 then, 3 now"},
		{"other rules", []string{"--state", done, "--resume", "--disable", "orphan-page"}, "rules and config"},
		{"other date", []string{"--state", done, "--resume", "--now", "2027-01-01"}, "--now"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := pagelint(t, stateCrawlArgs(site.srv.URL, out, c.args...)...)
			if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", code, stderr, c.want)
			}
		})
	}
	t.Run("other start URL", func(t *testing.T) {
		code, _, stderr := pagelint(t, stateCrawlArgs(other.URL, out, "--state", done, "--resume")...)
		if code != 2 || !strings.Contains(stderr, done) || !strings.Contains(stderr, site.srv.URL) {
			t.Errorf("exit %d, stderr %q; want exit 2 naming the folder and the crawl it holds", code, stderr)
		}
	})
	if served := site.reset(0, nil); len(served) != 0 {
		t.Errorf("a refused run made requests: %v", served)
	}
}

// TestCrawlStateResumeWithoutNow: a crawl run without --now resumes with
// its first run's date, as docs/state.md says; the second run must not be
// refused for a date that differs only because time went by.
func TestCrawlStateResumeWithoutNow(t *testing.T) {
	site := newStateSite(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "state")
	withoutNow := func(out string, extra ...string) []string {
		args := stateCrawlArgs(site.srv.URL, out, extra...)
		i := slices.Index(args, "--now")
		return slices.Delete(args, i, i+2)
	}
	site.reset(0, nil)
	ctx, cancel := context.WithCancel(context.Background())
	site.reset(5, cancel)
	if code, stderr := runInterruptible(ctx, withoutNow(filepath.Join(dir, "part.json"), "--state", state)); code != 130 {
		t.Fatalf("interrupted crawl: exit %d, want 130: %s", code, stderr)
	}
	site.reset(0, nil)
	time.Sleep(10 * time.Millisecond) // the clock must have moved on
	out := filepath.Join(dir, "resumed.json")
	if code, stderr := runInterruptible(context.Background(), withoutNow(out, "--state", state, "--resume")); code != 0 {
		t.Fatalf("resumed crawl without --now: exit %d: %s", code, stderr)
	}
	if r := readStateReport(t, out); !r.Complete || r.Pages != statePages+2 {
		t.Errorf("resumed report: %d pages, complete %v; want %d, complete", r.Pages, r.Complete, statePages+2)
	}
}
