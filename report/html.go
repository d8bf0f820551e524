package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// The HTML report is one file that opens offline: inline CSS, inline SVG
// charts and a small script, nothing fetched. Every string that comes from a
// page (urls, messages, evidence, targets, even rule ids read back from a
// history file) goes through html/template, which escapes it for the context
// it lands in (text, attribute, URL). A Content-Security-Policy that allows
// only the report's own script, by hash, is a second line: even text that got
// past the escaping could not run.

// maxTrend is how many runs the trend chart shows, the newest last.
const maxTrend = 20

// maxChanged is how many new or fixed findings the changes section lists
// (all of them are in the table; fixed ones are only here).
const maxChanged = 200

// maxBars is how many rules or sections a bar chart shows.
const maxBars = 12

type htmlData struct {
	Target, Mode     string
	When             string // the run's start, from the history
	Complete         bool
	Notices          []string
	Pages, Problems  int // pages checked, pages with findings
	Errors, Warnings int
	Info, Total      int
	Rules            []string // ids with findings, for the filter
	RuleChart        *barChart
	SectionChart     *barChart
	Trend            *trendChart
	Changes          *htmlChanges
	Findings         []htmlFinding
	Script           template.JS
	CSP              string
	FailOn           string // "" with --fail-on never
	Failing          int
	ToolVersion      string
	Empty            bool
}

type htmlFinding struct {
	Index    int
	Rule     string
	Severity string
	Rank     int // for sorting: error 3, warning 2, info 1
	URL      string
	Link     any // string (sanitized by html/template) or template.URL we built
	Path     string
	Line     int
	File     string
	Target   string
	Message  string
	Evidence string
	Help     string
	New      bool
}

type htmlChanges struct {
	SinceRun                 int64
	SinceStart               string
	New, Fixed               []htmlFinding
	NewMore, FixedMore       int // beyond maxChanged
	NNew, NFixed             int
	Persisting, NotChecked   int
	NewErrors, NewWarnings   int
	FixedErrors, FixedOthers int
}

type barChart struct {
	Title, Label string
	Height       int
	Rows         []barRow
}

type barRow struct {
	Label    string
	Y, TextY int
	Segments []barSegment
	Total    int
	TotalX   int
}

type barSegment struct {
	Class string
	X, W  int
	N     int
}

type trendChart struct {
	Width, Height int
	Lines         []trendLine
	Points        []trendPoint
	Ticks         []trendTick
	Max           int
	Runs          int
}

type trendLine struct {
	Class, Label, Points string
}

type trendPoint struct {
	Class string
	X, Y  int
	Title string
}

type trendTick struct {
	X     int
	Label string
	Y     int
	Text  string
}

// chart geometry, in SVG user units.
const (
	barLabelW = 170
	barMaxW   = 330
	barH      = 18
	barGap    = 6
	trendW    = 640
	trendH    = 220
	trendPad  = 36
)

