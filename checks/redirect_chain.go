package checks

import (
	"fmt"

	"github.com/pagelint/pagelint/page"
)

// RedirectChain reports links to the site's own pages that reach their
// target only through redirects.
var RedirectChain = &Check{
	ID:       "redirect-chain",
	Severity: Warning,
	Summary:  "a link to the site's own page that goes through redirects",
	Help:     "Point the link at the final address, so it needs no redirect.",
	Doc: `Flags links to pages of the site being crawled that are answered with a redirect before the
page: a warning when it takes two hops or more (301 -> 301 -> 200), info for a single hop (a
missing trailing slash, an old address with one 301). Crawl mode only: a folder on disk has no
redirects. Loops and chains of more than 10 hops are broken-link errors instead.

Why: each hop costs the reader a round trip, and search engines follow a limited number of hops
(Googlebot stops after 10) and may keep the old address. Links the site controls should point at
the final address.

Fix: update the href to where the chain ends.

  bad:  <a href="/blog/2019/old-slug">…</a>   (301 -> /blog/old-slug -> 301 -> /blog/new-slug/)
  good: <a href="/blog/new-slug/">…</a>`,
	Modes: []page.Mode{page.ModeCrawl},
	Site:  redirectChain,
}

func redirectChain(s *SitePass) error {
	for _, sum := range s.Site.Summaries() {
		seen := map[string]bool{}
		for _, l := range sum.Links {
			if !l.Fetch || l.Target == "" || seen[l.Target] || !s.Site.Internal(l.Target) {
				continue
			}
			f, checked := s.Site.Fetch(l.Target)
			if !checked || len(f.Redirects) == 0 || !f.OK() {
				continue // broken chains are broken-link's
			}
			seen[l.Target] = true
			what := "link"
			if !l.Follow {
				what = l.Tag + " " + l.Attr
			}
			final := shortTarget(s.Site, f.Final)
			is := Issue{Line: l.Line, Evidence: l.Evidence, Target: l.Target}
			if len(f.Redirects) == 1 {
				is.Severity = Info
				is.Message = fmt.Sprintf("%s to %s redirects once (%s) to %s", what, shortTarget(s.Site, l.Target), chain(f.Redirects, f.Status), final)
			} else {
				is.Message = fmt.Sprintf("%s to %s takes %d redirects (%s) to reach %s", what, shortTarget(s.Site, l.Target), len(f.Redirects), chain(f.Redirects, f.Status), final)
			}
			s.Report(sum, is)
		}
	}
	return nil
}
