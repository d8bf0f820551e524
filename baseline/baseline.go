// Package baseline records the findings of a run so that later runs fail only
// on new ones. Findings are matched by fingerprint (findings.md), never by
// line, so editing a page does not re-open its known findings.
//
// It imports checks; cmd imports it.
package baseline

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// Schema names the baseline file format.
const Schema = "pagelint/baseline@1"

// A File is a baseline: the fingerprints of the findings it accepts.
type File struct {
	Schema   string  `json:"schema"`
	Findings []Entry `json:"findings"`
}

// An Entry is one accepted finding. Only Fingerprint matches; the rest makes
// the file readable in review and lets "fixed" be told from "not checked".
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"` // the page's site path
	URL         string `json:"url,omitempty"`
	Message     string `json:"message,omitempty"`
}

// Counts compare a run with its baseline.
type Counts struct {
	New   int // findings not in the baseline
	Known int // findings in the baseline
	Fixed int // baseline findings not found again, on pages that were checked
}

// Marshal renders findings as a baseline file.
func Marshal(findings []checks.Finding) ([]byte, error) {
	f := File{Schema: Schema, Findings: make([]Entry, 0, len(findings))}
	for _, x := range findings {
		f.Findings = append(f.Findings, Entry{Fingerprint: x.Fingerprint, Rule: x.Rule, Path: x.Path, URL: x.URL, Message: x.Message})
	}
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode baseline: %w", err)
	}
	return append(out, '\n'), nil
}

// Load reads a baseline file. A JSON report (pagelint/findings@1) is a
// baseline too: it carries the same fingerprints.
func Load(path string) (*File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var doc struct {
		Schema   string `json:"schema"`
		Findings []struct {
			Entry
			URL string `json:"url"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s: not a pagelint baseline or JSON report: %w", path, err)
	}
	switch doc.Schema {
	case Schema, "pagelint/findings@1":
	default:
		return nil, fmt.Errorf("baseline %s: unknown schema %q (want %s or pagelint/findings@1)", path, doc.Schema, Schema)
	}
	f := &File{Schema: Schema}
	for i, x := range doc.Findings {
		e := x.Entry
		e.URL = x.URL
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: finding %d has no fingerprint", path, i+1)
		}
		if e.Path == "" {
			e.Path = pathOf(x.URL)
		}
		f.Findings = append(f.Findings, e)
	}
	return f, nil
}

// pathOf turns a report's url (a site path, or an absolute URL) into a site path.
func pathOf(u string) string {
	if strings.HasPrefix(u, "/") {
		return u
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Path == "" {
		return u
	}
	p := parsed.EscapedPath()
	if parsed.RawQuery != "" {
		p += "?" + parsed.RawQuery
	}
	return p
}

// Apply marks each finding "new" or "known" and counts them; checked holds the
// site paths of the pages this run checked, so a baseline finding on a page
// that was not checked is not counted as fixed.
func (f *File) Apply(findings []checks.Finding, checked map[string]bool) Counts {
	known := make(map[string]bool, len(f.Findings))
	for _, e := range f.Findings {
		known[e.Fingerprint] = true
	}
	var c Counts
	seen := map[string]bool{}
	for i := range findings {
		fp := findings[i].Fingerprint
		seen[fp] = true
		if known[fp] {
			findings[i].Baseline = "known"
			c.Known++
		} else {
			findings[i].Baseline = "new"
			c.New++
		}
	}
	for _, e := range f.Findings {
		if !seen[e.Fingerprint] && checked[e.Path] {
			c.Fixed++
		}
	}
	return c
}

// NewOnly returns the findings not in the baseline: those that count toward --fail-on.
func NewOnly(findings []checks.Finding) []checks.Finding {
	var out []checks.Finding
	for _, f := range findings {
		if f.Baseline != "known" {
			out = append(out, f)
		}
	}
	return out
}
