package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

func TestRoundTripAndApply(t *testing.T) {
	old := []checks.Finding{
		{Rule: "broken-link", Path: "/a/", URL: "/a/", Fingerprint: "aaaa", Message: "link to /x returns HTTP 404"},
		{Rule: "duplicate-nav", Path: "/b/", URL: "/b/", Fingerprint: "bbbb"},
		{Rule: "broken-link", Path: "/gone/", URL: "/gone/", Fingerprint: "cccc"},
	}
	raw, err := Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []checks.Finding{
		{Rule: "broken-link", Path: "/a/", Fingerprint: "aaaa"},
		{Rule: "broken-link", Path: "/a/", Fingerprint: "dddd"},
	}
	// /b/ was checked and its finding is gone: fixed. /gone/ was not checked: not fixed.
	c := b.Apply(now, map[string]bool{"/a/": true, "/b/": true})
	if c != (Counts{New: 1, Known: 1, Fixed: 1}) {
		t.Errorf("counts = %+v", c)
	}
	if now[0].Baseline != "known" || now[1].Baseline != "new" {
		t.Errorf("marks = %q, %q", now[0].Baseline, now[1].Baseline)
	}
	if n := NewOnly(now); len(n) != 1 || n[0].Fingerprint != "dddd" {
		t.Errorf("NewOnly = %+v", n)
	}
}

func TestLoadAcceptsReportsAndRejectsJunk(t *testing.T) {
	dir := t.TempDir()
	report := `{"schema":"pagelint/findings@1","findings":[{"rule":"broken-link","url":"https://example.org/a/?q=1","fingerprint":"ffff","message":"m","severity":"error"}]}`
	p := filepath.Join(dir, "report.json")
	os.WriteFile(p, []byte(report), 0o644)
	b, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Findings) != 1 || b.Findings[0].Path != "/a/?q=1" {
		t.Errorf("entries = %+v", b.Findings)
	}
	for name, body := range map[string]string{
		"notjson.json": "not json",
		"schema.json":  `{"schema":"other@1","findings":[]}`,
		"nofp.json":    `{"schema":"pagelint/baseline@1","findings":[{"rule":"x"}]}`,
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v does not name the file", name, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing baseline accepted")
	}
}