func writeHTML(w io.Writer, run Run, _ Options) error {
	data := htmlModel(run)
	if err := htmlTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

func htmlModel(run Run) htmlData {
	c := countSeverities(run.Findings)
	d := htmlData{
		Target: clean(run.Target), Mode: run.Mode, Complete: run.Complete,
		Pages: run.Pages, Errors: c.Error, Warnings: c.Warning, Info: c.Info, Total: len(run.Findings),
		Script: template.JS(htmlScript), CSP: htmlCSP, ToolVersion: run.ToolVersion,
		Empty: len(run.Findings) == 0,
	}
	for _, n := range run.Notices {
		d.Notices = append(d.Notices, clean(n))
	}
	if n := len(run.History); n > 0 {
		d.When = run.History[n-1].Start.UTC().Format("2006-01-02 15:04 UTC")
	}
	newFP := map[string]bool{}
	if run.Changes != nil {
		for _, f := range run.Changes.New {
			newFP[f.Fingerprint] = true
		}
	}
	help := map[string]string{}
	for _, c := range rulesOf(run) {
		help[c.ID] = c.Help
	}
	pages := map[string]bool{}
	rules := map[string]bool{}
	for i, f := range run.Findings {
		hf := toHTMLFinding(run, help, i, f)
		hf.New = newFP[f.Fingerprint]
		d.Findings = append(d.Findings, hf)
		pages[hf.Path] = true
		rules[f.Rule] = true
	}
	d.Problems = len(pages)
	d.Rules = slices.Sorted(func(yield func(string) bool) {
		for r := range rules {
			if !yield(r) {
				return
			}
		}
	})
	if !run.FailOn.Never && run.FailOn.Min != 0 {
		d.FailOn = run.FailOn.Min.String()
		for _, f := range run.Findings {
			if f.Severity >= run.FailOn.Min && (run.Baseline == nil || f.Baseline != "known") {
				d.Failing++
			}
		}
	}
	d.RuleChart = bars("Findings per rule", "rule", run.Findings, func(f checks.Finding) string { return f.Rule })
	d.SectionChart = bars("Worst sections", "section", run.Findings, func(f checks.Finding) string {
		return section(findingPath(f))
	})
	d.Trend = trend(run.History)
	if ch := run.Changes; ch != nil {
		hc := &htmlChanges{SinceRun: ch.SinceRun, NNew: len(ch.New), NFixed: len(ch.Fixed),
			Persisting: ch.Persisting, NotChecked: ch.NotChecked}
		if !ch.SinceStart.IsZero() {
			hc.SinceStart = ch.SinceStart.UTC().Format("2006-01-02 15:04 UTC")
		}
		for i, f := range ch.New {
			if f.Severity == checks.Error {
				hc.NewErrors++
			} else {
				hc.NewWarnings++
			}
			if i < maxChanged {
				hc.New = append(hc.New, toHTMLFinding(run, help, i, f))
			}
		}
		for i, f := range ch.Fixed {
			if f.Severity == checks.Error {
				hc.FixedErrors++
			} else {
				hc.FixedOthers++
			}
			if i < maxChanged {
				hc.Fixed = append(hc.Fixed, toHTMLFinding(run, help, i, f))
			}
		}
		hc.NewMore, hc.FixedMore = max(len(ch.New)-maxChanged, 0), max(len(ch.Fixed)-maxChanged, 0)
		d.Changes = hc
	}
	return d
}

func toHTMLFinding(run Run, help map[string]string, i int, f checks.Finding) htmlFinding {
	h := f.Help
	if h == "" {
		h = help[f.Rule]
	}
	// clean, on top of the escaping: a bidi override in a message would
	// make the text read differently from what the page has, and an ESC or
	// CR would show as an odd glyph or break the line.
	return htmlFinding{
		Index: i, Rule: clean(f.Rule), Severity: f.Severity.String(), Rank: int(f.Severity),
		URL: clean(f.URL), Link: pageLink(run, f), Path: clean(findingPath(f)), Line: max(f.Line, 0), File: clean(f.File),
		Target: clean(f.Target), Message: clean(f.Message), Evidence: clean(f.Evidence), Help: clean(h),
	}
}

// pageLink is where a finding's page opens: its URL in crawl mode (html/template
// drops any scheme but http, https and mailto), the file itself in check mode.
func pageLink(run Run, f checks.Finding) any {
	if full, ok := absFile(run, f); ok {
		// We build this URL from an absolute file name, so it cannot carry
		// another scheme; url.URL escapes the path so it stays one URL.
		p := filepath.ToSlash(full)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/...
		}
		return template.URL((&url.URL{Scheme: "file", Path: p}).String()) //nolint:gosec // built here, see above
	}
	return f.URL
}

// findingPath is the page's site path: Path when the engine set it, else the
// path of its URL (a finding read back from a JSON report has only the url).
func findingPath(f checks.Finding) string {
	if f.Path != "" {
		return f.Path
	}
	if strings.HasPrefix(f.URL, "/") {
		return f.URL
	}
	u, err := url.Parse(f.URL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.EscapedPath()
}

// section is the first folder of a site path: "/blog/" for "/blog/2024/a.html",
// "/" for a page at the root.
func section(path string) string {
	path, _, _ = strings.Cut(path, "?")
	rest := strings.TrimPrefix(path, "/")
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return "/" + rest[:i+1]
	}
	return "/"
}

