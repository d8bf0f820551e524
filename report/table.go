package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/pagelint/pagelint/checks"
)

// messageWidth is the widest a message gets before it wraps. The reporter
// knows nothing of the terminal (it may be writing to a file), so it picks a
// width that, with the other columns and a rule id of up to 23 characters,
// fits a 100-column window.
const messageWidth = 54

// ANSI SGR codes, used only when Options.Color is set: severity names, the
// page headings, "incomplete" and the totals. Text from a page is cleaned
// before it is painted, so the only escapes in the output are these.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// writeTable renders a run for a person: a header line, a summary per rule,
// the findings grouped by page, then the totals. The whole report is built
// in memory and written once, so a failing writer is reported, not lost
// inside tablewriter.
func writeTable(w io.Writer, run Run, opts Options) error {
	var buf bytes.Buffer
	t := tableWriter{buf: &buf, color: opts.Color}
	t.header(run)
	if len(run.Findings) == 0 {
		fmt.Fprintf(&buf, "\nno findings on %s\n", plural(run.Pages, "page", "pages"))
	} else {
		if err := t.summary(run.Findings); err != nil {
			return err
		}
		sitewide, rest := splitSitewide(run.Findings)
		if err := t.sitewide(sitewide); err != nil {
			return err
		}
		if err := t.pages(rest); err != nil {
			return err
		}
		t.totals(run)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write table report: %w", err)
	}
	return nil
}

type tableWriter struct {
	buf   *bytes.Buffer
	color bool
}

// header prints what was checked, whether the run finished, and why not:
// "pagelint: 42 pages checked from http://127.0.0.1:8080/ (complete)".
func (t tableWriter) header(run Run) {
	from := ""
	if run.Target != "" {
		from = " from " + clean(run.Target)
	}
	state := "complete"
	if !run.Complete {
		state = t.paint(ansiYellow, "incomplete")
	}
	fmt.Fprintf(t.buf, "pagelint: %s checked%s (%s)\n", plural(run.Pages, "page", "pages"), from, state)
	for _, n := range run.Notices {
		fmt.Fprintf(t.buf, "  notice: %s\n", clean(n))
	}
}

// summaryRow is one rule at one severity: a rule that reports a variant
// severity gets a row per severity, so the counts add up to the totals.
type summaryRow struct {
	rule     string
	severity checks.Severity
	findings int
	pages    map[string]struct{}
}

// summary prints a table of rules, most severe first, then by rule id.
func (t tableWriter) summary(fs []checks.Finding) error {
	type key struct {
		rule string
		sev  checks.Severity
	}
	rows := map[key]*summaryRow{}
	for _, f := range fs {
		k := key{f.Rule, f.Severity}
		r := rows[k]
		if r == nil {
			r = &summaryRow{rule: f.Rule, severity: f.Severity, pages: map[string]struct{}{}}
			rows[k] = r
		}
		r.findings++
		r.pages[f.URL] = struct{}{}
	}
	sorted := make([]*summaryRow, 0, len(rows))
	for _, r := range rows {
		sorted = append(sorted, r)
	}
	slices.SortFunc(sorted, func(a, b *summaryRow) int {
		return cmp.Or(cmp.Compare(b.severity, a.severity), strings.Compare(a.rule, b.rule))
	})

	t.buf.WriteString("\n")
	tbl := t.newTable([]tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight}, nil)
	tbl.Header("Rule", "Severity", "Findings", "Pages")
	for _, r := range sorted {
		err := tbl.Append([]string{clean(r.rule), t.severity(r.severity), strconv.Itoa(r.findings), strconv.Itoa(len(r.pages))})
		if err != nil {
			return fmt.Errorf("render summary table: %w", err)
		}
	}
	if err := tbl.Render(); err != nil {
		return fmt.Errorf("render summary table: %w", err)
	}
	return nil
}

