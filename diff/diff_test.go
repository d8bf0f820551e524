package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/history"
)

const site = "http://127.0.0.1:8080"

func finding(rule string, sev checks.Severity, path, fp, msg string) checks.Finding {
	return checks.Finding{Rule: rule, Severity: sev, URL: site + path, Path: path, Line: 7, Message: msg, Fingerprint: fp}
}

var (
	persist   = finding("missing-review-date", checks.Warning, "/about/", "aaaa000000000001", "page names a reviewer but gives no review date")
	fixedF    = finding("broken-link", checks.Error, "/team/", "aaaa000000000002", "link to /old-team.html returns HTTP 404")
	unchecked = finding("broken-link", checks.Error, "/archive/", "aaaa000000000003", "link to /gone/ returns HTTP 404")
	newF      = finding("broken-link", checks.Error, "/blog/", "aaaa000000000004", "link to /missing.html returns HTTP 404")
)

func sides() (*Side, *Side) {
	from := &Side{Ref: "old", Target: site + "/", Complete: true, Pages: 4,
		Findings: []checks.Finding{persist, unchecked, fixedF},
		Checked:  map[string]bool{"/": true, "/about/": true, "/team/": true, "/archive/": true}}
	to := &Side{Ref: "new", Target: site + "/", Complete: false, Pages: 3,
		Findings: []checks.Finding{persist, newF},
		Checked:  map[string]bool{"/": true, "/about/": true, "/team/": true, "/blog/": true}}
	return from, to
}

func fps(fs []checks.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Fingerprint)
	}
	return out
}

func TestCompare(t *testing.T) {
	r := Compare(sides())
	for name, tc := range map[string]struct {
		got  []checks.Finding
		want []checks.Finding
	}{
		"new":         {r.New, []checks.Finding{newF}},
		"fixed":       {r.Fixed, []checks.Finding{fixedF}},
		"persisting":  {r.Persisting, []checks.Finding{persist}},
		"not checked": {r.NotChecked, []checks.Finding{unchecked}},
	} {
		if !slices.Equal(fps(tc.got), fps(tc.want)) {
			t.Errorf("%s = %v, want %v", name, fps(tc.got), fps(tc.want))
		}
	}
	want := []Count{
		{Key: "broken-link", Label: "broken-link", New: 1, Fixed: 1, NotChecked: 1},
	}
	if !slices.Equal(r.ByRule, want) {
		t.Errorf("by rule = %+v, want %+v (missing-review-date did not change)", r.ByRule, want)
	}
	if len(r.ByPage) != 3 || r.ByPage[0].Key != "/blog/" || r.ByPage[1].Key != "/team/" || r.ByPage[2].Key != "/archive/" {
		t.Errorf("by page = %+v", r.ByPage)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "incomplete") {
		t.Errorf("notes = %q", r.Notes)
	}
}

// TestNotCheckedWithoutPageList: a JSON report does not list its pages. An
// incomplete one proves only the pages it has findings on were checked.
func TestNotCheckedWithoutPageList(t *testing.T) {
	from, to := sides()
	to.Checked = nil
	r := Compare(from, to)
	// /team/ has no finding in the newer side: with an incomplete run
	// nobody knows whether it was checked.
	if len(r.Fixed) != 0 || len(r.NotChecked) != 2 {
		t.Errorf("incomplete: fixed %v, not checked %v; want none fixed, 2 not checked", fps(r.Fixed), fps(r.NotChecked))
	}
	to.Complete = true
	r = Compare(from, to)
	if len(r.Fixed) != 2 || len(r.NotChecked) != 0 {
		t.Errorf("complete: fixed %v, not checked %v; want 2 fixed", fps(r.Fixed), fps(r.NotChecked))
	}
}

