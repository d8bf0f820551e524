// Package diff compares two runs of pagelint: what is new, what got fixed,
// what persists, and what the newer run could not tell because it did not
// check the page. Each side is a JSON report (spec/findings.md) or a run in
// a history file; findings are matched by the contract's fingerprint, never
// by line.
//
// It imports checks and history; cmd imports it.
package diff

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/history"
)

// A Side is one of the two runs compared.
type Side struct {
	Ref      string // as given: "report.json", "history.db#latest"
	Target   string
	RunID    int64     // the run in a history file, 0 for a JSON report
	Start    time.Time // zero for a JSON report
	Complete bool
	Pages    int
	Findings []checks.Finding
	// Checked holds the site paths the run checked; nil when unknown (a
	// JSON report, or a run stored before the history kept them).
	Checked map[string]bool
}

// FromRecord makes a side of a stored run.
func FromRecord(ref string, rec *history.Record) *Side {
	return &Side{Ref: ref, Target: rec.Target, RunID: rec.ID, Start: rec.Start, Complete: rec.Complete,
		Pages: rec.Pages, Findings: rec.Findings, Checked: rec.Checked}
}

// historyRef is the part after '#' that names a run in a history file.
var historyRef = regexp.MustCompile(`^(latest|-[0-9]+|[0-9]+)$`)

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Load reads one side: FILE#latest, FILE#-N or FILE#ID names a run in a
// history file (a history file without a #ref means its latest run), and
// anything else a JSON report.
func Load(ctx context.Context, ref string) (*Side, error) {
	if i := strings.LastIndexByte(ref, '#'); i >= 0 && historyRef.MatchString(ref[i+1:]) {
		return loadHistory(ctx, ref, ref[:i], ref[i+1:])
	}
	head := make([]byte, len(sqliteMagic))
	f, err := os.Open(ref)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	if bytes.Equal(head[:n], sqliteMagic) {
		return loadHistory(ctx, ref, ref, "latest")
	}
	return loadJSON(ref)
}

func loadHistory(ctx context.Context, ref, file, run string) (*Side, error) {
	// Open would create a missing file; a typo must not leave an empty database behind.
	if _, err := os.Stat(file); err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	s, err := history.Open(ctx, file)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	id, err := s.Resolve(ctx, run, "")
	if err != nil {
		return nil, err
	}
	rec, err := s.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return FromRecord(ref, rec), nil
}

// jsonReport is the part of the findings contract a side needs.
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
		Target      string `json:"target"`
		Message     string `json:"message"`
		Evidence    string `json:"evidence"`
		Fingerprint string `json:"fingerprint"`
		Help        string `json:"help"`
	} `json:"findings"`
}

func loadJSON(ref string) (*Side, error) {
	raw, err := os.ReadFile(ref)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	var doc jsonReport
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a pagelint JSON report or history file: %w", ref, err)
	}
	if doc.Schema != "pagelint/findings@1" {
		return nil, fmt.Errorf("%s: schema %q, want pagelint/findings@1 (a --format json report)", ref, doc.Schema)
	}
	s := &Side{Ref: ref, Target: doc.Target, Pages: doc.Pages, Complete: doc.Complete}
	for i, f := range doc.Findings {
		if f.Fingerprint == "" {
			return nil, fmt.Errorf("%s: finding %d has no fingerprint", ref, i+1)
		}
		sev, err := checks.ParseSeverity(f.Severity)
		if err != nil {
			return nil, fmt.Errorf("%s: finding %d: %w", ref, i+1, err)
		}
		s.Findings = append(s.Findings, checks.Finding{
			Rule: f.Rule, Severity: sev, URL: f.URL, Path: sitePath(f.URL), File: f.File, Line: f.Line,
			Target: f.Target, Message: f.Message, Evidence: f.Evidence, Fingerprint: f.Fingerprint, Help: f.Help,
		})
	}
	return s, nil
}

