package checks

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/pagelint/pagelint/page"
)

// A Runner runs the page rules on each page as it arrives (from any number of
// goroutines), keeps its summary in the Site, then runs the site rules once.
type Runner struct {
	site   *page.Site
	checks []*Check
	now    time.Time
	config Config

	mu       sync.Mutex
	findings []Finding
	errs     []error
	sups     map[*page.Summary][]*suppression
	context  map[*page.Summary]bool // pages read only for context (page.Page.ContextOnly)

	reportUnused bool

	// A crawl kept on disk keeps each page's findings (runner_state.go).
	keep      *Keeper
	finishing bool // the site rules run: their findings are not a page's
}

// ReportUnusedSuppressions makes Finish report in-page suppressions that
// silenced nothing, as unused-suppression findings.
func (r *Runner) ReportUnusedSuppressions() *Runner {
	r.reportUnused = true
	return r
}

// NewRunner prepares a run of checks over site. now is the reference time of
// date rules (the crawl start, or --now).
func NewRunner(site *page.Site, checks []*Check, now time.Time) *Runner {
	var active []*Check
	for _, c := range checks {
		if c.RunsIn(site.Mode) {
			active = append(active, c)
		}
	}
	return &Runner{site: site, checks: active, now: now}
}

// WithConfig applies a config: rule severities, options, path overrides and
// ignored pages. Call it before the first page.
func (r *Runner) WithConfig(cfg Config) *Runner {
	cfg.compileGlobs()
	r.config = cfg
	r.checks = cfg.Enabled(r.checks)
	return r
}

// Page summarizes p into the Site and runs every page rule on it. It is safe
// to call from several goroutines. The page's document is not kept.
func (r *Runner) Page(p *page.Page) {
	sum := Summarize(p, r.site.Link)
	sups := findSuppressions(p)
	if p.ContextOnly {
		r.mu.Lock()
		if r.context == nil {
			r.context = map[*page.Summary]bool{}
		}
		r.context[sum] = true
		r.mu.Unlock()
	}
	if len(sups) > 0 {
		r.mu.Lock()
		if r.sups == nil {
			r.sups = map[*page.Summary][]*suppression{}
		}
		r.sups[sum] = sups
		r.mu.Unlock()
	}
	facts := &pageFacts{}
	for _, c := range r.checks {
		if c.Page == nil {
			continue
		}
		// A rule turned off for this path still runs its page part when it has
		// a site part: other pages may need what it records (an article's
		// lead for excerpts elsewhere). add() drops its findings here.
		eff := r.config.resolve(c, p.Path)
		if !eff.on && c.Site == nil {
			continue
		}
		pass := &PagePass{
			optionReader: optionReader{rule: c, opts: eff.options},
			Check:        c, Page: p, Site: r.site, Summary: sum, Now: r.now, facts: facts, report: r.add,
		}
		if err := safely(func() error { return c.Page(pass) }); err != nil {
			r.fail(fmt.Errorf("rule %s on %s: %w", c.ID, r.site.DisplayURL(sum.URL), err))
		}
	}
	r.mu.Lock()
	for _, s := range sups {
		s.node = nil // the document goes; site rules match suppressions by line
	}
	r.mu.Unlock()
	r.site.AddPage(sum)
}

// Checked returns the site paths of the pages whose findings this run
// reports (pages read only for context are left out).
func (r *Runner) Checked() map[string]bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]bool{}
	for _, sum := range r.site.Summaries() {
		if !r.context[sum] {
			out[sum.Path] = true
		}
	}
	return out
}

