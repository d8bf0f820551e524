package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
)

// describe names a side for a person: "run #3 of 2026-11-23 06:00 UTC" or the file.
func describe(s *Side) string {
	if s.RunID == 0 {
		return s.Ref
	}
	d := "run #" + strconv.FormatInt(s.RunID, 10)
	if !s.Start.IsZero() {
		d += " of " + s.Start.UTC().Format("2006-01-02 15:04 UTC")
	}
	return d
}

func headline(r *Result) string {
	return fmt.Sprintf("%d new, %d fixed, %d persisting, %d not checked",
		len(r.New), len(r.Fixed), len(r.Persisting), len(r.NotChecked))
}

// writeTable is for a terminal: what changed, then the counts per rule and
// per page. Page text is cleaned of controls, as in the table report.
func writeTable(w io.Writer, r *Result) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s -> %s: %s\n", clean(describe(r.From)), clean(describe(r.To)), headline(r))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", clean(n))
	}
	list := func(title string, fs []checks.Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s (%d)\n", title, len(fs))
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, f := range fs {
			where := f.URL
			if f.Line > 0 {
				where += ":" + strconv.Itoa(f.Line)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", f.Severity, clean(f.Rule), clean(where), clean(f.Message))
		}
		tw.Flush()
	}
	list("New", r.New)
	list("Fixed", r.Fixed)
	list("Not checked (on pages the newer run did not check)", r.NotChecked)
	counts := func(title, head string, cs []Count) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "new\tfixed\tpersisting\tnot checked\t  %s\n", head)
		for _, c := range cs {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t  %s\n", c.New, c.Fixed, c.Persisting, c.NotChecked, clean(c.Label))
		}
		tw.Flush()
	}
	counts("By rule", "rule", r.ByRule)
	counts("By page", "page", r.ByPage)
	_, err := w.Write(b.Bytes())
	return err
}

// clean keeps untrusted text on its line and away from the terminal's
// controls: whitespace controls become a space, other controls, invalid
// UTF-8 and bidirectional overrides U+FFFD.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029':
			return ' '
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// The JSON form: its own schema, with findings in the shape of the findings
// contract so that tools reading reports can read these too.
type jsonDiff struct {
	Schema     string        `json:"schema"`
	From       jsonSide      `json:"from"`
	To         jsonSide      `json:"to"`
	Summary    jsonSummary   `json:"summary"`
	Notes      []string      `json:"notes"`
	New        []jsonFinding `json:"new"`
	Fixed      []jsonFinding `json:"fixed"`
	Persisting []jsonFinding `json:"persisting"`
	NotChecked []jsonFinding `json:"not_checked"`
	Rules      []jsonCount   `json:"rules"`
	Pages      []jsonCount   `json:"pages"`
}

type jsonSide struct {
	Ref      string `json:"ref"`
	Target   string `json:"target"`
	Run      int64  `json:"run,omitempty"`
	Start    string `json:"start,omitempty"`
	Complete bool   `json:"complete"`
	Pages    int    `json:"pages"`
}

type jsonSummary struct {
	New        int `json:"new"`
	Fixed      int `json:"fixed"`
	Persisting int `json:"persisting"`
	NotChecked int `json:"not_checked"`
}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	URL         string `json:"url"`
	File        string `json:"file,omitempty"`
	Line        int    `json:"line,omitempty"`
	Target      string `json:"target,omitempty"`
	Message     string `json:"message"`
	Evidence    string `json:"evidence,omitempty"`
	Fingerprint string `json:"fingerprint"`
	Help        string `json:"help,omitempty"`
}

type jsonCount struct {
	Rule       string `json:"rule,omitempty"`
	URL        string `json:"url,omitempty"`
	Path       string `json:"path,omitempty"`
	New        int    `json:"new"`
	Fixed      int    `json:"fixed"`
	Persisting int    `json:"persisting"`
	NotChecked int    `json:"not_checked"`
}

func toJSONSide(s *Side) jsonSide {
	j := jsonSide{Ref: s.Ref, Target: s.Target, Run: s.RunID, Complete: s.Complete, Pages: s.Pages}
	if !s.Start.IsZero() {
		j.Start = s.Start.UTC().Format(time.RFC3339)
	}
	return j
}

func toJSONFindings(fs []checks.Finding) []jsonFinding {
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), URL: f.URL, File: f.File,
			Line: max(f.Line, 0), Target: f.Target, Message: f.Message, Evidence: f.Evidence,
			Fingerprint: f.Fingerprint, Help: f.Help})
	}
	return out
}

func writeJSON(w io.Writer, r *Result) error {
	doc := jsonDiff{
		Schema: "pagelint/diff@1", From: toJSONSide(r.From), To: toJSONSide(r.To),
		Summary: jsonSummary{New: len(r.New), Fixed: len(r.Fixed), Persisting: len(r.Persisting), NotChecked: len(r.NotChecked)},
		Notes:   append([]string{}, r.Notes...),
		New:     toJSONFindings(r.New), Fixed: toJSONFindings(r.Fixed),
		Persisting: toJSONFindings(r.Persisting), NotChecked: toJSONFindings(r.NotChecked),
		Rules: []jsonCount{}, Pages: []jsonCount{},
	}
	for _, c := range r.ByRule {
		doc.Rules = append(doc.Rules, jsonCount{Rule: c.Key, New: c.New, Fixed: c.Fixed, Persisting: c.Persisting, NotChecked: c.NotChecked})
	}
	for _, c := range r.ByPage {
		doc.Pages = append(doc.Pages, jsonCount{URL: c.Label, Path: c.Key, New: c.New, Fixed: c.Fixed, Persisting: c.Persisting, NotChecked: c.NotChecked})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeMarkdown is for a pull-request comment or a job summary. Page text
// is escaped so that it cannot add markup, links or mentions, or break a table.
func writeMarkdown(w io.Writer, r *Result) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## pagelint: %s\n\n", headline(r))
	fmt.Fprintf(&b, "From %s to %s.\n", md(describe(r.From)), md(describe(r.To)))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n> %s\n", md(n))
	}
	list := func(title string, fs []checks.Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s (%d)\n\n| severity | rule | page | line | message |\n| --- | --- | --- | ---: | --- |\n", title, len(fs))
		for _, f := range fs {
			line := ""
			if f.Line > 0 {
				line = strconv.Itoa(f.Line)
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", f.Severity, mdCode(f.Rule), md(f.URL), line, md(f.Message))
		}
	}
	list("New", r.New)
	list("Fixed", r.Fixed)
	list("Not checked", r.NotChecked)
	counts := func(title, head string, cs []Count) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n\n| %s | new | fixed | persisting | not checked |\n| --- | ---: | ---: | ---: | ---: |\n", title, head)
		for _, c := range cs {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", md(c.Label), c.New, c.Fixed, c.Persisting, c.NotChecked)
		}
	}
	counts("By rule", "rule", r.ByRule)
	counts("By page", "page", r.ByPage)
	_, err := w.Write(b.Bytes())
	return err
}

// md escapes text for a markdown table cell: HTML, markdown punctuation,
// pipes, line breaks and @mentions.
func md(s string) string {
	s = clean(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '|', '`', '*', '_', '[', ']', '~', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '@':
			b.WriteString("@\u2060") // a word joiner: no mention, no notification
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode makes s safe inside a code span: no backtick can end it, no pipe
// can split the cell.
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", "¦").Replace(clean(s))
}