// pages prints a heading and a table of findings for each page, in the
// order the engine gave (sorted by url, then line, then rule). Grouping
// keeps first-seen order rather than sorting, so if findings ever arrive
// unsorted each page still gets a single section.
func (t tableWriter) pages(fs []checks.Finding) error {
	var order []string
	byURL := map[string][]checks.Finding{}
	for _, f := range fs {
		if _, seen := byURL[f.URL]; !seen {
			order = append(order, f.URL)
		}
		byURL[f.URL] = append(byURL[f.URL], f)
	}
	widths := findingColumns(fs)
	for _, url := range order {
		group := byURL[url]
		fmt.Fprintf(t.buf, "\n%s\n", t.paint(ansiBold, pageHeading(url, group[0].File)))
		tbl := t.newTable([]tw.Align{tw.AlignRight, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft},
			tw.NewMapper[int, int]().Set(3, messageWidth+cellPadding))
		tbl.Configure(func(c *tablewriter.Config) { c.Widths.PerColumn = widths })
		tbl.Header("Line", "Severity", "Rule", "Message")
		for _, f := range group {
			err := tbl.Append([]string{lineCell(f.Line), t.severity(f.Severity), clean(f.Rule), messageCell(f)})
			if err != nil {
				return fmt.Errorf("render findings of %s: %w", clean(url), err)
			}
		}
		if err := tbl.Render(); err != nil {
			return fmt.Errorf("render findings of %s: %w", clean(url), err)
		}
	}
	return nil
}

// minSitewidePages is how many pages must show the same finding before the
// table shows it once, as site-wide, instead of on every page.
const minSitewidePages = 3

// sitewideShown is how many page names a site-wide row lists.
const sitewideShown = 3

// A sitewideGroup is one finding repeated on many pages: a header menu, a
// footer notice. Issue 4: grouped by rule and normalized evidence, not by the
// per-page fingerprint.
type sitewideGroup struct {
	first    checks.Finding
	pages    []string
	findings int
}

// splitSitewide takes out the findings whose rule and evidence repeat on at
// least minSitewidePages pages. Findings without evidence (page-level ones)
// never group. The JSON and other machine formats still list every page.
func splitSitewide(fs []checks.Finding) ([]*sitewideGroup, []checks.Finding) {
	key := func(f checks.Finding) string {
		if f.Evidence == "" {
			return ""
		}
		return f.Rule + "\x00" + f.Target + "\x00" + strings.Join(strings.Fields(f.Evidence), " ")
	}
	groups := map[string]*sitewideGroup{}
	var order []string
	for _, f := range fs {
		k := key(f)
		if k == "" {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &sitewideGroup{first: f}
			groups[k] = g
			order = append(order, k)
		}
		if len(g.pages) == 0 || g.pages[len(g.pages)-1] != f.URL {
			g.pages = append(g.pages, f.URL)
		}
		g.findings++
	}
	var out []*sitewideGroup
	for _, k := range order {
		if g := groups[k]; len(g.pages) >= minSitewidePages {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return nil, fs
	}
	rest := make([]checks.Finding, 0, len(fs))
	for _, f := range fs {
		if g := groups[key(f)]; g == nil || len(g.pages) < minSitewidePages {
			rest = append(rest, f)
		}
	}
	return out, rest
}

// sitewide prints the findings repeated on many pages once each, with how
// many pages show them and the first few.
func (t tableWriter) sitewide(groups []*sitewideGroup) error {
	if len(groups) == 0 {
		return nil
	}
	fmt.Fprintf(t.buf, "\n%s\n", t.paint(ansiBold, "Site-wide: the same finding on many pages"))
	tbl := t.newTable([]tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft},
		tw.NewMapper[int, int]().Set(2, messageWidth+cellPadding))
	tbl.Header("Severity", "Rule", "Message")
	for _, g := range groups {
		shown := g.pages[:min(len(g.pages), sitewideShown)]
		names := make([]string, len(shown))
		for i, p := range shown {
			names[i] = clean(p)
		}
		more := ""
		if len(g.pages) > len(shown) {
			more = ", …"
		}
		where := fmt.Sprintf("same on %d pages: %s%s", len(g.pages), strings.Join(names, ", "), more)
		msg := messageCell(g.first) + "\n" + breakLongWords(where, messageWidth)
		if err := tbl.Append([]string{t.severity(g.first.Severity), clean(g.first.Rule), msg}); err != nil {
			return fmt.Errorf("render site-wide findings: %w", err)
		}
	}
	if err := tbl.Render(); err != nil {
		return fmt.Errorf("render site-wide findings: %w", err)
	}
	return nil
}

// cellPadding is the space tablewriter puts on either side of a cell.
const cellPadding = 2