// Finish runs the site rules and returns every finding, sorted and
// fingerprinted. The error joins every rule that could not judge a page;
// the findings are still complete for the others.
func (r *Runner) Finish() ([]Finding, error) {
	k := r.keeper()
	r.mu.Lock()
	r.finishing = true
	if k != nil {
		r.restoreKept(k)
	}
	r.mu.Unlock()
	for _, c := range r.checks {
		if c.Site == nil {
			continue
		}
		base := r.config.resolve(c, "")
		pass := &SitePass{optionReader: optionReader{rule: c, opts: base.options}, Check: c, Site: r.site, Now: r.now, report: r.add}
		if err := safely(func() error { return c.Site(pass) }); err != nil {
			r.fail(fmt.Errorf("rule %s: %w", c.ID, err))
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reportUnused {
		r.addUnusedSuppressions()
	}
	fs := r.findings
	sortFindings(fs)
	fingerprint(fs)
	return fs, errors.Join(r.errs...)
}

func (r *Runner) fail(err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

// add turns an issue into a finding on the page of sum, as the config says:
// dropped where the rule is off or the page ignored, and at the configured
// severity when one is set (it applies to all of the rule's findings).
func (r *Runner) add(c *Check, _ page.Mode, sum *page.Summary, is Issue) {
	if r.config.matchPath(r.config.Ignore, sum.Path) {
		return
	}
	eff := r.config.resolve(c, sum.Path)
	if !eff.on {
		return
	}
	r.mu.Lock()
	silenced := r.context[sum] || suppressed(r.sups[sum], c.ID, is)
	r.mu.Unlock()
	if silenced {
		return
	}
	f := Finding{
		Rule:     c.ID,
		Severity: c.Severity,
		URL:      r.site.DisplayURL(sum.URL),
		Path:     sum.Path,
		File:     sum.File,
		Line:     is.Line,
		Message:  is.Message,
		Evidence: is.Evidence,
		Help:     c.Help,
	}
	switch {
	case eff.severity != c.Severity:
		f.Severity = eff.severity
	case is.Severity != 0:
		f.Severity = is.Severity
	}
	if is.Help != "" {
		f.Help = is.Help
	}
	if is.Target != "" {
		f.Target = r.site.DisplayURL(is.Target)
		f.TargetKey = is.Target
		if r.site.Internal(is.Target) {
			f.TargetKey = r.site.SitePath(is.Target)
		}
	}
	r.mu.Lock()
	r.findings = append(r.findings, f)
	finishing := r.finishing
	r.mu.Unlock()
	if k := r.keeper(); k != nil && !finishing {
		k.kept(r, sum, f)
	}
}

// addUnusedSuppressions reports suppressions that silenced nothing. One that
// names a rule not running in this run is left alone: it may be needed
// elsewhere. Called with r.mu held.
func (r *Runner) addUnusedSuppressions() {
	running := map[string]bool{}
	for _, c := range r.checks {
		running[c.ID] = true
	}
	for sum, sups := range r.sups {
		for _, s := range sups {
			if s.used > 0 || r.context[sum] || r.config.matchPath(r.config.Ignore, sum.Path) {
				continue
			}
			msg := fmt.Sprintf("%s silenced nothing: remove it", s.where)
			skip := false
			for _, rule := range s.rules {
				if _, known := Lookup(rule); !known {
					msg = fmt.Sprintf("%s names unknown rule %q", s.where, rule)
				} else if !running[rule] {
					skip = true
				}
			}
			if skip {
				continue
			}
			r.findings = append(r.findings, Finding{
				Rule: UnusedSuppression, Severity: Warning, URL: r.site.DisplayURL(sum.URL), Path: sum.Path,
				File: sum.File, Line: s.line, Message: msg, Evidence: s.where,
				Help: "Remove the suppression, or name the rule whose finding it should silence.",
			})
		}
	}
}

// UnusedSuppression is the rule id of findings about in-page suppressions
// that silenced nothing (--report-unused-suppressions).
const UnusedSuppression = "unused-suppression"

// safely runs a rule, turning a panic into an error that names it, so one
// rule's bug on one odd page cannot take the whole report down with it.
func safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error: %v\n%s", v, debug.Stack())
		}
	}()
	return f()
}