func writeReport(t *testing.T, dir, name string, complete bool, fs ...checks.Finding) string {
	t.Helper()
	type wf struct {
		Rule        string `json:"rule"`
		Severity    string `json:"severity"`
		URL         string `json:"url"`
		Line        int    `json:"line,omitempty"`
		Message     string `json:"message"`
		Fingerprint string `json:"fingerprint"`
	}
	doc := map[string]any{"schema": "pagelint/findings@1", "target": site + "/", "pages": 4, "complete": complete,
		"notices": []string{}, "summary": map[string]int{}}
	var list []wf
	for _, f := range fs {
		list = append(list, wf{f.Rule, f.Severity.String(), f.URL, f.Line, f.Message, f.Fingerprint})
	}
	doc["findings"] = list
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestJSONFiles(t *testing.T) {
	dir := t.TempDir()
	old := writeReport(t, dir, "old.json", true, persist, unchecked, fixedF)
	cur := writeReport(t, dir, "new.json", true, persist, newF)
	ctx := context.Background()
	from, err := Load(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	to, err := Load(ctx, cur)
	if err != nil {
		t.Fatal(err)
	}
	if from.Findings[0].Path != "/about/" || to.Checked != nil || from.RunID != 0 {
		t.Errorf("loaded side: %+v", from)
	}
	r := Compare(from, to)
	if !slices.Equal(fps(r.New), fps([]checks.Finding{newF})) || len(r.Fixed) != 2 || len(r.Persisting) != 1 {
		t.Errorf("new %v fixed %v persisting %v", fps(r.New), fps(r.Fixed), fps(r.Persisting))
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"schema": "pagelint/baseline@1", "findings": []}`), 0o644)
	nofp := filepath.Join(dir, "nofp.json")
	os.WriteFile(nofp, []byte(`{"schema": "pagelint/findings@1", "findings": [{"rule": "x", "severity": "error", "url": "/"}]}`), 0o644)
	ctx := context.Background()
	for ref, want := range map[string]string{
		filepath.Join(dir, "missing.json"):      "no such file",
		filepath.Join(dir, "missing.db#latest"): "no such file",
		bad:                                     "want pagelint/findings@1",
		nofp:                                    "no fingerprint",
		writeReport(t, dir, "r.json", true) + "#": "no such file", // "#" alone is not a run reference
	} {
		if _, err := Load(ctx, ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s) = %v, want an error with %q", ref, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Errorf("Load of a missing history file created it")
	}
}

func TestHistoryRefs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := history.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	runs := [][]checks.Finding{{persist, unchecked, fixedF}, {persist, newF}, {persist}}
	checked := map[string]bool{"/": true, "/about/": true, "/team/": true, "/blog/": true}
	for i, fs := range runs {
		rec := history.Record{Run: history.Run{Target: site + "/", Start: time.Date(2026, 11, 2+7*i, 6, 0, 0, 0, time.UTC),
			Pages: 4, Complete: true}, Findings: fs, Checked: checked}
		if _, err := s.Add(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	load := func(ref string) *Side {
		t.Helper()
		side, err := Load(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		return side
	}
	for ref, id := range map[string]int64{"#latest": 3, "#-1": 2, "#-2": 1, "#1": 1, "": 3} {
		if got := load(path + ref).RunID; got != id {
			t.Errorf("%s is run %d, want %d", ref, got, id)
		}
	}
	r := Compare(load(path+"#1"), load(path+"#-1"))
	if !slices.Equal(fps(r.New), fps([]checks.Finding{newF})) || !slices.Equal(fps(r.Fixed), fps([]checks.Finding{fixedF})) ||
		!slices.Equal(fps(r.NotChecked), fps([]checks.Finding{unchecked})) {
		t.Errorf("#1 -> #-1: new %v fixed %v not checked %v", fps(r.New), fps(r.Fixed), fps(r.NotChecked))
	}
	r = Compare(load(path+"#-1"), load(path+"#latest"))
	if len(r.New) != 0 || !slices.Equal(fps(r.Fixed), fps([]checks.Finding{newF})) {
		t.Errorf("#-1 -> #latest: new %v fixed %v", fps(r.New), fps(r.Fixed))
	}
	if _, err := Load(ctx, path+"#-7"); err == nil || !strings.Contains(err.Error(), "fewer than 8 runs") {
		t.Errorf("#-7: %v", err)
	}
	// A JSON side against a history side.
	j := writeReport(t, t.TempDir(), "now.json", true, persist, newF)
	r = Compare(load(path+"#latest"), load(j))
	if !slices.Equal(fps(r.New), fps([]checks.Finding{newF})) || len(r.Fixed) != 0 {
		t.Errorf("history -> json: new %v fixed %v", fps(r.New), fps(r.Fixed))
	}
}

func TestWriteFormats(t *testing.T) {
	from, to := sides()
	from.RunID, from.Start = 2, time.Date(2026, 11, 16, 6, 0, 0, 0, time.UTC)
	hostile := finding("broken-link", checks.Error, "/x/", "aaaa000000000009", "link to <img src=x onerror=alert(1)> | @team \x1b[2J`code`")
	to.Findings = append(to.Findings, hostile)
	r := Compare(from, to)

	var table bytes.Buffer
	if err := Write(&table, "table", r); err != nil {
		t.Fatal(err)
	}
	out := table.String()
	for _, want := range []string{
		"run #2 of 2026-11-16 06:00 UTC -> new: 2 new, 1 fixed, 1 persisting, 1 not checked\n",
		"\nNew (2)\n", "\nFixed (1)\n", "\nNot checked (on pages the newer run did not check) (1)\n",
		site + "/blog/:7", "\nBy rule\n", "\nBy page\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("table carries an escape character")
	}

	var md bytes.Buffer
	if err := Write(&md, "markdown", r); err != nil {
		t.Fatal(err)
	}
	if out := md.String(); !strings.HasPrefix(out, "## pagelint: 2 new, 1 fixed, 1 persisting, 1 not checked\n") ||
		strings.Contains(out, "<img") || strings.Contains(out, "@team") || strings.Contains(out, "\x1b") {
		t.Errorf("markdown:\n%s", out)
	}
	for _, l := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(l, "| error | `broken-link` | "+site+"/x/") && strings.Count(l, "|")-strings.Count(l, `\|`) != 6 {
			t.Errorf("hostile row has extra cells: %s", l)
		}
	}

	var js bytes.Buffer
	if err := Write(&js, "json", r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema  string         `json:"schema"`
		Summary map[string]int `json:"summary"`
		New     []struct {
			Fingerprint string `json:"fingerprint"`
			Message     string `json:"message"`
		} `json:"new"`
		From struct {
			Run   int64  `json:"run"`
			Start string `json:"start"`
		} `json:"from"`
		Rules []map[string]any `json:"rules"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "pagelint/diff@1" || doc.Summary["new"] != 2 || doc.Summary["not_checked"] != 1 ||
		len(doc.New) != 2 || doc.New[1].Message != hostile.Message || doc.From.Run != 2 || doc.From.Start != "2026-11-16T06:00:00Z" {
		t.Errorf("json:\n%s", js.String())
	}
	if err := Write(&js, "yaml", r); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("yaml: %v", err)
	}
}
