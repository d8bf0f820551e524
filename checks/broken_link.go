package checks

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// BrokenLink reports links and resources whose target fails, and fragments
// that name no element on their target page.
var BrokenLink = &Check{
	ID:       "broken-link",
	Severity: Error,
	Summary:  "a link or resource whose target is missing, fails, or lacks the #fragment it names",
	Help:     "Point the link at the page's current address, restore the missing page or file, or remove the link.",
	Doc: `Flags every a, area, img (src and each srcset candidate), source, script, link (stylesheet, icon,
canonical, alternate, preload, …), iframe, video, audio, track, embed, object, SVG use, og:image and
meta refresh target that fails: an HTTP status of 400 or more, a network error or a redirect loop when
crawling; a file that is not in the folder when checking a built site. A #fragment must match an id
(or <a name>) on the target page; "#", "#top" and text fragments (#:~:text=) are always fine.

Why: a broken link sends readers to an error page and tells search engines the site is not kept up;
a missing image or stylesheet breaks the page itself.

Fix: point the link at the page's current address (follow the redirect chain to its end), restore the
page, or remove the link. For a moved page, add one 301 redirect from the old address to the new.

  bad:  <a href="/blog/old-post/">Read the post</a>     (the page is gone: 404)
  good: <a href="/blog/new-post/">Read the post</a>

mailto:, tel:, javascript: and data: URLs are never fetched. In check mode, links to other sites are
not checked unless --check-external is given.`,
	Site: brokenLink,
}

func brokenLink(s *SitePass) error {
	for _, sum := range s.Site.Summaries() {
		for _, l := range sum.Links {
			if !l.Fetch || l.Target == "" {
				continue
			}
			f, checked := s.Site.Fetch(l.Target)
			if !checked {
				continue // not checked in this run (another site, or beyond a limit)
			}
			if !f.OK() {
				s.Report(sum, Issue{Line: l.Line, Evidence: l.Evidence, Target: l.Target, Message: failureMessage(s.Site, l, f)})
				continue
			}
			if fragmentIsFine(l.Fragment) {
				continue
			}
			target, read := s.Site.Page(l.Target)
			if !read {
				continue // the target was not read as a page here, so its ids are unknown
			}
			if _, ok := target.IDs[l.Fragment]; !ok {
				s.Report(sum, Issue{
					Line: l.Line, Evidence: l.Evidence, Target: l.Target + "#" + (&url.URL{Fragment: l.Fragment}).EscapedFragment(),
					Message: fmt.Sprintf("fragment %q not found on %s", "#"+l.Fragment, describeTarget(s.Site, sum, l.Target)),
					Help:    "Link to an id that exists on the target page, or add that id to the element the link means.",
				})
			}
		}
	}
	return nil
}

// fragmentIsFine is true for fragments every browser accepts without an
// element to scroll to: none, #top, text fragments, and client-side routes.
func fragmentIsFine(frag string) bool {
	return frag == "" || strings.EqualFold(frag, "top") || strings.HasPrefix(frag, ":~:") ||
		strings.HasPrefix(frag, "!") || strings.HasPrefix(frag, "/")
}

func describeTarget(site *page.Site, from *page.Summary, target string) string {
	if target == from.URL {
		return "this page"
	}
	return shortTarget(site, target)
}

// shortTarget names a target in a message: by its site path when it is on
// the site (the finding's target field carries the full URL), else in full.
func shortTarget(site *page.Site, target string) string {
	if site.Internal(target) {
		return site.SitePath(target)
	}
	return target
}

// failureMessage says what failed and how: status, method and redirect chain,
// or the network error, or the missing file.
func failureMessage(site *page.Site, l page.LinkRef, f page.Fetch) string {
	what := "link"
	if !l.Follow {
		what = l.Tag + " " + l.Attr
	}
	target := shortTarget(site, l.Target)
	switch {
	case f.Method == "file":
		return fmt.Sprintf("%s to %s: %s", what, target, f.Err)
	case f.Err != "" && f.Status == 0:
		return fmt.Sprintf("%s to %s failed: %s (%s)", what, target, f.Err, f.Method)
	}
	chain := ""
	if len(f.Redirects) > 0 {
		hops := make([]string, 0, len(f.Redirects)+1)
		for _, st := range f.Redirects {
			hops = append(hops, strconv.Itoa(st))
		}
		hops = append(hops, strconv.Itoa(f.Status))
		chain = ", redirects " + strings.Join(hops, " -> ")
	}
	msg := fmt.Sprintf("%s to %s returns HTTP %d (%s%s)", what, target, f.Status, f.Method, chain)
	if f.Err != "" {
		msg += ": " + f.Err
	}
	return msg
}
