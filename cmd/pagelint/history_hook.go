package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/diff"
	"github.com/pagelint/pagelint/history"
	"github.com/pagelint/pagelint/report"
)

// historyTrend is how many runs of a target the html report's trend shows.
const historyTrend = 20

// recordHistory stores the run in the history file at path (--history),
// compares it with the previous run of the same target, and fills r.History
// (the trend) and r.Changes (new and fixed) for the reports. It returns the
// comparison, nil on the first run of a target. checked holds the site paths
// of the pages the run checked (Runner.Checked), so that a finding on a page
// this run did not reach is "not checked", never "fixed".
//
// Call it after the findings are final and before the reports are written.
// The run is stored even when ctx is already cancelled (a SIGINT stopped the
// crawl): it is then stored whole, with complete = false.
func recordHistory(ctx context.Context, path string, r *report.Run, checked map[string]bool, configHash string, started time.Time) (*diff.Result, error) {
	ctx = context.WithoutCancel(ctx)
	s, err := history.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	defer s.Close()
	rec := &history.Record{
		Run: history.Run{Target: r.Target, Start: started.UTC(), Duration: time.Since(started), Pages: r.Pages,
			Complete: r.Complete, ToolVersion: r.ToolVersion, ConfigHash: configHash},
		Findings: r.Findings,
		Checked:  checked,
	}
	if rec.Checked == nil {
		rec.Checked = map[string]bool{} // known to be empty, not unknown
	}
	id, err := s.Add(ctx, *rec)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	rec.ID = id
	runs, err := s.Runs(ctx, r.Target)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	if len(runs) > historyTrend {
		runs = runs[len(runs)-historyTrend:]
	}
	r.History = nil
	for _, run := range runs {
		r.History = append(r.History, report.RunPoint{ID: run.ID, Start: run.Start, Complete: run.Complete,
			Errors: run.Errors, Warnings: run.Warnings, Info: run.Infos})
	}
	prev, err := s.Previous(ctx, r.Target, id)
	if err != nil || prev == nil {
		return nil, err
	}
	for _, run := range runs { // Runs counted the stored findings; the record needs them too
		if run.ID == id {
			rec.Run = run
		}
	}
	res := diff.Compare(diff.FromRecord(fmt.Sprintf("%s#%d", path, prev.ID), prev), diff.FromRecord(fmt.Sprintf("%s#%d", path, id), rec))
	r.Changes = &report.Changes{SinceRun: prev.ID, SinceStart: prev.Start, New: res.New, Fixed: res.Fixed,
		Persisting: len(res.Persisting), NotChecked: len(res.NotChecked)}
	return res, nil
}

// writeHistoryChanges ends the table output of a run with --history: what
// changed since the previous run of the target (res from recordHistory).
func writeHistoryChanges(w io.Writer, path string, res *diff.Result) error {
	if res == nil {
		_, err := fmt.Fprintf(w, "\nHistory: first run of this target in %s.\n", path)
		return err
	}
	if _, err := fmt.Fprintf(w, "\nSince the previous run (%s):\n", path); err != nil {
		return err
	}
	return diff.Write(w, "table", res)
}