// bars groups findings by key into a horizontal bar chart, one bar per key
// split by severity, most findings (then most errors) first.
func bars(title, label string, fs []checks.Finding, key func(checks.Finding) string) *barChart {
	if len(fs) == 0 {
		return nil
	}
	type group struct {
		key string
		n   [4]int // by severity: index 1 info, 2 warning, 3 error
		all int
	}
	by := map[string]*group{}
	for _, f := range fs {
		k := key(f)
		g := by[k]
		if g == nil {
			g = &group{key: k}
			by[k] = g
		}
		sev := min(max(int(f.Severity), 1), 3)
		g.n[sev]++
		g.all++
	}
	groups := make([]*group, 0, len(by))
	for _, g := range by {
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(b.all, a.all), cmp.Compare(b.n[3], a.n[3]), strings.Compare(a.key, b.key))
	})
	if len(groups) > maxBars {
		groups = groups[:maxBars]
	}
	most := groups[0].all
	chart := &barChart{Title: title, Label: label}
	for i, g := range groups {
		y := i * (barH + barGap)
		row := barRow{Label: shorten(clean(g.key), 26), Y: y, TextY: y + barH - 5, Total: g.all}
		x := barLabelW
		for _, sev := range []int{3, 2, 1} {
			if g.n[sev] == 0 {
				continue
			}
			w := max(g.n[sev]*barMaxW/most, 2)
			row.Segments = append(row.Segments, barSegment{Class: "sev-" + checks.Severity(sev).String(), X: x, W: w, N: g.n[sev]})
			x += w
		}
		row.TotalX = x + 6
		chart.Rows = append(chart.Rows, row)
	}
	chart.Height = len(groups)*(barH+barGap) - barGap
	return chart
}

// shorten cuts s to n runes with an ellipsis, for a chart label.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// trend draws findings per severity over the last runs, oldest on the left.
func trend(history []RunPoint) *trendChart {
	if len(history) == 0 {
		return nil
	}
	if len(history) > maxTrend {
		history = history[len(history)-maxTrend:]
	}
	most := 1
	for _, p := range history {
		most = max(most, p.Errors, p.Warnings, p.Info)
	}
	t := &trendChart{Width: trendW, Height: trendH, Max: most, Runs: len(history)}
	plotW, plotH := trendW-2*trendPad, trendH-2*trendPad
	x := func(i int) int {
		if len(history) == 1 {
			return trendPad + plotW/2
		}
		return trendPad + i*plotW/(len(history)-1)
	}
	y := func(n int) int { return trendPad + plotH - n*plotH/most }
	for _, s := range []struct {
		class, label string
		n            func(RunPoint) int
	}{
		{"sev-error", "errors", func(p RunPoint) int { return p.Errors }},
		{"sev-warning", "warnings", func(p RunPoint) int { return p.Warnings }},
		{"sev-info", "info", func(p RunPoint) int { return p.Info }},
	} {
		var pts []string
		for i, p := range history {
			n := s.n(p)
			pts = append(pts, strconv.Itoa(x(i))+","+strconv.Itoa(y(n)))
			t.Points = append(t.Points, trendPoint{Class: s.class, X: x(i), Y: y(n),
				Title: fmt.Sprintf("run #%d: %d %s", p.ID, n, s.label)})
		}
		t.Lines = append(t.Lines, trendLine{Class: s.class, Label: s.label, Points: strings.Join(pts, " ")})
	}
	for i, p := range history {
		label := "#" + strconv.FormatInt(p.ID, 10)
		if !p.Complete {
			label += "*"
		}
		t.Ticks = append(t.Ticks, trendTick{X: x(i), Label: label, Y: trendH - trendPad + 16, Text: p.Start.UTC().Format("Jan 2")})
	}
	return t
}

// htmlCSP allows nothing but the inline style and the report's own script:
// the file fetches nothing, and no injected script could run.
var htmlCSP = func() string {
	sum := sha256.Sum256([]byte(htmlScript))
	return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
}).Parse(htmlSource))

