package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pagelint/pagelint/checks"
	"gopkg.in/yaml.v3"
)

// The defaults the starter shows. They mirror the flag defaults of the
// commands in cmd/pagelint (fail-on, format, crawl and check flags); keep
// them in step when a flag default changes.
const (
	defaultFailOn      = "error"
	defaultFormat      = "table"
	defaultMaxPages    = 10000
	defaultMaxDepth    = -1
	defaultConcurrency = 8
	defaultDelay       = time.Duration(0)
	defaultTimeout     = 15 * time.Second
)

// Starter returns the commented starter config `pagelint init` writes: every
// setting is commented out and shows its default (or, for settings with no
// default, an example), and every rule of the registry is listed with its
// default severity and options. Parsed as it is, it changes nothing.
func Starter(rules []*checks.Check) string {
	return starter(rules, commented)
}

// How much of the starter is live; the tests parse the other levels to prove
// that what the comments show is valid and is the default.
type level int

const (
	commented level = iota // everything commented out: what `pagelint init` writes
	defaults               // the lines that show a default are live
	examples               // the example lines are live too
)

type starterWriter struct {
	b     strings.Builder
	level level
}

// prose writes a top-level comment, wrapped.
func (w *starterWriter) prose(text string) {
	for _, line := range wrap(text, 78-2) {
		w.b.WriteString("# " + line + "\n")
	}
}

// line writes a setting: live from level live on, else commented out. The
// "# " goes at the indent of the section it belongs to (sectionIndent), so
// removing it leaves valid YAML at the right depth.
func (w *starterWriter) line(live level, sectionIndent int, text string) {
	pad := strings.Repeat(" ", sectionIndent)
	if w.level >= live {
		w.b.WriteString(pad + text + "\n")
		return
	}
	w.b.WriteString(pad + "# " + text + "\n")
}

func (w *starterWriter) blank() { w.b.WriteString("\n") }

// A setting line with an optional trailing comment.
type setting struct {
	live    level
	text    string
	comment string
}

// group writes settings with their trailing comments lined up.
func (w *starterWriter) group(sectionIndent int, items []setting) {
	width := 0
	for _, it := range items {
		if it.comment != "" {
			width = max(width, len(it.text))
		}
	}
	width = min(width, 40)
	for _, it := range items {
		text := it.text
		if it.comment != "" {
			text += strings.Repeat(" ", max(width-len(text), 0)) + "  # " + it.comment
		}
		w.line(it.live, sectionIndent, text)
	}
}

