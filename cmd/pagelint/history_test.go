package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/diff"
	"github.com/pagelint/pagelint/history"
	"github.com/pagelint/pagelint/report"
)

// changingSite serves a small site whose pages the test rewrites between runs.
type changingSite struct {
	mu    sync.Mutex
	pages map[string]string
}

func (s *changingSite) set(path, links string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = `<!doctype html><html lang="en"><head><title>Page ` + path + `</title></head><body><main><h1>Page</h1>
<p>` + links + `</p></main></body></html>`
}

func (s *changingSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	body, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, body)
}

// diffJSON is the part of `pagelint diff --format json` the tests read.
type diffJSON struct {
	Summary map[string]int `json:"summary"`
	New     []struct {
		URL    string `json:"url"`
		Target string `json:"target"`
	} `json:"new"`
	Fixed []struct {
		URL    string `json:"url"`
		Target string `json:"target"`
	} `json:"fixed"`
}

func decodeDiff(t *testing.T, out string) diffJSON {
	t.Helper()
	var d diffJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("diff output is not JSON: %v\n%s", err, out)
	}
	return d
}

func historyWired() bool {
	d := &deps{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard, caught: func() os.Signal { return nil }}
	return newCrawlCmd(d).Flags().Lookup("history") != nil
}

// TestHistoryThreeRuns is the done-when: three crawls of a loopback
// site, a link broken and one fixed in between, give a history of three
// runs; diff FILE#-1 FILE#latest lists exactly the new and fixed findings;
// the html report shows them and a three-point trend.
func TestHistoryThreeRuns(t *testing.T) {
	if !historyWired() {
		t.Skip("crawl has no --history flag yet: recordHistory is not wired into lint()")
	}
	site := &changingSite{pages: map[string]string{}}
	srv := httptest.NewServer(site)
	defer srv.Close()
	h := &hook{}
	hookSrv := httptest.NewServer(h)
	defer hookSrv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	html := filepath.Join(dir, "site-health.html")
	crawl := func(n int) string {
		t.Helper()
		code, out, stderr := pagelint(t, "crawl", srv.URL+"/", "--only", "broken-link", "--history", db,
			"--report", "html="+html, "--quiet", "--notify-webhook", hookSrv.URL+"/hook")
		if code != 1 { // each run has a broken link: errors at the default --fail-on
			t.Fatalf("run %d: exit %d: %s", n, code, stderr)
		}
		return out
	}
	site.set("/", `<a href="/a.html">A</a> <a href="/b.html">B</a>`)
	site.set("/a.html", `<a href="/">Home</a>`)
	site.set("/b.html", `<a href="/gone.html">Gone</a>`)
	if out := crawl(1); !strings.Contains(out, "History: first run of this target") {
		t.Errorf("run 1 table does not say it is the first run:\n%s", out)
	}
	site.set("/a.html", `<a href="/">Home</a> <a href="/missing.html">Missing</a>`) // broken
	crawl(2)
	site.set("/b.html", `<a href="/">Home</a>`)                                                  // fixed
	site.set("/", `<a href="/a.html">A</a> <a href="/b.html">B</a> <a href="/old.html">Old</a>`) // broken
	if out := crawl(3); !strings.Contains(out, ": 1 new, 1 fixed, 1 persisting, 0 not checked\n") {
		t.Errorf("run 3 table does not end with the comparison:\n%s", out)
	}
	raw, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	// Every run had a new error: the first (no history yet), the broken
	// link, the other broken link.
	h.mu.Lock()
	if len(h.bodies) != 3 || !strings.Contains(h.bodies[2]["text"].(string), "/old.html") {
		t.Errorf("webhook posts: %v", h.bodies)
	}
	h.mu.Unlock()

	_, out, _ := pagelint(t, "history", db)
	if rows := strings.Count(out, "\n") - 1; rows != 3 {
		t.Errorf("history lists %d runs, want 3:\n%s", rows, out)
	}
	code, out, stderr := pagelint(t, "diff", db+"#-1", db+"#latest", "--format", "json")
	if code != 0 {
		t.Fatalf("diff: exit %d: %s", code, stderr)
	}
	d := decodeDiff(t, out)
	if len(d.New) != 1 || d.New[0].Target != srv.URL+"/old.html" || len(d.Fixed) != 1 || d.Fixed[0].Target != srv.URL+"/gone.html" ||
		d.Summary["persisting"] != 1 || d.Summary["not_checked"] != 0 {
		t.Errorf("diff #-1 #latest:\n%s", out)
	}
	for _, want := range []string{`id="new"`, `id="fixed"`, "/old.html", "/gone.html", "Findings over the last 3 runs"} {
		if !strings.Contains(page, want) {
			t.Errorf("html report lacks %q", want)
		}
	}
	if n := strings.Count(page, "<circle "); n != 9 {
		t.Errorf("trend has %d points, want 9 (3 runs x 3 severities)", n)
	}
}