// htmlScript filters and sorts the findings table. The filter state is read
// from the URL fragment too (#rule=broken-link&severity=error&path=/blog/),
// so a link can point at a filtered view; it writes what it shows into the
// DOM (data-shown), which the browser test reads.
const htmlScript = `(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (e) { root.setAttribute("data-js-error", String(e.message)); });
  var tbody = document.getElementById("rows");
  if (!tbody) { root.setAttribute("data-ready", "1"); return; }
  var rows = Array.prototype.slice.call(tbody.rows);
  var fRule = document.getElementById("f-rule");
  var fSev = document.getElementById("f-severity");
  var fPath = document.getElementById("f-path");
  var fNew = document.getElementById("f-new");
  var shown = document.getElementById("shown");
  function apply() {
    var rule = fRule.value, sev = fSev.value, path = fPath.value.trim(), onlyNew = fNew && fNew.checked;
    var n = 0;
    rows.forEach(function (tr) {
      var ok = (!rule || tr.getAttribute("data-rule") === rule) &&
        (!sev || tr.getAttribute("data-severity") === sev) &&
        (!path || tr.getAttribute("data-path").indexOf(path) !== -1) &&
        (!onlyNew || tr.hasAttribute("data-new"));
      tr.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + " of " + rows.length + " findings shown";
    shown.setAttribute("data-shown", String(n));
  }
  function choose(sel, v) { sel.value = v; if (sel.value !== v) { sel.value = ""; } }
  function fromHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    choose(fRule, p.get("rule") || "");
    choose(fSev, p.get("severity") || "");
    fPath.value = p.get("path") || "";
    if (fNew) { fNew.checked = p.get("new") === "1"; }
    apply();
  }
  fRule.addEventListener("change", apply);
  fSev.addEventListener("change", apply);
  fPath.addEventListener("input", apply);
  if (fNew) { fNew.addEventListener("change", apply); }
  var order = {};
  Array.prototype.forEach.call(document.querySelectorAll("th[data-sort] button"), function (b) {
    b.addEventListener("click", function () {
      var th = b.parentNode, key = th.getAttribute("data-sort"), num = th.hasAttribute("data-numeric");
      var dir = order[key] = order[key] === 1 ? -1 : 1;
      rows.sort(function (x, y) {
        var a = x.getAttribute("data-k-" + key), c = y.getAttribute("data-k-" + key);
        var d = num ? Number(a) - Number(c) : a.localeCompare(c);
        return dir * d || Number(x.getAttribute("data-i")) - Number(y.getAttribute("data-i"));
      });
      rows.forEach(function (tr) { tbody.appendChild(tr); });
      Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    });
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  root.setAttribute("data-ready", "1");
})();
`