// configHash identifies what a run was asked to judge: the rules and the
// settings the config and flags gave them. Two runs with different hashes
// may differ because of the config, not the site; `pagelint history` shows it.
func configHash(plan *lintPlan) string {
	ids := make([]string, 0, len(plan.rules))
	for _, c := range plan.rules {
		ids = append(ids, c.ID)
	}
	h := sha256.New()
	fmt.Fprintf(h, "rules=%s\nfail-on=%v\n", strings.Join(ids, ","), plan.failOn)
	if cfg, err := json.Marshal(plan.config); err == nil {
		h.Write(cfg)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// webhookTimeout bounds a notification: a slow hook must not hold a scheduled job.
const webhookTimeout = 10 * time.Second

// webhookListed is how many new findings a notification names.
const webhookListed = 5

// webhookPayload is what --notify-webhook posts. text is what Slack (and
// Mattermost, Rocket.Chat, Discord's /slack endpoint) show; the other fields
// are for hooks that read JSON.
type webhookPayload struct {
	Text     string           `json:"text"`
	Target   string           `json:"target"`
	Pages    int              `json:"pages"`
	Complete bool             `json:"complete"`
	Summary  map[string]int   `json:"summary"`
	New      map[string]int   `json:"new"`
	Findings []webhookFinding `json:"new_findings"`
	Report   string           `json:"report,omitempty"`
	Since    int64            `json:"since_run,omitempty"`
}

type webhookFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	URL      string `json:"url"`
	Message  string `json:"message"`
}

// notifyWebhook posts a short summary to hookURL when the run has new
// findings at or above --fail-on. New means: not in the previous run of the
// history (changes from recordHistory); without --history, not in the
// --baseline; without either, every finding. reportPath, if any, is named in
// the message. The caller reports an error on stderr and goes on: a failed
// notification never fails the run.
func notifyWebhook(ctx context.Context, hookURL string, r report.Run, changes *diff.Result, failOn checks.FailOn, reportPath string) error {
	if failOn.Never {
		return nil
	}
	var fresh []checks.Finding
	switch {
	case changes != nil:
		fresh = changes.New
	case r.Changes != nil:
		fresh = r.Changes.New
	case r.Baseline != nil:
		for _, f := range r.Findings {
			if f.Baseline != "known" {
				fresh = append(fresh, f)
			}
		}
	default:
		fresh = r.Findings
	}
	var failing []checks.Finding
	for _, f := range fresh {
		if f.Severity >= failOn.Min {
			failing = append(failing, f)
		}
	}
	if len(failing) == 0 {
		return nil
	}
	p := buildPayload(r, fresh, failing, failOn, reportPath)
	if changes != nil {
		p.Since = changes.From.RunID
	}
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("notify webhook: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hookURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("notify webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", defaultUserAgent())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its message repeats the whole URL, secret path included
		}
		return fmt.Errorf("notify webhook %s: %w", redactURL(hookURL), err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify webhook %s: HTTP %d", redactURL(hookURL), resp.StatusCode)
	}
	return nil
}

// checkWebhookURL validates --notify-webhook before the run starts.
func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--notify-webhook %q: want an http or https URL", raw)
	}
	return nil
}

// redactURL keeps a hook's secret path out of error messages and CI logs:
// Slack's incoming webhook URLs are credentials.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

func buildPayload(r report.Run, fresh, failing []checks.Finding, failOn checks.FailOn, reportPath string) webhookPayload {
	sev := map[string]int{"error": 0, "warning": 0, "info": 0}
	for _, f := range r.Findings {
		sev[f.Severity.String()]++
	}
	nw := map[string]int{"error": 0, "warning": 0, "info": 0}
	for _, f := range fresh {
		nw[f.Severity.String()]++
	}
	p := webhookPayload{Target: r.Target, Pages: r.Pages, Complete: r.Complete, Summary: sev, New: nw, Report: reportPath}
	var b strings.Builder
	fmt.Fprintf(&b, "pagelint: %s at or above %s on %s (%d errors, %d warnings, %d info on %d pages",
		countNoun(len(failing), "new finding"), failOn.Min, slackText(r.Target), sev["error"], sev["warning"], sev["info"], r.Pages)
	if !r.Complete {
		b.WriteString(", incomplete run")
	}
	b.WriteString(")")
	for i, f := range failing {
		if i == webhookListed {
			fmt.Fprintf(&b, "\n… and %d more", len(failing)-webhookListed)
			break
		}
		fmt.Fprintf(&b, "\n• %s %s on %s: %s", f.Severity, f.Rule, slackText(f.URL), slackText(f.Message))
		p.Findings = append(p.Findings, webhookFinding{Rule: f.Rule, Severity: f.Severity.String(), URL: f.URL, Message: f.Message})
	}
	if reportPath != "" {
		fmt.Fprintf(&b, "\nReport: %s", slackText(reportPath))
	}
	p.Text = b.String()
	return p
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// slackText escapes the three characters Slack's mrkdwn reads as control
// (<!channel>, <url|text> links), so page text can neither ping a channel
// nor dress up a link; and keeps it on one line.
func slackText(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", " ", "\r", " ").Replace(s)
	return strings.ToValidUTF8(s, "\uFFFD")
}
