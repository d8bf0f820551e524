package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// The markdown format is a summary for a pull-request comment or
// $GITHUB_STEP_SUMMARY (GitHub Flavored Markdown): the verdict, counts per
// severity (and per baseline state), counts per rule, the most severe
// findings, and, when there are more than those, every finding in a
// collapsed <details>.
//
// Page text is untrusted here too: it could close a table cell, open a
// link or an image (a tracking pixel in a PR comment), add HTML, or mention
// a team. mdText escapes it.

// topFindings is how many findings the summary shows before the full list.
const topFindings = 10

// maxListed caps the collapsed full list: a PR comment holds 65,536
// characters and a step summary 1 MiB, and a list that long is read in the
// json or sarif report anyway.
const maxListed = 1000

func writeMarkdown(w io.Writer, run Run, _ Options) error {
	var buf bytes.Buffer
	m := mdWriter{buf: &buf, run: run}
	m.heading()
	m.counts()
	if len(run.Findings) > 0 {
		m.rules()
		m.top()
		if len(run.Findings) > topFindings {
			m.all()
		}
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

type mdWriter struct {
	buf *bytes.Buffer
	run Run
}

// heading gives the verdict as the exit code has it, then what was
// checked and the notices.
func (m mdWriter) heading() {
	run := m.run
	n := countFailing(run)
	qual := ""
	if run.Baseline != nil {
		qual = "new "
	}
	var verdict string
	switch {
	case n > 0:
		verdict = fmt.Sprintf("❌ pagelint: %d %s at or above %s", n, plural1(n, qual+"finding", qual+"findings"), run.FailOn.Min)
	case len(run.Findings) == 0:
		verdict = "✅ pagelint: no findings"
	case run.FailOn.Never:
		verdict = fmt.Sprintf("✅ pagelint: %s, none fails the build (--fail-on never)", plural(len(run.Findings), "finding", "findings"))
	default:
		verdict = fmt.Sprintf("✅ pagelint: no %sfindings at or above %s", qual, run.FailOn.Min)
	}
	fmt.Fprintf(m.buf, "## %s\n\n", verdict)

	state := "complete"
	if !run.Complete {
		state = "**incomplete**"
	}
	from := ""
	if run.Target != "" {
		from = " from " + mdText(run.Target)
	}
	fmt.Fprintf(m.buf, "%s checked%s (%s).\n", plural(run.Pages, "page", "pages"), from, state)
	if len(run.Notices) > 0 {
		m.buf.WriteString("\n")
		for _, n := range run.Notices {
			fmt.Fprintf(m.buf, "> %s\n", mdText(n))
		}
	}
}

// counts is a one-row table of the findings per severity, with the new,
// known and fixed counts of a baseline beside them.
func (m mdWriter) counts() {
	c := countSeverities(m.run.Findings)
	head := "| Errors | Warnings | Info |"
	rule := "| ---: | ---: | ---: |"
	row := fmt.Sprintf("| %d | %d | %d |", c.Error, c.Warning, c.Info)
	if b := m.run.Baseline; b != nil {
		head += " New | Known | Fixed |"
		rule += " ---: | ---: | ---: |"
		row += fmt.Sprintf(" %d | %d | %d |", b.New, b.Known, b.Fixed)
	}
	fmt.Fprintf(m.buf, "\n%s\n%s\n%s\n", head, rule, row)
}

// rules is a table of the rules with findings, most severe first, then by
// id, as in the table format; a rule that reports at several severities
// gets a row for each, so the rows add up to the counts.
func (m mdWriter) rules() {
	type key struct {
		rule string
		sev  checks.Severity
	}
	type row struct {
		key
		findings int
		pages    map[string]bool
	}
	rows := map[key]*row{}
	for _, f := range m.run.Findings {
		k := key{f.Rule, f.Severity}
		if rows[k] == nil {
			rows[k] = &row{key: k, pages: map[string]bool{}}
		}
		rows[k].findings++
		rows[k].pages[f.URL] = true
	}
	sorted := make([]*row, 0, len(rows))
	for _, r := range rows {
		sorted = append(sorted, r)
	}
	slices.SortFunc(sorted, func(a, b *row) int {
		return cmp.Or(cmp.Compare(b.sev, a.sev), strings.Compare(a.rule, b.rule))
	})
	m.buf.WriteString("\n### Findings per rule\n\n| Rule | Severity | Findings | Pages |\n| --- | --- | ---: | ---: |\n")
	for _, r := range sorted {
		fmt.Fprintf(m.buf, "| %s | %s | %d | %d |\n", mdCode(r.rule), r.sev, r.findings, len(r.pages))
	}
}

// top lists the first findings by importance: those that fail the build
// before those that do not (with a baseline, new before known), then the
// most severe, keeping the engine's order (page, line, rule) within each.
func (m mdWriter) top() {
	fs := slices.Clone(m.run.Findings)
	slices.SortStableFunc(fs, func(a, b checks.Finding) int {
		return cmp.Or(-cmp.Compare(m.counted(a), m.counted(b)), cmp.Compare(b.Severity, a.Severity))
	})
	n := min(len(fs), topFindings)
	title := fmt.Sprintf("Top %d findings", n)
	if n == len(fs) {
		title = "Findings"
	}
	fmt.Fprintf(m.buf, "\n### %s\n\n", title)
	m.table(fs[:n], false)
}

// counted ranks a finding for top: 1 unless a baseline already knows it.
func (m mdWriter) counted(f checks.Finding) int {
	if m.run.Baseline != nil && f.Baseline == "known" {
		return 0
	}
	return 1
}

// all is every finding in the engine's order, collapsed.
func (m mdWriter) all() {
	fs := m.run.Findings
	summary := "All " + plural(len(fs), "finding", "findings")
	if len(fs) > maxListed {
		summary += fmt.Sprintf(" (the first %d)", maxListed)
		fs = fs[:maxListed]
	}
	// The blank lines around the table let GitHub render markdown inside the HTML block.
	fmt.Fprintf(m.buf, "\n<details><summary>%s</summary>\n\n", summary)
	m.table(fs, true)
	if len(fs) < len(m.run.Findings) {
		fmt.Fprintf(m.buf, "\n%d more in the json or sarif report.\n", len(m.run.Findings)-len(fs))
	}
	m.buf.WriteString("\n</details>\n")
}

// table writes findings as a table: page, line, severity (in the full
// list), rule, message, and with a baseline whether each is new.
func (m mdWriter) table(fs []checks.Finding, full bool) {
	baseline := m.run.Baseline != nil
	head, rule := []string{"Page", "Line"}, []string{"---", "---:"}
	if full {
		head, rule = append(head, "Severity"), append(rule, "---")
	}
	head, rule = append(head, "Rule", "Message"), append(rule, "---", "---")
	if baseline {
		head, rule = append(head, "Baseline"), append(rule, "---")
	}
	fmt.Fprintf(m.buf, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(rule, " | "))
	for _, f := range fs {
		cells := []string{mdPage(m.run, f), mdLine(f.Line)}
		if full {
			cells = append(cells, f.Severity.String())
		}
		msg := mdText(f.Message)
		if f.Target != "" {
			msg += "<br>→ " + mdText(f.Target)
		}
		cells = append(cells, mdCode(f.Rule), msg)
		if baseline {
			cells = append(cells, mdText(f.Baseline))
		}
		fmt.Fprintf(m.buf, "| %s |\n", strings.Join(cells, " | "))
	}
}

// mdPage names a finding's page: in check mode its file as the repository
// has it (what a reviewer opens in the pull request), else its url.
func mdPage(run Run, f checks.Finding) string {
	if p, ok := sourcePath(run, f); ok {
		return mdText(p)
	}
	return mdText(f.URL)
}

func mdLine(line int) string {
	if line <= 0 {
		return ""
	}
	return strconv.Itoa(line)
}

// mdEscaper backslash-escapes the characters that start markdown
// formatting (emphasis, code, links, tables, strikethrough, a backslash
// that would escape our own escape) and writes the HTML-significant ones
// as entities, so that no page text becomes markup.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`,
	"|", `\|`,
	"`", "\\`",
	"*", `\*`,
	"_", `\_`,
	"[", `\[`,
	"]", `\]`,
	"~", `\~`,
	"<", "&lt;",
	">", "&gt;",
	"&", "&amp;",
	// A word joiner after @ stops GitHub from turning "@org/team" in a page
	// title into a mention that notifies people from a PR comment.
	"@", "@\u2060",
)

// mdText makes page text one line of inert markdown: clean turns line
// breaks into spaces (a newline would end a table row) and controls into
// U+FFFD, then mdEscaper neutralises the markup.
func mdText(s string) string {
	return mdEscaper.Replace(clean(s))
}

// mdCode shows a rule id as code; an id with a backtick (none of
// pagelint's) is escaped as text instead.
func mdCode(s string) string {
	s = clean(s)
	if s == "" || strings.ContainsAny(s, "`|") {
		return mdText(s)
	}
	return "`" + s + "`"
}

// plural1 is plural without the number.
func plural1(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
