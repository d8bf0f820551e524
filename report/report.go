package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
)

// Run is what a run produced, ready to report.
type Run struct {
	Target   string           // start URL or folder
	Pages    int              // pages checked
	Complete bool             // false when the run stopped with pages of its scope unfetched
	Notices  []string         // run-level notes, one sentence each
	Findings []checks.Finding // already sorted and fingerprinted by the engine; reporters never sort

	Mode        string          // "check" or "crawl"
	SiteRoot    string          // check mode: absolute path of the site root folder
	SourceRoot  string          // absolute path that SARIF file URIs are relative to (--source-root)
	Rules       []*checks.Check // the rules of the run (SARIF tool.driver); nil means checks.All()
	FailOn      checks.FailOn   // the --fail-on threshold (JUnit failures, markdown)
	Baseline    *BaselineCounts // set when the run compared with a baseline
	ToolVersion string          // pagelint's version, for SARIF tool.driver
	History     []RunPoint      // with --history: the last runs of this target, oldest first, this one last (html trend)
	Changes     *Changes        // with --history: what changed since the previous run of this target (html)
}

// A RunPoint is one stored run, counted per severity, for the trend chart.
type RunPoint struct {
	ID                     int64
	Start                  time.Time
	Complete               bool
	Errors, Warnings, Info int
}

// Changes compare a run with the previous run of its target in the history.
// NotChecked counts findings of the previous run on pages this run did not
// check: they are neither fixed nor still there, as far as anyone knows.
type Changes struct {
	SinceRun   int64
	SinceStart time.Time
	New        []checks.Finding
	Fixed      []checks.Finding
	Persisting int
	NotChecked int
}

// BaselineCounts compare a run with a baseline: findings not in it (New),
// findings in it (Known), and baseline findings no longer found on a page
// that was checked (Fixed).
type BaselineCounts struct {
	New, Known, Fixed int
}

// Options tune human output. Machine formats ignore them.
type Options struct {
	Color bool // ANSI colour (the CLI sets it only for a terminal without NO_COLOR)
}

// writers maps each --format name to its reporter.
var writers = map[string]func(io.Writer, Run, Options) error{
	"github":   writeGitHub,
	"html":     writeHTML,
	"json":     writeJSON,
	"junit":    writeJUnit,
	"markdown": writeMarkdown,
	"sarif":    writeSARIF,
	"table":    writeTable,
}

// Formats lists the format names Write accepts, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(writers))
}

// Write renders run in format to w. An unknown format is an error naming the
// format and the known ones, so the CLI can exit 2 before anything is written.
func Write(w io.Writer, format string, run Run, opts Options) error {
	write, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown format %q (want %s)", format, orList(Formats()))
	}
	return write(w, run, opts)
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// counts is the number of findings per severity.
type counts struct {
	Error, Warning, Info int
}

func countSeverities(fs []checks.Finding) counts {
	var c counts
	for _, f := range fs {
		switch f.Severity {
		case checks.Error:
			c.Error++
		case checks.Warning:
			c.Warning++
		default: // Severity.String names anything else "info"; count it the same way
			c.Info++
		}
	}
	return c
}

// clean makes untrusted text safe to print on a terminal. Whitespace controls
// (tab, newline, carriage return, vertical tab, form feed, and the Unicode
// line and paragraph separators) become a space, so a message stays on its
// line and a CR cannot return the cursor to overwrite what came before. Every
// other C0 or C1 control, DEL, invalid UTF-8 and the bidirectional embedding,
// override and isolate characters become U+FFFD, so the reader still sees that
// something was there while ESC, CSI (U+009B) and OSC sequences lose their
// power to move the cursor, clear the screen, set the title or recolour text.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte arrives as utf8.RuneError and is written as U+FFFD
		switch {
		case isSpaceControl(r):
			b.WriteByte(' ')
		case isControl(r) || isBidiControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if isSpaceControl(r) || isControl(r) || isBidiControl(r) {
			return true
		}
	}
	return false
}

func isSpaceControl(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', '\u2028', '\u2029':
		return true
	}
	return false
}

// isControl reports C0 controls, DEL and C1 controls.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

// isBidiControl reports the characters that change the direction of the text
// after them (embeddings, overrides, isolates): a page could use them to make
// a terminal line read differently from what it contains.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