// sitePath turns a report's url (a site path, or an absolute URL) into the
// site path the engine keys pages by.
func sitePath(u string) string {
	if strings.HasPrefix(u, "/") {
		return u
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Path == "" {
		if err == nil && parsed.Host != "" {
			return "/"
		}
		return u
	}
	p := parsed.EscapedPath()
	if parsed.RawQuery != "" {
		p += "?" + parsed.RawQuery
	}
	return p
}

// A Result is what changed from one side to the other.
type Result struct {
	From, To *Side
	// New: in To, not in From. Fixed: in From, not in To, on a page To
	// checked. Persisting: in both (To's version). NotChecked: in From, on a
	// page To did not check, so nobody knows.
	New, Fixed, Persisting, NotChecked []checks.Finding
	ByRule, ByPage                     []Count
	Notes                              []string // caveats, one sentence each
}

// A Count is the changes of one rule or one page.
type Count struct {
	Key                                string // rule id, or page site path
	Label                              string // rule id, or page url as displayed
	New, Fixed, Persisting, NotChecked int
}

// Compare matches the findings of two sides by fingerprint.
func Compare(from, to *Side) *Result {
	r := &Result{From: from, To: to}
	inFrom := make(map[string]bool, len(from.Findings))
	for _, f := range from.Findings {
		inFrom[f.Fingerprint] = true
	}
	inTo := make(map[string]bool, len(to.Findings))
	for _, f := range to.Findings {
		inTo[f.Fingerprint] = true
		if inFrom[f.Fingerprint] {
			r.Persisting = append(r.Persisting, f)
		} else {
			r.New = append(r.New, f)
		}
	}
	checked := to.Checked
	if checked == nil {
		// The newer side does not say which pages it checked. A complete run
		// checked its whole scope; otherwise only the pages it has findings
		// on are known to have been checked.
		checked = map[string]bool{}
		for _, f := range to.Findings {
			checked[f.Path] = true
		}
		if to.Complete {
			r.Notes = append(r.Notes, fmt.Sprintf("%s does not list the pages it checked; as it is complete, every page of the older run counts as checked", to.Ref))
		} else {
			r.Notes = append(r.Notes, fmt.Sprintf("%s does not list the pages it checked and is incomplete; only pages with findings in it count as checked", to.Ref))
		}
	}
	for _, f := range from.Findings {
		switch {
		case inTo[f.Fingerprint]:
		case checked[f.Path] || (to.Checked == nil && to.Complete):
			r.Fixed = append(r.Fixed, f)
		default:
			r.NotChecked = append(r.NotChecked, f)
		}
	}
	if from.Target != "" && to.Target != "" && from.Target != to.Target {
		r.Notes = append(r.Notes, fmt.Sprintf("the two runs have different targets (%s and %s)", from.Target, to.Target))
	}
	if !to.Complete {
		r.Notes = append(r.Notes, fmt.Sprintf("%s is incomplete: findings on pages it did not reach are not checked, not fixed", to.Ref))
	}
	r.ByRule = count(r, func(f checks.Finding) (string, string) { return f.Rule, f.Rule })
	r.ByPage = count(r, func(f checks.Finding) (string, string) { return f.Path, f.URL })
	return r
}

func count(r *Result, key func(checks.Finding) (string, string)) []Count {
	by := map[string]*Count{}
	add := func(fs []checks.Finding, field func(*Count) *int) {
		for _, f := range fs {
			k, label := key(f)
			c := by[k]
			if c == nil {
				c = &Count{Key: k, Label: label}
				by[k] = c
			}
			*field(c)++
		}
	}
	add(r.New, func(c *Count) *int { return &c.New })
	add(r.Persisting, func(c *Count) *int { return &c.Persisting })
	add(r.Fixed, func(c *Count) *int { return &c.Fixed })
	add(r.NotChecked, func(c *Count) *int { return &c.NotChecked })
	out := make([]Count, 0, len(by))
	for _, c := range by {
		if c.New+c.Fixed+c.NotChecked > 0 { // a rule or page where nothing changed is noise
			out = append(out, *c)
		}
	}
	// Most new first, then most fixed, then by name.
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.New, a.New), cmp.Compare(b.Fixed, a.Fixed), strings.Compare(a.Label, b.Label))
	})
	return out
}

// Formats are the output formats Write accepts.
func Formats() []string { return []string{"json", "markdown", "table"} }

// Write renders r in format.
func Write(w io.Writer, format string, r *Result) error {
	var err error
	switch format {
	case "table":
		err = writeTable(w, r)
	case "json":
		err = writeJSON(w, r)
	case "markdown":
		err = writeMarkdown(w, r)
	default:
		return fmt.Errorf("unknown format %q (want json, markdown or table)", format)
	}
	if err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}
