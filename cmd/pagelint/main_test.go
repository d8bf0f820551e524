package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pagelint runs the CLI in-process and returns its exit code and output.
func pagelint(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const exampleSite = "../../testdata/site"

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		err  string // substring of stderr
	}{
		{"findings at the default --fail-on", []string{"check", exampleSite}, 1, ""},
		{"--fail-on never", []string{"check", exampleSite, "--fail-on", "never"}, 0, ""},
		{"unknown flag", []string{"check", exampleSite, "--no-such-flag"}, 2, "unknown flag: --no-such-flag"},
		{"missing path", []string{"check", "no/such/dir"}, 2, "no/such/dir"},
		{"no path", []string{"check"}, 2, "requires at least 1 arg"},
		{"unknown format", []string{"check", exampleSite, "--format", "yaml"}, 2, `unknown --format "yaml"`},
		{"bad --fail-on", []string{"check", exampleSite, "--fail-on", "sometimes"}, 2, "--fail-on"},
		{"bad start URL", []string{"crawl", "not a url"}, 2, "start URL"},
		{"unreachable start URL", []string{"crawl", "http://127.0.0.1:1/", "--timeout", "2s"}, 2, "start URL"},
		{"bad scope", []string{"crawl", "http://127.0.0.1:1/", "--scope", "blog"}, 2, "--scope"},
		{"unknown command", []string{"lint"}, 2, "unknown command"},
		{"unknown rule", []string{"rules", "no-such-rule"}, 2, `unknown rule "no-such-rule"`},
		{"rules", []string{"rules"}, 0, ""},
		{"version", []string{"version"}, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := pagelint(t, c.args...)
			if code != c.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if c.err != "" && !strings.Contains(stderr, c.err) {
				t.Errorf("stderr %q does not mention %q", stderr, c.err)
			}
			if c.code == 2 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("error is not one line: %q", stderr)
			}
		})
	}
}

// report is the part of the JSON contract the CLI tests read.
type jsonReport struct {
	Schema   string `json:"schema"`
	Target   string `json:"target"`
	Pages    int    `json:"pages"`
	Complete bool   `json:"complete"`
	Findings []struct {
		Rule        string `json:"rule"`
		Severity    string `json:"severity"`
		URL         string `json:"url"`
		File        string `json:"file"`
		Line        int    `json:"line"`
		Message     string `json:"message"`
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
}

func decode(t *testing.T, out string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return r
}

func TestCheckJSONOnExampleSite(t *testing.T) {
	code, out, _ := pagelint(t, "check", exampleSite, "--format", "json", "--fail-on", "never")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	r := decode(t, out)
	if r.Schema != "pagelint/findings@1" || !r.Complete || r.Pages == 0 {
		t.Errorf("report header = %+v", r)
	}
	rules := map[string]bool{}
	for _, f := range r.Findings {
		rules[f.Rule] = true
		if f.Fingerprint == "" || f.URL == "" || f.Message == "" || f.Line == 0 || f.File == "" {
			t.Errorf("incomplete finding: %+v", f)
		}
		if strings.HasSuffix(f.URL, "index.html") {
			t.Errorf("index page named by file, not folder: %s", f.URL)
		}
	}
	for _, want := range []string{"broken-link", "duplicate-nav", "truncated-excerpt", "missing-review-date"} {
		if !rules[want] {
			t.Errorf("no %s finding on the example site", want)
		}
	}
}

func TestOutputFileAndBaseURL(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "report.json")
	code, out, _ := pagelint(t, "check", exampleSite, "--format", "json", "-o", dest, "--base-url", "https://harbor.example/")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	raw, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, string(raw))
	for _, f := range r.Findings {
		if !strings.HasPrefix(f.URL, "https://harbor.example/") {
			t.Errorf("finding URL %q is not absolute under --base-url", f.URL)
		}
	}
	// The fingerprint keys on the site path, so --base-url must not change it.
	_, plain, _ := pagelint(t, "check", exampleSite, "--format", "json")
	want := map[string]bool{}
	for _, f := range decode(t, plain).Findings {
		want[f.Fingerprint] = true
	}
	for _, f := range r.Findings {
		if !want[f.Fingerprint] {
			t.Errorf("fingerprint %s changed with --base-url", f.Fingerprint)
		}
	}
}

// TestCrawlMatchesCheck serves the example site on loopback: crawling it must
// find the same (rule, page) pairs as checking its folder.
func TestCrawlMatchesCheck(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(exampleSite)))
	defer srv.Close()
	_, checkOut, _ := pagelint(t, "check", exampleSite, "--format", "json")
	code, crawlOut, stderr := pagelint(t, "crawl", srv.URL+"/", "--format", "json", "--skip-external")
	if code != 1 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	pairs := func(r jsonReport, prefix string) map[string]int {
		m := map[string]int{}
		for _, f := range r.Findings {
			m[f.Rule+" "+strings.TrimPrefix(f.URL, prefix)]++
		}
		return m
	}
	a, b := pairs(decode(t, checkOut), ""), pairs(decode(t, crawlOut), srv.URL)
	for k, n := range a {
		if b[k] != n {
			t.Errorf("%s: %d finding(s) in check mode, %d in crawl mode", k, n, b[k])
		}
	}
	for k, n := range b {
		if _, ok := a[k]; !ok {
			t.Errorf("%s: %d finding(s) only in crawl mode", k, n)
		}
	}
}

func TestRulesListsEveryRule(t *testing.T) {
	_, out, _ := pagelint(t, "rules")
	for _, id := range []string{"broken-link", "duplicate-nav", "truncated-excerpt", "missing-review-date"} {
		if !strings.Contains(out, id) {
			t.Errorf("rules output lacks %s", id)
		}
	}
	_, out, _ = pagelint(t, "rules", "broken-link")
	if !strings.Contains(out, "Fix:") || !strings.Contains(out, "broken-link (error") {
		t.Errorf("rule explanation = %q", out)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"check", "crawl", "rules", "version"} {
		_, out, _ := pagelint(t, cmd, "--help")
		if !strings.Contains(out, "Examples:") {
			t.Errorf("%s --help has no examples", cmd)
		}
	}
}
