package checks

import (
	"fmt"

	"github.com/pagelint/pagelint/page"
)

// LinkUnverified lists links whose target could not be judged: bot
// protection, rate limiting that outlasted the retries, or a login.
var LinkUnverified = &Check{
	ID:       "link-unverified",
	Severity: Info,
	Summary:  "a link whose target could not be verified: bot protection, rate limiting or a login",
	Help:     "Open the link in a browser to confirm it works; exclude it (--exclude) if it always blocks checkers.",
	Doc: `Lists links that were checked but could not be judged, so they are neither passed nor called
broken: a Cloudflare-style challenge (a 403 or 503 with cf-mitigated: challenge or a "Just a
moment..." challenge page), LinkedIn's 999, a 429 that still came back after honouring Retry-After
and the retries, and 401/407 (the target needs a login).

Why: these answers say "you look like a bot", not "the page is gone"; calling them broken teaches
people to ignore the report. Listing them keeps the report honest about what was not verified.

Fix: open the link in a browser. If it works, nothing is wrong; to skip it in future runs use
--exclude with a pattern for the host (for example --exclude 'linkedin\.com'). If the site
rate-limits the checker, slow it down (--host-delay) or cache results between runs (--cache).`,
	Site: linkUnverified,
}

func linkUnverified(s *SitePass) error {
	for _, sum := range s.Site.Summaries() {
		seen := map[string]bool{}
		for _, l := range sum.Links {
			if !l.Fetch || l.Target == "" || seen[l.Target] {
				continue
			}
			f, checked := s.Site.Fetch(l.Target)
			if !checked || f.Verdict() != page.OutcomeUnverified {
				continue
			}
			seen[l.Target] = true
			what := "link"
			if !l.Follow {
				what = l.Tag + " " + l.Attr
			}
			how := f.Method
			if len(f.Redirects) > 0 {
				how += ", redirects " + chain(f.Redirects, f.Status)
			}
			if f.Attempts > 1 {
				how += fmt.Sprintf(", %d attempts", f.Attempts)
			}
			reason := f.Reason
			if reason == "" {
				reason = "not verified"
			}
			s.Report(sum, Issue{
				Line: l.Line, Evidence: l.Evidence, Target: l.Target,
				Message: fmt.Sprintf("%s to %s: %s (HTTP %d, %s)", what, shortTarget(s.Site, l.Target), reason, f.Status, how),
			})
		}
	}
	return nil
}
