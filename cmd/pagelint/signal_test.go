package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// buildPagelint builds the command into a temporary folder, for tests that
// must drive the real process (signals).
func buildPagelint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pagelint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// slowSite serves an endless site: every page answers after 100ms and links
// to three new pages.
func slowSite(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		n := served.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Page %d</title></head><body><h1>Page %d</h1>`, n, n)
		for i := range 3 {
			fmt.Fprintf(w, `<a href="/p/%d-%d">next</a> `, n, i)
		}
		fmt.Fprint(w, `</body></html>`)
	}))
	t.Cleanup(srv.Close)
	return srv, &served
}

// TestSignalWritesIncompleteReports sends SIGINT (and SIGTERM) to a running
// crawl: it must stop fetching, write every requested report complete,
// valid and marked incomplete, and exit 130 (143).
func TestSignalWritesIncompleteReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildPagelint(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			srv, served := slowSite(t)
			dir := t.TempDir()
			jsonOut, junitOut := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.xml")
			cmd := exec.Command(bin, "crawl", srv.URL+"/", "--skip-external", "-q", "--concurrency", "2",
				"--format", "json", "-o", jsonOut, "--report", "junit="+junitOut, "--config", os.DevNull)
			cmd.Dir = dir
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second)
			for served.Load() < 4 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("pagelint did not stop within 15s of %v", tc.sig)
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want code %d; stderr %s", err, tc.code, stderr.String())
			}
			after := served.Load()
			time.Sleep(300 * time.Millisecond)
			if served.Load() != after {
				t.Error("pages were still fetched after the process ended")
			}
			raw, err := os.ReadFile(jsonOut)
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Complete *bool    `json:"complete"`
				Pages    int      `json:"pages"`
				Notices  []string `json:"notices"`
			}
			if err := json.Unmarshal(raw, &rep); err != nil {
				t.Fatalf("the JSON report is not valid: %v\n%s", err, raw)
			}
			if rep.Complete == nil || *rep.Complete || rep.Pages < 1 {
				t.Errorf("complete = %v, pages = %d: want an incomplete report of the pages read", rep.Complete, rep.Pages)
			}
			if !strings.Contains(strings.Join(rep.Notices, "\n"), "interrupted") {
				t.Errorf("notices %q do not say the run was interrupted", rep.Notices)
			}
			xmlRaw, err := os.ReadFile(junitOut)
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal(xmlRaw, new(struct{})); err != nil {
				t.Errorf("the JUnit report is not valid XML: %v", err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Errorf("a temporary file was left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestReportWriteIsAtomic: a report file is replaced by a rename, never
// rewritten in place, so an interrupted write cannot leave half a report.
func TestReportWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := writeFileAtomic(path, []byte(`{"old":true}`)); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, filepath.Join(dir, "snapshot")); err != nil {
		t.Skip("no hard links here:", err)
	}
	if err := writeFileAtomic(path, []byte(`{"new":true}`)); err != nil {
		t.Fatal(err)
	}
	kept, _ := os.ReadFile(filepath.Join(dir, "snapshot"))
	got, _ := os.ReadFile(path)
	if string(kept) != `{"old":true}` || string(got) != `{"new":true}` {
		t.Errorf("snapshot %s, file %s: the report was rewritten in place", kept, got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
