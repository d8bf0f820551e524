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
(or <a name>) on the target page; "#", "#top", routes (#!/x, #/x) and text fragments (#:~:text=) are
always fine.

Errors are answers that mean the target is gone or unreachable: 404, 410 and other 4xx, DNS
failures, refused connections, TLS certificate errors, redirect loops and chains of more than 10
hops, and 5xx from the site itself after the retries. Warnings, with the reason, are answers that
may be aimed at bots or temporary: a 403 from another site (no challenge page), a 5xx from another
site after the retries, a timeout after the retries, and a #fragment missing on another site's page
(many sites add ids with scripts). Bot challenges, LinkedIn's 999, 401/407 and a 429 that persists
are not guessed at: link-unverified lists them. Messages give the status, the method and the
redirect chain (301 -> 301 -> 404).

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
			if !l.Fetch || l.Target == "" || schemeTypo(l.Raw) != "" {
				continue // unparsable and mistyped links are link-malformed's
			}
			f, checked := s.Site.Fetch(l.Target)
			if !checked {
				continue // not checked in this run (another site, or beyond a limit)
			}
			switch f.Verdict() {
			case page.OutcomeBroken:
				s.Report(sum, Issue{Line: l.Line, Evidence: l.Evidence, Target: l.Target, Message: failureMessage(s.Site, l, f)})
				continue
			case page.OutcomeDoubtful:
				s.Report(sum, Issue{
					Line: l.Line, Evidence: l.Evidence, Target: l.Target, Severity: Warning,
					Message: failureMessage(s.Site, l, f),
					Help:    "Open the link in a browser: if it works, exclude it (--exclude) or accept its status (--accept); if not, update or remove it.",
				})
				continue
			case page.OutcomeUnverified:
				continue // link-unverified says so
			}
			if fragmentIsFine(l.Fragment) {
				continue
			}
			ids, internal, known := targetIDs(s.Site, l.Target, f)
			if !known || hasFragmentTarget(ids, l.Fragment, internal) {
				continue
			}
			// An error page has no ids to find; soft-404 reports it instead.
			// Asked only for a missing fragment: the title test is not free.
			if targetSoft404(s.Site, l.Target) == "" {
				is := Issue{
					Line: l.Line, Evidence: l.Evidence, Target: l.Target + "#" + (&url.URL{Fragment: l.Fragment}).EscapedFragment(),
					Message: fmt.Sprintf("fragment %q not found on %s", "#"+l.Fragment, describeTarget(s.Site, sum, l.Target)),
					Help:    "Link to an id that exists on the target page, or add that id to the element the link means.",
				}
				if !internal {
					// Other sites often add ids with scripts (GitHub's user-content- prefix).
					is.Severity = Warning
				}
				s.Report(sum, is)
			}
		}
	}
	return nil
}

// hasFragmentTarget reports whether ids hold the element a fragment names.
// A text directive after the fragment (#intro:~:text=x) is left out; on
// other sites, GitHub's rendered "user-content-" ids count, as its script
// resolves them.
func hasFragmentTarget(ids map[string]struct{}, frag string, internal bool) bool {
	if before, _, ok := strings.Cut(frag, ":~:"); ok {
		frag = before
		if frag == "" {
			return true
		}
	}
	if _, ok := ids[frag]; ok {
		return true
	}
	if !internal {
		_, ok := ids["user-content-"+frag]
		return ok
	}
	return false
}

// targetIDs returns the fragment targets of a link's page: a page of the
// site that was read, else an HTML target whose body the link checker read.
func targetIDs(site *page.Site, target string, f page.Fetch) (ids map[string]struct{}, internal, known bool) {
	internal = site.Internal(target)
	if p, read := site.Page(target); read {
		return p.IDs, internal, true
	}
	if f.Target != nil {
		return f.Target.IDs, internal, true
	}
	return nil, internal, false
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
// or the network error, or the missing file, and why it is only doubtful.
func failureMessage(site *page.Site, l page.LinkRef, f page.Fetch) string {
	what := "link"
	if !l.Follow {
		what = l.Tag + " " + l.Attr
	}
	target := shortTarget(site, l.Target)
	if f.Method == "file" {
		return fmt.Sprintf("%s to %s: %s", what, target, f.Err)
	}
	how := f.Method
	if f.Attempts > 1 {
		how += fmt.Sprintf(", %d attempts", f.Attempts)
	}
	var msg string
	if f.Err != "" {
		if len(f.Redirects) > 0 {
			how += ", redirects " + chain(f.Redirects, 0)
		}
		msg = fmt.Sprintf("%s to %s failed: %s (%s)", what, target, f.Err, how)
	} else {
		if len(f.Redirects) > 0 {
			how += ", redirects " + chain(f.Redirects, f.Status)
		}
		msg = fmt.Sprintf("%s to %s returns HTTP %d (%s)", what, target, f.Status, how)
	}
	if f.Reason != "" && f.Reason != f.Err {
		msg += ": " + f.Reason
	}
	return msg
}

// chain writes redirect statuses as "301 -> 302 -> 404"; final 0 is left out.
func chain(redirects []int, final int) string {
	hops := make([]string, 0, len(redirects)+1)
	for _, st := range redirects {
		hops = append(hops, strconv.Itoa(st))
	}
	if final != 0 {
		hops = append(hops, strconv.Itoa(final))
	}
	return strings.Join(hops, " -> ")
}