// finding is a broken-link finding on page path of site, to the target.
func historyFinding(site, path, target string) checks.Finding {
	return checks.Finding{Rule: "broken-link", Severity: checks.Error, URL: site + path, Path: path, Line: 2,
		Target: site + target, Message: "link to " + target + " returns HTTP 404",
		Fingerprint: fmt.Sprintf("%x", []byte(path+target))[:16]}
}

// TestRecordHistory drives the hook the way lint() calls it, three times.
func TestRecordHistory(t *testing.T) {
	const site = "http://127.0.0.1:9"
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "history.db")
	checked := map[string]bool{"/": true, "/a.html": true, "/b.html": true}
	gone := historyFinding(site, "/b.html", "/gone.html")
	missing := historyFinding(site, "/a.html", "/missing.html")
	old := historyFinding(site, "/", "/old.html")
	var (
		last    report.Run
		lastRes *diff.Result
	)
	for i, fs := range [][]checks.Finding{{gone}, {missing, gone}, {old, missing}} {
		r := report.Run{Target: site + "/", Pages: 3, Complete: true, Mode: "crawl", Findings: fs, ToolVersion: "test"}
		res, err := recordHistory(ctx, db, &r, checked, "cfg", time.Now().Add(-time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.History) != i+1 {
			t.Errorf("run %d: %d trend points, want %d", i+1, len(r.History), i+1)
		}
		if (res == nil) != (i == 0) || (r.Changes == nil) != (i == 0) {
			t.Errorf("run %d: comparison %v, changes %v", i+1, res, r.Changes)
		}
		last, lastRes = r, res
	}
	ch := last.Changes
	if ch.SinceRun != 2 || len(ch.New) != 1 || ch.New[0].Fingerprint != old.Fingerprint ||
		len(ch.Fixed) != 1 || ch.Fixed[0].Fingerprint != gone.Fingerprint || ch.Persisting != 1 {
		t.Errorf("changes = %+v", ch)
	}

	code, out, _ := pagelint(t, "history", db)
	if code != 0 || strings.Count(out, "\n") != 4 || !strings.Contains(out, "RUN") {
		t.Errorf("history: exit %d\n%s", code, out)
	}
	code, out, stderr := pagelint(t, "diff", db+"#-1", db+"#latest", "--format", "json")
	if code != 0 {
		t.Fatalf("diff: exit %d: %s", code, stderr)
	}
	d := decodeDiff(t, out)
	if len(d.New) != 1 || d.New[0].Target != site+"/old.html" || len(d.Fixed) != 1 || d.Fixed[0].Target != site+"/gone.html" {
		t.Errorf("diff:\n%s", out)
	}
	_, table, _ := pagelint(t, "diff", db+"#1", db+"#3")
	if !strings.HasPrefix(table, "run #1 of ") || !strings.Contains(table, "2 new, 1 fixed, 0 persisting, 0 not checked") {
		t.Errorf("diff table:\n%s", table)
	}
	var page bytes.Buffer
	if err := report.Write(&page, "html", last, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(page.String(), "<circle "); n != 9 {
		t.Errorf("trend has %d points, want 9", n)
	}
	var tail bytes.Buffer
	if err := writeHistoryChanges(&tail, db, lastRes); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tail.String(), "Since the previous run") || !strings.Contains(tail.String(), "New (1)") {
		t.Errorf("table tail:\n%s", tail.String())
	}
}

// TestRecordHistoryInterrupted: a run stopped by a signal (its context
// cancelled) is still stored, whole, as incomplete.
func TestRecordHistoryInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	db := filepath.Join(t.TempDir(), "history.db")
	r := report.Run{Target: "public", Pages: 1, Complete: false, Findings: []checks.Finding{historyFinding("", "/", "/x.html")}}
	if _, err := recordHistory(ctx, db, &r, nil, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	s, err := history.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runs, err := s.Runs(context.Background(), "")
	if err != nil || len(runs) != 1 || runs[0].Complete || runs[0].Errors != 1 {
		t.Errorf("runs = %+v, %v; want one incomplete run with its finding", runs, err)
	}
}

func TestHistoryCommandErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	for _, args := range [][]string{
		{"history", missing},
		{"history", missing, "--format", "yaml"},
		{"diff", missing + "#latest", missing + "#-1"},
		{"diff", "a.json"},
		{"diff", "a.json", "b.json", "--format", "html"},
	} {
		code, _, stderr := pagelint(t, args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("history of a missing file created it")
	}
	code, out, _ := pagelint(t, "history", filepath.Join(dir, "h.db"))
	_ = out
	if code != 2 {
		t.Errorf("history of a missing file: exit %d", code)
	}
}

// hook records what a webhook receives.
type hook struct {
	mu     sync.Mutex
	bodies []map[string]any
	status int
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "want a JSON POST", http.StatusBadRequest)
		return
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.bodies = append(h.bodies, body)
	status := h.status
	h.mu.Unlock()
	if status != 0 {
		w.WriteHeader(status)
	}
}

func TestNotifyWebhook(t *testing.T) {
	const site = "http://127.0.0.1:9"
	h := &hook{}
	srv := httptest.NewServer(h)
	defer srv.Close()
	ctx := context.Background()
	hostile := historyFinding(site, "/", "/x.html")
	hostile.Message = "link to <!channel> <https://evil.example|click> & more returns HTTP 404"
	warn := historyFinding(site, "/w.html", "/y.html")
	warn.Severity = checks.Warning
	run := report.Run{Target: site + "/", Pages: 3, Complete: true, Findings: []checks.Finding{hostile, warn}}
	errorsOnly := checks.FailOn{Min: checks.Error}
	changes := func(fs ...checks.Finding) *diff.Result {
		return &diff.Result{From: &diff.Side{RunID: 4}, To: &diff.Side{}, New: fs}
	}

	// Posts: a new error with --fail-on error.
	if err := notifyWebhook(ctx, srv.URL+"/hook", run, changes(hostile, warn), errorsOnly, "reports/site.html"); err != nil {
		t.Fatal(err)
	}
	// Silent: only a new warning; --fail-on never; nothing new.
	for _, tc := range []struct {
		ch     *diff.Result
		failOn checks.FailOn
	}{
		{changes(warn), errorsOnly},
		{changes(hostile), checks.FailOn{Never: true}},
		{changes(), checks.FailOn{Min: checks.Info}},
	} {
		if err := notifyWebhook(ctx, srv.URL+"/hook", run, tc.ch, tc.failOn, ""); err != nil {
			t.Fatal(err)
		}
	}
	h.mu.Lock()
	bodies := h.bodies
	h.mu.Unlock()
	if len(bodies) != 1 {
		t.Fatalf("%d posts, want 1", len(bodies))
	}
	text, _ := bodies[0]["text"].(string)
	if !strings.HasPrefix(text, "pagelint: 1 new finding at or above error on "+site+"/ (1 errors, 1 warnings, 0 info on 3 pages)") ||
		!strings.Contains(text, "&lt;!channel&gt;") || strings.Contains(text, "<!channel>") || strings.Contains(text, "<https") ||
		!strings.HasSuffix(text, "\nReport: reports/site.html") {
		t.Errorf("text = %q", text)
	}
	if bodies[0]["since_run"] != 4.0 || bodies[0]["report"] != "reports/site.html" {
		t.Errorf("payload = %v", bodies[0])
	}

	// Without history, every finding is new.
	if err := notifyWebhook(ctx, srv.URL+"/hook", run, nil, errorsOnly, ""); err != nil {
		t.Fatal(err)
	}
	// A failing hook is an error naming the status, never the secret path.
	h.mu.Lock()
	h.status = http.StatusInternalServerError
	h.mu.Unlock()
	err := notifyWebhook(ctx, srv.URL+"/services/T000/B000/SECRET", run, nil, errorsOnly, "")
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("failing hook: %v", err)
	}
	srv.Close()
	err = notifyWebhook(ctx, srv.URL+"/SECRET", run, nil, errorsOnly, "")
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("unreachable hook: %v", err)
	}
	if len(h.bodies) != 3 {
		t.Errorf("%d posts, want 3", len(h.bodies))
	}
	for _, bad := range []string{"", "ftp://x/", "hooks.example/x", "http://"} {
		if checkWebhookURL(bad) == nil {
			t.Errorf("checkWebhookURL(%q) accepted it", bad)
		}
	}
	if err := checkWebhookURL("https://hooks.slack.com/services/T/B/X"); err != nil {
		t.Error(err)
	}
}

func TestConfigHash(t *testing.T) {
	a := &lintPlan{rules: checks.All()}
	b := &lintPlan{rules: checks.All()[:1]}
	if configHash(a) == configHash(b) || configHash(a) != configHash(&lintPlan{rules: checks.All()}) || len(configHash(a)) != 12 {
		t.Errorf("configHash: %s %s", configHash(a), configHash(b))
	}
}

var _ = slices.Contains[[]string]