func starter(rules []*checks.Check, lvl level) string {
	w := &starterWriter{level: lvl}
	w.prose("pagelint configuration. Reference: https://github.com/pagelint/pagelint/blob/main/docs/config.md")
	w.b.WriteString("#\n")
	w.prose("pagelint reads the first .pagelint.yml found in the current folder or its parents, or the file given with --config. Every setting below is commented out and shows its default (or an example); remove the \"# \" to change it. A flag given on the command line wins over this file. Unknown keys are errors, so a typo never goes unnoticed.")
	w.blank()

	w.prose("Exit 1 when a finding is at or above this severity: error, warning, info or never.")
	w.line(defaults, 0, "fail-on: "+defaultFailOn)
	w.blank()
	w.prose("The format of the main report: table, json, and the others `pagelint check --help` lists.")
	w.line(defaults, 0, "format: "+defaultFormat)
	w.blank()

	w.prose("The date that date rules (stale reviews, expired offers, copyright years) compare with, as 2026-01-31 or an RFC 3339 time. Unset: the start of the run. Pin it in tests to make them reproducible. Same as --now.")
	w.line(examples, 0, "now: 2026-01-31")
	w.blank()

	w.prose(`Rules, each with its default. A rule takes a severity (error, warning or info), "off", "on", or a mapping of severity, off (true or false) and the rule's own options. A severity set here applies to all of the rule's findings.`)
	w.b.WriteString("rules:\n")
	var items []setting
	for _, r := range rules {
		summary := oneLine(r.Summary)
		if len(r.Options) == 0 {
			items = append(items, setting{defaults, fmt.Sprintf("%s: %s", r.ID, r.Severity), summary})
			continue
		}
		items = append(items, setting{defaults, r.ID + ":", summary},
			setting{defaults, "  severity: " + r.Severity.String(), ""})
		for _, o := range r.Options {
			for _, l := range wrap(oneLine(o.Doc), 78-8) {
				items = append(items, setting{defaults, "  # " + l, ""})
			}
			items = append(items, setting{defaults, fmt.Sprintf("  %s: %s", o.Name, yamlValue(o.Default)), ""})
		}
	}
	w.group(2, items)
	w.blank()

	w.prose(`Pages that get no findings, as globs on the site path ("/blog/a.html"; a folder index is "/blog/"). "**" crosses folders, "*" and "?" stay within one folder, and a glob without a leading / matches at any depth.`)
	w.b.WriteString("ignore:\n")
	w.line(examples, 2, "- /drafts/**")
	w.line(examples, 2, `- "*.pdf"`)
	w.blank()

	w.prose("Link targets to leave unchecked: regular expressions (Go RE2 syntax) on the link as resolved. A target that matches an include is checked even when an exclude matches it.")
	w.b.WriteString("links:\n")
	w.line(examples, 2, "exclude:")
	w.line(examples, 2, `  - '^https://(www\.)?linkedin\.com/'`)
	w.line(examples, 2, "include:")
	w.line(examples, 2, `  - '^https://(www\.)?linkedin\.com/company/pagelint/'`)
	w.blank()

	w.prose("pagelint crawl URL. timeout and user-agent also apply to check --check-external.")
	w.b.WriteString("crawl:\n")
	w.group(2, []setting{
		{defaults, fmt.Sprintf("max-pages: %d", defaultMaxPages), "pages to read at most; 0: no limit"},
		{defaults, fmt.Sprintf("max-depth: %d", defaultMaxDepth), "links to follow from the start page; -1: no limit"},
		{defaults, fmt.Sprintf("concurrency: %d", defaultConcurrency), "requests in flight to the site"},
		{defaults, "delay: " + fmtDuration(defaultDelay), "pause after each request to the site"},
		{defaults, "timeout: " + fmtDuration(defaultTimeout), "per request, body included"},
		{examples, `user-agent: "my-site-checker/1.0"`, "default: pagelint/VERSION (+https://github.com/pagelint/pagelint)"},
		{examples, "scope: /blog/", "follow only pages under this path; default: the whole site"},
		{defaults, "ignore-robots: false", "true: also fetch pages robots.txt disallows"},
		{defaults, "skip-external: false", "true: check no link to another site"},
		{defaults, "max-duration: 0s", "stop the crawl after this long; 0s: no limit"},
		{defaults, "max-url-length: 2048", "do not follow longer links to pages of the site; 0: no limit"},
		{defaults, "max-per-pattern: 1000", "pages per URL pattern (numbers as N); 0: no limit"},
	})
	w.blank()

	w.prose("pagelint check PATH. A relative root is relative to the folder of this file.")
	w.b.WriteString("check:\n")
	w.group(2, []setting{
		{examples, "base-url: https://example.org/", "where the folder is served; links to it resolve in the folder"},
		{examples, "root: public", "the site root /paths resolve against; default: the folder given"},
		{defaults, "pretty-urls: false", "true: a.html is also served at /a"},
		{defaults, "check-external: false", "true: also check links to other sites over HTTP"},
	})
	w.blank()

	w.prose("Other rule settings under some paths, on top of rules above; when several overrides match a page, the later one wins.")
	w.b.WriteString("overrides:\n")
	example, sev := "broken-link", checks.Warning
	if len(rules) > 0 {
		example = rules[0].ID
		if rules[0].Severity != checks.Error {
			sev = checks.Error
		}
	}
	w.line(examples, 2, `- paths: ["/blog/**"]`)
	w.line(examples, 2, "  rules:")
	w.line(examples, 2, "    "+example+": "+sev.String())
	w.line(examples, 2, `- paths: ["/archive/**", "/legacy/*.html"]`)
	w.line(examples, 2, "  rules:")
	w.line(examples, 2, "    "+example+": off")
	return w.b.String()
}

// yamlValue writes an option default as YAML.
func yamlValue(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return yamlString(x)
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = strconv.Quote(s) // a Go quoted string is a valid YAML double-quoted one
		}
		return "[" + strings.Join(q, ", ") + "]"
	case time.Duration:
		return fmtDuration(x)
	}
	return fmt.Sprint(v)
}

// yamlString quotes s only when YAML would otherwise read it as something
// else.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, "\n\r\t#") {
		return strconv.Quote(s)
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	plain := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(plain, "\n") {
		return strconv.Quote(s)
	}
	return plain
}

// fmtDuration drops the zero tails of time.Duration.String: 720h, not 720h0m0s.
func fmtDuration(t time.Duration) string {
	s := t.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(text) {
		if cur.Len() > 0 && len([]rune(cur.String()))+1+len([]rune(word)) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
