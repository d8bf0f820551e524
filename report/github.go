package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// GitHub Actions workflow commands, one line per finding:
//
//	::error file=public/blog/a.html,line=57,title=pagelint broken-link::link to /missing.html returns HTTP 404
//
// The runner turns each into an annotation on the file (check mode) or on
// the run (crawl mode, where the page url goes into the message instead).
// The runner reads a command only at the start of a line, so a page must
// never get a line break into the output: page text is cleaned (no
// controls) and then escaped as @actions/core's command.ts does, which
// also turns the line breaks we add on purpose into %0A. With a baseline,
// known findings become ::notice so that the few annotations GitHub shows
// per step go to the new ones.

// githubEscapeData escapes a command's message.
func githubEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubEscapeProperty escapes a property value, where ':' and ',' would
// end the value early.
func githubEscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func githubCommand(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	default:
		return "notice"
	}
}

// githubLine is the workflow command of one finding, without the newline.
func githubLine(run Run, f checks.Finding) string {
	cmd := githubCommand(f.Severity)
	title := "pagelint " + clean(f.Rule)
	if run.Baseline != nil && f.Baseline == "known" {
		cmd = "notice"
		title += " (known)"
	}
	var props []string
	if p, ok := sourcePath(run, f); ok {
		props = append(props, "file="+githubEscapeProperty(clean(p)))
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
		}
	}
	props = append(props, "title="+githubEscapeProperty(title))

	lines := []string{clean(f.Message)}
	if f.Target != "" {
		lines = append(lines, "→ "+clean(f.Target))
	}
	if _, ok := sourcePath(run, f); !ok {
		page := "page: " + clean(f.URL)
		if f.Line > 0 {
			page += " line " + strconv.Itoa(f.Line)
		}
		lines = append(lines, page)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubEscapeData(strings.Join(lines, "\n"))
}

// writeGitHub writes one command per finding, then one ::notice per run
// notice (a stopped crawl says so on the run's summary page).
func writeGitHub(w io.Writer, run Run, _ Options) error {
	var buf bytes.Buffer
	for _, f := range run.Findings {
		buf.WriteString(githubLine(run, f))
		buf.WriteString("\n")
	}
	for _, n := range run.Notices {
		fmt.Fprintf(&buf, "::notice title=pagelint::%s\n", githubEscapeData(clean(n)))
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write github report: %w", err)
	}
	return nil
}
