package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySite copies the example site into a temp folder the test may edit.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(exampleSite, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(exampleSite, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), raw, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(raw), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineFlow is issue 5's "done when": a baseline makes today's findings
// known, a new broken link fails the build alone, and editing text on a page
// with known findings does not re-open them.
func TestBaselineFlow(t *testing.T) {
	site := copySite(t)
	b := filepath.Join(t.TempDir(), "b.json")
	if code, _, stderr := pagelint(t, "check", site, "--write-baseline", b, "--fail-on", "never"); code != 0 {
		t.Fatalf("write baseline: exit %d %s", code, stderr)
	}
	if code, _, stderr := pagelint(t, "check", site, "--baseline", b); code != 0 {
		t.Fatalf("same site against its baseline: exit %d %s", code, stderr)
	}

	// Editing text (and shifting every line) keeps the known findings known.
	contact := filepath.Join(site, "contact.html")
	editFile(t, contact, "<h1>Contact</h1>", "<h1>Contact us</h1>\n  <p>We moved the phone line.</p>\n")
	if code, out, _ := pagelint(t, "check", site, "--baseline", b, "--format", "json"); code != 0 {
		t.Fatalf("edited text re-opened known findings: exit %d\n%s", code, out)
	}

	// One new broken link: exit 1, and it is the only new finding.
	editFile(t, contact, "<h1>Contact us</h1>", `<h1>Contact us</h1> <a href="/new-missing.html">new</a>`)
	code, out, _ := pagelint(t, "check", site, "--baseline", b, "--format", "json")
	if code != 1 {
		t.Fatalf("new broken link: exit %d, want 1", code)
	}
	var r struct {
		Findings []struct {
			Rule, URL, Message, Baseline string
		} `json:"findings"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var fresh []string
	for _, f := range r.Findings {
		if f.Baseline == "new" {
			fresh = append(fresh, f.Rule+" "+f.URL+" "+f.Message)
		} else if f.Baseline != "known" {
			t.Errorf("finding without a baseline mark: %+v", f)
		}
	}
	if len(fresh) != 1 || !strings.Contains(fresh[0], "/new-missing.html") {
		t.Errorf("new findings = %q", fresh)
	}
	if r.Summary["new"] != 1 || r.Summary["known"] == 0 {
		t.Errorf("summary = %v", r.Summary)
	}
}

func TestConfigFileErrorsAndSettings(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yml")
	os.WriteFile(bad, []byte("fail-on: warning\nrulez:\n  broken-link: off\n"), 0o644)
	code, _, stderr := pagelint(t, "check", exampleSite, "--config", bad)
	if code != 2 || !strings.Contains(stderr, "bad.yml:2") || !strings.Contains(stderr, "rulez") {
		t.Errorf("config typo: exit %d, stderr %q", code, stderr)
	}

	good := filepath.Join(dir, "good.yml")
	os.WriteFile(good, []byte("fail-on: never\nrules:\n  broken-link: off\n  duplicate-nav: info\n"), 0o644)
	code, out, stderr := pagelint(t, "check", exampleSite, "--config", good, "--format", "json")
	if code != 0 {
		t.Fatalf("config with fail-on never: exit %d %s", code, stderr)
	}
	r := decode(t, out)
	for _, f := range r.Findings {
		if f.Rule == "broken-link" {
			t.Errorf("broken-link is off in the config but reported: %+v", f)
		}
		if f.Rule == "duplicate-nav" && f.Severity != "info" {
			t.Errorf("duplicate-nav severity %s, config says info", f.Severity)
		}
	}
	// A flag beats the config.
	if code, _, _ := pagelint(t, "check", exampleSite, "--config", good, "--fail-on", "info"); code != 1 {
		t.Errorf("--fail-on info over a config saying never: exit %d, want 1", code)
	}
	_, out, _ = pagelint(t, "rules", "--config", good)
	if !strings.Contains(out, "off") || !strings.Contains(out, "info (default warning)") {
		t.Errorf("rules --config output:\n%s", out)
	}
}

func TestRuleSelectionFlags(t *testing.T) {
	_, out, _ := pagelint(t, "check", exampleSite, "--format", "json", "--only", "broken-link")
	for _, f := range decode(t, out).Findings {
		if f.Rule != "broken-link" {
			t.Errorf("--only broken-link reported %s", f.Rule)
		}
	}
	_, out, _ = pagelint(t, "check", exampleSite, "--format", "json", "--disable", "broken-link,duplicate-nav")
	for _, f := range decode(t, out).Findings {
		if f.Rule == "broken-link" || f.Rule == "duplicate-nav" {
			t.Errorf("--disable still reported %s", f.Rule)
		}
	}
	if code, _, stderr := pagelint(t, "check", exampleSite, "--only", "broken-lnk"); code != 2 || !strings.Contains(stderr, `unknown rule "broken-lnk"`) {
		t.Errorf("unknown rule in --only: exit %d %q", code, stderr)
	}
}

func TestExtraReportsAndChangedPages(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "r.json")
	code, out, stderr := pagelint(t, "check", exampleSite, "--report", "json="+j, "--page", "contact.html", "--page", exampleSite+"/blog/listening-first/index.html")
	if code != 1 || !strings.Contains(out, "contact.html") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	raw, err := os.ReadFile(j)
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, string(raw))
	pages := map[string]bool{}
	for _, f := range r.Findings {
		pages[f.URL] = true
	}
	if len(pages) != 2 || !pages["/contact.html"] || !pages["/blog/listening-first/"] {
		t.Errorf("pages with findings = %v, want only the two listed", pages)
	}
	// The excerpt rule compares cards with the articles they link to: those
	// articles are read for context, so its findings are still there.
	rules := map[string]bool{}
	for _, f := range r.Findings {
		rules[f.Rule] = true
	}
	if !rules["truncated-excerpt"] {
		t.Error("truncated-excerpt lost its article context in --page mode")
	}
	if code, _, stderr := pagelint(t, "check", exampleSite, "--report", "sarif"); code != 2 || !strings.Contains(stderr, "FORMAT=PATH") {
		t.Errorf("bad --report: exit %d %q", code, stderr)
	}
}

func TestInitWritesAStarterThatLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".pagelint.yml")
	if code, _, stderr := pagelint(t, "init", "--path", path); code != 0 {
		t.Fatalf("init: exit %d %s", code, stderr)
	}
	if code, _, _ := pagelint(t, "init", "--path", path); code != 2 {
		t.Errorf("init over an existing file: exit %d, want 2", code)
	}
	code, out, stderr := pagelint(t, "check", exampleSite, "--config", path, "--format", "json", "--fail-on", "never")
	if code != 0 {
		t.Fatalf("starter config: exit %d %s", code, stderr)
	}
	_, plain, _ := pagelint(t, "check", exampleSite, "--format", "json", "--fail-on", "never")
	if len(decode(t, out).Findings) != len(decode(t, plain).Findings) {
		t.Error("the starter config changes the findings; it should change nothing until edited")
	}
}