// findingColumns sizes the columns of every page's table alike, from all the
// findings, so that the tables line up under each other. The message column
// is as wide as the widest message line, up to messageWidth, where it wraps.
func findingColumns(fs []checks.Finding) tw.Mapper[int, int] {
	line, rule, msg := len("LINE"), len("RULE"), len("MESSAGE")
	for _, f := range fs {
		line = max(line, len(lineCell(f.Line)))
		rule = max(rule, twwidth.Width(clean(f.Rule)))
		for l := range strings.SplitSeq(messageCell(f), "\n") {
			msg = max(msg, min(twwidth.Width(l), messageWidth))
		}
	}
	return tw.NewMapper[int, int]().
		Set(0, line+cellPadding).
		Set(1, len("SEVERITY")+cellPadding). // wider than every severity name
		Set(2, rule+cellPadding).
		Set(3, msg+cellPadding)
}

// totals prints the closing line, e.g. "3 errors, 5 warnings, 1 info on 4 of
// 42 pages": the pages are those with findings, out of those checked.
func (t tableWriter) totals(run Run) {
	c := countSeverities(run.Findings)
	pages := map[string]struct{}{}
	for _, f := range run.Findings {
		pages[f.URL] = struct{}{}
	}
	fmt.Fprintf(t.buf, "\n%s, %s, %s on %d of %s\n",
		t.count(c.Error, ansiRed, "error", "errors"),
		t.count(c.Warning, ansiYellow, "warning", "warnings"),
		t.count(c.Info, ansiCyan, "info", "info"),
		len(pages), plural(run.Pages, "page", "pages"))
}

// newTable makes a table in light box drawing with a rule under the header,
// cells left-aligned unless aligns says otherwise, and the columns in
// maxWidths wrapped at spaces.
func (t tableWriter) newTable(aligns []tw.Align, maxWidths tw.Mapper[int, int]) *tablewriter.Table {
	return tablewriter.NewTable(t.buf,
		tablewriter.WithRenderer(renderer.NewBlueprint()),
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Alignment: tw.CellAlignment{Global: tw.AlignLeft},
			},
			Row: tw.CellConfig{
				Formatting:   tw.CellFormatting{AutoWrap: tw.WrapNormal},
				Alignment:    tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns},
				ColMaxWidths: tw.CellWidth{PerColumn: maxWidths},
			},
		}),
	)
}

// messageCell is the message, with a link finding's target on a line of its
// own below it, so the reader sees which link failed without the evidence.
// tablewriter wraps at spaces only and lets a longer word stretch the
// column, so words wider than the column (URLs, mostly) are cut here.
func messageCell(f checks.Finding) string {
	lines := []string{breakLongWords(clean(f.Message), messageWidth)}
	if f.Target != "" {
		const arrow = "→ "
		parts := chunks(clean(f.Target), messageWidth-twwidth.Width(arrow))
		lines = append(lines, arrow+parts[0])
		lines = append(lines, parts[1:]...)
	}
	return strings.Join(lines, "\n")
}

// breakLongWords puts a line break inside every word of s wider than width.
func breakLongWords(s string, width int) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if twwidth.Width(w) > width {
			words[i] = strings.Join(chunks(w, width), "\n")
		}
	}
	return strings.Join(words, " ")
}

// chunks cuts s into pieces at most width columns wide (a single character
// wider than width still makes a piece). It always returns one piece or more.
func chunks(s string, width int) []string {
	var out []string
	var cur strings.Builder
	curWidth := 0
	for _, r := range s {
		rw := twwidth.Width(string(r))
		if curWidth+rw > width && cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			curWidth = 0
		}
		cur.WriteRune(r)
		curWidth += rw
	}
	return append(out, cur.String())
}

// pageHeading names a page by its url, adding the file in check mode when
// the url does not already say it (a folder's index, or --base-url).
func pageHeading(url, file string) string {
	if file == "" || strings.TrimPrefix(url, "/") == file {
		return clean(url)
	}
	return clean(url) + " (" + clean(file) + ")"
}

// lineCell shows an unknown line as "-" rather than 0, which is not a line.
func lineCell(line int) string {
	if line <= 0 {
		return "-"
	}
	return strconv.Itoa(line)
}

func (t tableWriter) severity(s checks.Severity) string {
	switch s {
	case checks.Error:
		return t.paint(ansiRed, s.String())
	case checks.Warning:
		return t.paint(ansiYellow, s.String())
	default:
		return t.paint(ansiCyan, s.String())
	}
}

// count formats n with its noun, coloured only when n is not zero.
func (t tableWriter) count(n int, code, one, many string) string {
	s := plural(n, one, many)
	if n == 0 {
		return s
	}
	return t.paint(code, s)
}

func (t tableWriter) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + ansiReset
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
