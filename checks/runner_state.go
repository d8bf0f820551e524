package checks

import (
	"encoding/json"
	"sync"

	"github.com/pagelint/pagelint/page"
)

// A Keeper keeps what the page rules found on each page of a crawl, so that
// a crawl kept on disk (crawl --state) can resume without reading those
// pages again: their findings, and their in-page suppressions, which the
// site rules that run at the end over every summary still obey. It is a
// crawler.PageKeeper: the crawler stores its bytes with each summary and
// hands them back on resume, before the Runner's Finish.
// A Keeper serves one Runner (see Runner.Keep).
type Keeper struct {
	mu       sync.Mutex
	runner   *Runner                     // the runner, once it reported something
	found    map[*page.Summary][]Finding // page-rule findings not yet kept
	restored []keptOf
}

// keptOf is a page read by an earlier run, with what was kept of it.
type keptOf struct {
	sum  *page.Summary
	kept keptPage
}

// keptPage is what a Keeper stores of a page, as JSON.
type keptPage struct {
	Findings     []keptFinding     `json:"findings,omitempty"`
	Suppressions []keptSuppression `json:"suppressions,omitempty"`
}

type keptFinding struct {
	Rule      string `json:"rule"`
	Severity  int    `json:"severity"`
	URL       string `json:"url"`
	Path      string `json:"path"`
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	Target    string `json:"target,omitempty"`
	TargetKey string `json:"target_key,omitempty"`
	Message   string `json:"message"`
	Evidence  string `json:"evidence,omitempty"`
	Help      string `json:"help,omitempty"`
}

type keptSuppression struct {
	Rules []string `json:"rules,omitempty"`
	From  int      `json:"from"`
	To    int      `json:"to"`
	Where string   `json:"where"`
	Line  int      `json:"line"`
	Used  int      `json:"used,omitempty"`
}

// KeepFindings makes a Keeper; hand it to the runner with Runner.Keep.
func KeepFindings() *Keeper {
	return &Keeper{found: map[*page.Summary][]Finding{}}
}

// Keep makes the runner tell k the findings of each page (nil: none).
// Call it before the first page.
func (r *Runner) Keep(k *Keeper) *Runner {
	r.keep = k
	return r
}

// keeper returns the Keeper of the runner, nil when there is none.
func (r *Runner) keeper() *Keeper { return r.keep }

// kept notes a finding of a page rule on the page of sum.
func (k *Keeper) kept(r *Runner, sum *page.Summary, f Finding) {
	k.mu.Lock()
	k.runner = r
	k.found[sum] = append(k.found[sum], f)
	k.mu.Unlock()
}

// Keep returns what to store of p, whose page rules have run: the findings
// they reported on it and its suppressions with their use counts.
func (k *Keeper) Keep(p *page.Page, sum *page.Summary) ([]byte, error) {
	k.mu.Lock()
	fs := k.found[sum]
	delete(k.found, sum)
	r := k.runner
	k.mu.Unlock()
	var out keptPage
	for _, f := range fs {
		out.Findings = append(out.Findings, keptFinding{
			Rule: f.Rule, Severity: int(f.Severity), URL: f.URL, Path: f.Path, File: f.File, Line: f.Line,
			Target: f.Target, TargetKey: f.TargetKey, Message: f.Message, Evidence: f.Evidence, Help: f.Help,
		})
	}
	var sups []*suppression
	if r != nil {
		r.mu.Lock()
		for _, s := range r.sups[sum] {
			c := *s
			sups = append(sups, &c)
		}
		r.mu.Unlock()
	} else {
		// Nothing was reported yet in this run, so nothing was suppressed:
		// the page's suppressions are as found, unused.
		sups = findSuppressions(p)
	}
	for _, s := range sups {
		out.Suppressions = append(out.Suppressions, keptSuppression{
			Rules: s.rules, From: s.from, To: s.to, Where: s.where, Line: s.line, Used: s.used,
		})
	}
	if len(out.Findings) == 0 && len(out.Suppressions) == 0 {
		return nil, nil
	}
	return json.Marshal(out)
}

// Restore takes back what Keep stored of a page read by an earlier run;
// the runner's Finish reports it with this run's findings.
func (k *Keeper) Restore(sum *page.Summary, kept []byte) error {
	var rec keptPage
	if len(kept) > 0 {
		if err := json.Unmarshal(kept, &rec); err != nil {
			return err
		}
	}
	k.mu.Lock()
	k.restored = append(k.restored, keptOf{sum: sum, kept: rec})
	k.mu.Unlock()
	return nil
}

// restoreKept adds the findings and suppressions of the pages read by
// earlier runs, before the site rules run. Called with r.mu held.
func (r *Runner) restoreKept(k *Keeper) {
	k.mu.Lock()
	restored := k.restored
	k.restored = nil
	k.mu.Unlock()
	for _, p := range restored {
		for _, f := range p.kept.Findings {
			r.findings = append(r.findings, Finding{
				Rule: f.Rule, Severity: Severity(f.Severity), URL: f.URL, Path: f.Path, File: f.File, Line: f.Line,
				Target: f.Target, TargetKey: f.TargetKey, Message: f.Message, Evidence: f.Evidence, Help: f.Help,
			})
		}
		if len(p.kept.Suppressions) == 0 {
			continue
		}
		if r.sups == nil {
			r.sups = map[*page.Summary][]*suppression{}
		}
		for _, s := range p.kept.Suppressions {
			r.sups[p.sum] = append(r.sups[p.sum], &suppression{
				rules: s.Rules, from: s.From, to: s.To, where: s.Where, line: s.Line, used: s.Used,
			})
		}
	}
}
