package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pagelint/pagelint/baseline"
	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/config"
	"github.com/pagelint/pagelint/diff"
	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/report"
	"github.com/spf13/cobra"
)

// lintOptions are the flags that check and crawl share: output, thresholds,
// config, rule selection and baselines.
type lintOptions struct {
	format        string
	output        string
	failOn        string
	quiet         bool
	reports       []string
	sourceRoot    string
	configPath    string
	enable        []string
	disable       []string
	only          []string
	baseline      string
	writeBaseline string
	reportUnused  bool
	now           string
	history       string
	notifyWebhook string
}

func (o *lintOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "table", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning, info or never")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no progress line")
	f.StringArrayVar(&o.reports, "report", nil, "also write a report, as FORMAT=PATH (repeatable), e.g. --report sarif=results.sarif")
	f.StringVar(&o.sourceRoot, "source-root", "", "the repository root that SARIF and GitHub file paths are relative to (default: the current directory)")
	f.StringVar(&o.configPath, "config", "", "config file (default: the first .pagelint.yml in the current directory or its parents)")
	f.StringSliceVar(&o.enable, "enable", nil, "turn these rules on (comma-separated ids)")
	f.StringSliceVar(&o.disable, "disable", nil, "turn these rules off (comma-separated ids)")
	f.StringSliceVar(&o.only, "only", nil, "run only these rules (comma-separated ids)")
	f.StringVar(&o.baseline, "baseline", "", "a baseline file (or JSON report): only findings not in it count toward --fail-on")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "write this run's findings to a baseline file")
	f.BoolVar(&o.reportUnused, "report-unused-suppressions", false, "report in-page suppressions that silenced nothing")
	f.StringVar(&o.history, "history", "", "record the run in this history file (SQLite, created if missing) and compare it with the previous run of the same target")
	f.StringVar(&o.notifyWebhook, "notify-webhook", "", "post a short JSON summary (Slack-compatible) to this URL when the run has new findings at or above --fail-on")
	f.StringVar(&o.now, "now", "", "the date the date rules compare with, as 2006-01-02 or RFC 3339 (default: the start of the run), so CI runs are reproducible")
}

// parseNow reads --now (or the config's now), else the start of the run.
func parseNow(flag string, file *config.File) (time.Time, error) {
	switch {
	case flag != "":
		t, err := config.ParseNow(flag)
		if err != nil {
			return time.Time{}, fmt.Errorf("--now: %w", err)
		}
		return t, nil
	case file != nil && file.Now != nil:
		return *file.Now, nil
	}
	return time.Now().UTC(), nil
}

// extraReport is one --report FORMAT=PATH.
type extraReport struct{ format, path string }

// lintPlan is what the shared flags and the config file decide, checked
// before any page is read.
type lintPlan struct {
	opts     lintOptions
	failOn   checks.FailOn
	rules    []*checks.Check
	config   checks.Config
	file     *config.File // nil without a config file
	extra    []extraReport
	baseline *baseline.File
	now      time.Time
}

// prepare loads the config file and validates every shared flag, so a typo
// exits 2 before any request is made.
func (o lintOptions) prepare(cmd *cobra.Command) (*lintPlan, error) {
	plan := &lintPlan{opts: o}
	path := o.configPath
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("find config: %w", err)
		}
		if path, err = config.Find(wd); err != nil {
			return nil, err
		}
	}
	if path != "" {
		file, err := config.Load(path, checks.All())
		if err != nil {
			return nil, err
		}
		plan.file = file
		plan.config = file.Checks
		if file.Format != "" && !isFormat(file.Format) {
			return nil, file.Errorf("format", "unknown format %q (want one of %s)", file.Format, strings.Join(report.Formats(), ", "))
		}
		if !cmd.Flags().Changed("format") && file.Format != "" {
			plan.opts.format = file.Format
		}
	}
	if !isFormat(plan.opts.format) {
		return nil, fmt.Errorf("unknown --format %q (want one of %s)", plan.opts.format, strings.Join(report.Formats(), ", "))
	}
	switch {
	case !cmd.Flags().Changed("fail-on") && plan.file != nil && plan.file.FailOn != nil:
		plan.failOn = *plan.file.FailOn
	default:
		f, err := checks.ParseFailOn(o.failOn)
		if err != nil {
			return nil, err
		}
		plan.failOn = f
	}
	now, err := parseNow(o.now, plan.file)
	if err != nil {
		return nil, err
	}
	plan.now = now
	rules, cfg, err := selectRules(plan.config, o.only, o.enable, o.disable)
	if err != nil {
		return nil, err
	}
	plan.rules, plan.config = rules, cfg
	for _, spec := range o.reports {
		format, dest, ok := strings.Cut(spec, "=")
		if !ok || dest == "" {
			return nil, fmt.Errorf("--report %q: want FORMAT=PATH, e.g. sarif=results.sarif", spec)
		}
		if !isFormat(format) {
			return nil, fmt.Errorf("--report %q: unknown format %q (want one of %s)", spec, format, strings.Join(report.Formats(), ", "))
		}
		plan.extra = append(plan.extra, extraReport{format: format, path: dest})
	}
	if o.notifyWebhook != "" {
		if err := checkWebhookURL(o.notifyWebhook); err != nil {
			return nil, err
		}
	}
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			return nil, err
		}
		plan.baseline = b
	}
	return plan, nil
}