const htmlSource = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="generator" content="pagelint{{with .ToolVersion}} {{.}}{{end}}">
<title>pagelint report: {{.Target}}</title>
<style>
:root { --error: #c62828; --warning: #a15c00; --info: #1565c0; --ok: #2e7d32; --line: #d9dde3; --muted: #5f6670; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2125; background: #f6f7f9; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.muted { color: var(--muted); }
section.card, .cards > div { background: #fff; border: 1px solid var(--line); border-radius: 8px; }
section.card { padding: 14px 18px; margin-bottom: 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 16px 0; }
.cards > div { padding: 12px 16px; }
.cards b { display: block; font-size: 28px; line-height: 1.2; }
.cards .error b { color: var(--error); } .cards .warning b { color: var(--warning); } .cards .info b { color: var(--info); }
.notice { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 8px; padding: 8px 14px; margin: 8px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .label { fill: #1d2125; } svg .axis { stroke: var(--line); } svg .tick { fill: var(--muted); }
.sev-error { fill: var(--error); stroke: var(--error); } .sev-warning { fill: var(--warning); stroke: var(--warning); } .sev-info { fill: var(--info); stroke: var(--info); }
svg.trend polyline { fill: none; stroke-width: 2; }
section.card h2 { margin-top: 0; }
.legend span { margin-right: 14px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.legend .error i { background: var(--error); } .legend .warning i { background: var(--warning); } .legend .info i { background: var(--info); }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.badge.new { background: #6a1b9a; } .badge.fixed { background: var(--ok); }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 10px 0; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
.filters select, .filters input[type=search] { font: inherit; padding: 4px 6px; min-width: 180px; }
.filters label.check { flex-direction: row; gap: 6px; align-items: center; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { background: #eef0f3; font-size: 13px; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
td.page { max-width: 320px; overflow-wrap: anywhere; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f3f5; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; white-space: pre-wrap; }
.msg { margin: 0 0 4px; overflow-wrap: anywhere; } .evidence, .fix, .target { margin: 2px 0; font-size: 13px; }
.fix { color: var(--muted); }
ul.changes { padding-left: 20px; } ul.changes li { margin: 4px 0; overflow-wrap: anywhere; }
footer { max-width: 1200px; margin: 0 auto; padding: 16px 24px 40px; font-size: 13px; color: var(--muted); }
</style>
</head>
<body>
<header>
<h1>Site health: {{.Target}}</h1>
<p class="muted">{{if .When}}Run of {{.When}}. {{end}}{{if eq .Mode "check"}}Checked a site folder{{else}}Crawled{{end}}: {{plural .Pages "page" "pages"}}{{if not .Complete}}, <strong>incomplete</strong>: some pages of the site were not checked{{end}}.
{{- if .FailOn}} {{if .Failing}}<strong>{{plural .Failing "finding" "findings"}} at or above {{.FailOn}}</strong>{{else}}No finding at or above {{.FailOn}}{{end}}.{{end}}</p>
{{range .Notices}}<p class="notice">{{.}}</p>
{{end}}</header>
<main>
<div class="cards" id="summary">
<div class="error"><b>{{.Errors}}</b>errors</div>
<div class="warning"><b>{{.Warnings}}</b>warnings</div>
<div class="info"><b>{{.Info}}</b>info</div>
<div><b>{{.Pages}}</b>pages checked</div>
<div><b>{{.Problems}}</b>pages with problems</div>
</div>
{{with .Changes}}
<section class="card" id="changes">
<h2>Since run #{{.SinceRun}}{{with .SinceStart}} ({{.}}){{end}}</h2>
<p><span class="badge new">{{.NNew}} new</span> <span class="badge fixed">{{.NFixed}} fixed</span> {{.Persisting}} persisting{{if .NotChecked}}, {{.NotChecked}} not checked (on pages this run did not check){{end}}</p>
{{if .New}}<h3>New</h3>
<ul class="changes" id="new">
{{range .New}}<li><span class="badge {{.Severity}}">{{.Severity}}</span> <code>{{.Rule}}</code> on <a href="{{.Link}}">{{.URL}}</a>{{if .Line}}:{{.Line}}{{end}}: {{.Message}}</li>
{{end}}</ul>{{if .NewMore}}<p class="muted">and {{.NewMore}} more, marked new in the table.</p>{{end}}
{{end}}{{if .Fixed}}<h3>Fixed</h3>
<ul class="changes" id="fixed">
{{range .Fixed}}<li><span class="badge {{.Severity}}">{{.Severity}}</span> <code>{{.Rule}}</code> on <a href="{{.Link}}">{{.URL}}</a>: {{.Message}}</li>
{{end}}</ul>{{if .FixedMore}}<p class="muted">and {{.FixedMore}} more.</p>{{end}}
{{end}}</section>
{{end}}
{{if or .RuleChart .Trend}}<div class="charts">
{{with .Trend}}<section class="card" id="trend">
<h2>Findings over the last {{plural .Runs "run" "runs"}}</h2>
<svg class="trend" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-label="findings per severity over the last {{.Runs}} runs">
<line class="axis" x1="36" y1="36" x2="36" y2="184"/><line class="axis" x1="36" y1="184" x2="604" y2="184"/>
<text class="tick" x="30" y="40" text-anchor="end">{{.Max}}</text><text class="tick" x="30" y="188" text-anchor="end">0</text>
{{range .Lines}}<polyline class="{{.Class}}" points="{{.Points}}"><title>{{.Label}}</title></polyline>
{{end}}{{range .Points}}<circle class="{{.Class}}" cx="{{.X}}" cy="{{.Y}}" r="3.5"><title>{{.Title}}</title></circle>
{{end}}{{range .Ticks}}<text class="tick" x="{{.X}}" y="{{.Y}}" text-anchor="middle">{{.Label}}</text><text class="tick" x="{{.X}}" y="{{.Y}}" dy="14" text-anchor="middle">{{.Text}}</text>
{{end}}</svg>
<p class="legend"><span class="error"><i></i>errors</span><span class="warning"><i></i>warnings</span><span class="info"><i></i>info</span><span class="muted">* incomplete run</span></p>
</section>
{{end}}{{with .RuleChart}}{{template "bars" .}}{{end}}{{with .SectionChart}}{{template "bars" .}}{{end}}</div>
{{end}}
<h2 id="findings-title">Findings</h2>
{{if .Empty}}<p>No findings: every checked page passed every rule.</p>
{{else}}<div class="filters" role="search">
<label>Rule <select id="f-rule"><option value="">all rules</option>{{range .Rules}}<option value="{{.}}">{{.}}</option>{{end}}</select></label>
<label>Severity <select id="f-severity"><option value="">all severities</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select></label>
<label>Page path contains <input type="search" id="f-path" placeholder="/blog/"></label>
{{if .Changes}}<label class="check"><input type="checkbox" id="f-new"> only new</label>{{end}}
<span class="muted" id="shown" data-shown="{{.Total}}">{{.Total}} of {{.Total}} findings shown</span>
</div>
<table id="findings">
<thead><tr><th data-sort="sev" data-numeric><button type="button">Severity</button></th><th data-sort="rule"><button type="button">Rule</button></th><th data-sort="page"><button type="button">Page</button></th><th data-sort="line" data-numeric><button type="button">Line</button></th><th>Finding</th></tr></thead>
<tbody id="rows">
{{range .Findings}}<tr data-i="{{.Index}}" data-rule="{{.Rule}}" data-severity="{{.Severity}}" data-path="{{.Path}}"{{if .New}} data-new{{end}} data-k-sev="{{.Rank}}" data-k-rule="{{.Rule}}" data-k-page="{{.URL}}" data-k-line="{{.Line}}">
<td><span class="badge {{.Severity}}">{{.Severity}}</span>{{if .New}} <span class="badge new">new</span>{{end}}</td>
<td><code>{{.Rule}}</code></td>
<td class="page"><a href="{{.Link}}">{{.URL}}</a>{{if and .File (ne .File .URL)}}<br><span class="muted">{{.File}}</span>{{end}}</td>
<td class="num">{{if .Line}}{{.Line}}{{end}}</td>
<td><p class="msg">{{.Message}}</p>{{with .Target}}<p class="target">target: <code>{{.}}</code></p>{{end}}{{with .Evidence}}<p class="evidence"><code>{{.}}</code></p>{{end}}{{with .Help}}<p class="fix">Fix: {{.}}</p>{{end}}</td>
</tr>
{{end}}</tbody>
</table>
{{end}}</main>
<footer>pagelint{{with .ToolVersion}} {{.}}{{end}} · this file is self-contained and works offline · <code>pagelint rules RULE</code> explains a rule</footer>
<script>{{.Script}}</script>
</body>
</html>
{{define "bars"}}<section class="card" id="chart-{{.Label}}">
<h2>{{.Title}}</h2>
<svg class="bars" viewBox="0 0 560 {{.Height}}" width="560" height="{{.Height}}" role="img" aria-label="{{.Title}}">
{{range .Rows}}<g><text class="label" x="0" y="{{.TextY}}">{{.Label}}</text>{{$y := .Y}}{{range .Segments}}<rect class="{{.Class}}" x="{{.X}}" y="{{$y}}" width="{{.W}}" height="18"><title>{{.N}}</title></rect>{{end}}<text class="label" x="{{.TotalX}}" y="{{.TextY}}">{{.Total}}</text></g>
{{end}}</svg>
</section>
{{end}}`