// selectRules applies --only, --enable and --disable on top of the config.
func selectRules(cfg checks.Config, only, enable, disable []string) ([]*checks.Check, checks.Config, error) {
	all := checks.All()
	rules := make(map[string]checks.RuleConfig, len(cfg.Rules))
	for id, rc := range cfg.Rules {
		rules[id] = rc
	}
	set := func(flag string, ids []string, off bool) error {
		for _, id := range ids {
			id = strings.TrimSpace(id)
			if _, ok := checks.Lookup(id); !ok {
				return fmt.Errorf("%s: unknown rule %q (pagelint rules lists them)", flag, id)
			}
			rc := rules[id]
			v := off
			rc.Off = &v
			rules[id] = rc
		}
		return nil
	}
	if len(only) > 0 {
		var others []string
		for _, c := range all {
			others = append(others, c.ID)
		}
		if err := set("--only", others, true); err != nil {
			return nil, cfg, err
		}
		if err := set("--only", only, false); err != nil {
			return nil, cfg, err
		}
	}
	if err := set("--enable", enable, false); err != nil {
		return nil, cfg, err
	}
	if err := set("--disable", disable, true); err != nil {
		return nil, cfg, err
	}
	cfg.Rules = rules
	if err := cfg.Validate(all); err != nil {
		return nil, cfg, err
	}
	// --only and --disable win over path overrides that turn a rule back on.
	enabled := cfg.Enabled(all)
	if len(only) > 0 || len(disable) > 0 {
		var kept []*checks.Check
		for _, c := range enabled {
			if rc := rules[c.ID]; rc.Off == nil || !*rc.Off {
				kept = append(kept, c)
			}
		}
		enabled = kept
	}
	return enabled, cfg, nil
}

// lintRun says what was read, for the report.
type lintRun struct {
	mode     page.Mode
	siteRoot string         // check mode: the site root folder
	keeper   *checks.Keeper // crawl --state: keeps each page's findings
}

// lint runs the rules over the pages read() hands to the runner, writes every
// report asked for, and turns the outcome into an error for run().
func lint(d *deps, plan *lintPlan, site *page.Site, lr lintRun, read func(handle func(*page.Page)) (runResult, error)) error {
	o := plan.opts
	started := time.Now()
	runner := checks.NewRunner(site, plan.rules, plan.now).WithConfig(plan.config).Keep(lr.keeper)
	if o.reportUnused {
		runner.ReportUnusedSuppressions()
	}
	res, err := read(runner.Page)
	if err != nil {
		return err
	}
	findings, ruleErr := runner.Finish()
	// Site rules add run-level notices while they run (orphan-page skipped
	// on an incomplete run, an unreadable sitemap).
	res.notices = append(res.notices, site.Notices()...)
	if d.caught() != nil {
		res.complete = false
	}
	r := report.Run{
		Target: res.target, Pages: res.pages, Complete: res.complete, Notices: res.notices, Findings: findings,
		Mode: string(lr.mode), Rules: plan.rules, FailOn: plan.failOn, ToolVersion: version(),
	}
	if lr.siteRoot != "" {
		r.SiteRoot, _ = filepath.Abs(lr.siteRoot)
	}
	r.SourceRoot, err = sourceRoot(o.sourceRoot)
	if err != nil {
		return err
	}
	gate := findings
	if plan.baseline != nil {
		c := plan.baseline.Apply(findings, runner.Checked())
		r.Baseline = &report.BaselineCounts{New: c.New, Known: c.Known, Fixed: c.Fixed}
		gate = baseline.NewOnly(findings)
	}
	var (
		changes *diff.Result
		histErr error
	)
	if o.history != "" {
		changes, histErr = recordHistory(d.ctx, o.history, &r, runner.Checked(), configHash(plan), started)
	}
	if err := writeReport(d, o.format, o.output, r); err != nil {
		return err
	}
	if o.history != "" && histErr == nil && o.format == "table" && o.output == "" {
		if err := writeHistoryChanges(d.stdout, o.history, changes); err != nil {
			return err
		}
	}
	reportPath := ""
	if o.format == "html" {
		reportPath = o.output
	}
	for _, x := range plan.extra {
		if err := writeReport(d, x.format, x.path, r); err != nil {
			return err
		}
		if x.format == "html" && reportPath == "" {
			reportPath = x.path
		}
	}
	if o.notifyWebhook != "" {
		if err := notifyWebhook(d.ctx, o.notifyWebhook, r, changes, plan.failOn, reportPath); err != nil {
			fmt.Fprintf(d.stderr, "pagelint: %v (the run goes on)\n", err)
		}
	}
	if o.writeBaseline != "" {
		data, err := baseline.Marshal(findings)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(o.writeBaseline, data); err != nil {
			return err
		}
	}
	if histErr != nil { // the reports are written; a history that could not be updated still fails the job
		return histErr
	}
	switch {
	case d.caught() != nil:
		return interruptedError{sig: d.caught()}
	case ruleErr != nil:
		return fmt.Errorf("some rules could not judge every page, so this report may miss findings:\n%w", ruleErr)
	case plan.failOn.Fails(gate):
		return errFailOn
	}
	return nil
}

func sourceRoot(flag string) (string, error) {
	if flag == "" {
		flag = "."
	}
	abs, err := filepath.Abs(flag)
	if err != nil {
		return "", fmt.Errorf("--source-root %s: %w", flag, err)
	}
	return abs, nil
}

// runResult is what a reader reports about its run, whatever its kind.
type runResult struct {
	target   string
	pages    int
	complete bool
	notices  []string
}

func isFormat(name string) bool {
	for _, f := range report.Formats() {
		if f == name {
			return true
		}
	}
	return false
}

// writeReport writes one report to a file (atomically) or, when dest is "",
// to standard output.
func writeReport(d *deps, format, dest string, r report.Run) error {
	opts := report.Options{Color: dest == "" && colorWanted(d.stdout)}
	if dest == "" {
		return report.Write(d.stdout, format, r, opts)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, format, r, opts); err != nil {
		return err
	}
	return writeFileAtomic(dest, buf.Bytes())
}
