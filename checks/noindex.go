package checks

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// Noindex reports pages that ask search engines not to index them.
var Noindex = &Check{
	ID:       "noindex",
	Severity: Warning,
	Summary:  "the page asks search engines not to index it (robots noindex)",
	Help:     "Remove noindex (or none) from the robots meta tag or X-Robots-Tag header if the page should appear in search results.",
	Doc: `Flags pages whose <meta name="robots"> or <meta name="googlebot"> says noindex or none, and, in
crawl mode, pages served with an X-Robots-Tag header that says so (a header for another crawler,
"otherbot: noindex", is left alone). In check mode there are no headers, so only the meta tags are
read. The home page (/) is an error: a noindex there is almost always a staging setting that
went live ("Discourage search engines" in WordPress). When robots metas contradict each other the
most restrictive wins: an index next to a noindex is named in the noindex finding, and follow
next to nofollow is a warning of its own. A page-level nofollow alone is info: no link on the
page passes ranking signals.

Pages where noindex is the norm are skipped: error pages (404.html, 404/, 500.html), search
result pages, login, cart, checkout and account pages, print versions and generated tables of
contents (mdBook's print.html and toc.html), and redirect stubs (a meta refresh to the new URL).
Turn the rule off for other paths in the config when the noindex is deliberate.

Why: a noindex page disappears from search results, usually silently; it is the most common
leftover of a staging site.

Fix: remove the directive, or keep it on purpose and exclude the path in .pagelint.yml.

  bad:  <meta name="robots" content="noindex, nofollow">   on a page meant to be found
  good: <meta name="robots" content="index, follow">  (or no robots meta at all)`,
	Page: noindex,
}

// noindexExempt matches the paths of pages that carry noindex by design.
var noindexExempt = regexp.MustCompile(`(?i)(^|/)(40[0-9]|41[0-9]|50[0-9]|not-?found|search|search-results|login|log-in|signin|sign-in|wp-login\.php|cart|basket|checkout|my-account|account|thank-?you|print|toc)(/|\.html?|\.php)?$`)

// noindexQueryExempt matches queries of search result and preview pages.
var noindexQueryExempt = regexp.MustCompile(`(^|&)(s|q|query|search|preview)=`)

func noindex(p *PagePass) error {
	scan := headLinkCollect(p)
	scan.record(p)
	if p.Page.Status >= 400 || scan.redirect || noindexIsExempt(p) {
		return nil
	}
	sev := Warning
	if headLinkIsHome(p) {
		sev = Error
	}
	var (
		noindexAt, nofollowAt, indexAt, followAt *html.Node
		noindexVal                               string
	)
	for _, m := range scan.robots {
		content := dom.AttrOr(m, "content")
		set := headLinkRobotsTokens(content)
		if set.noindex() && noindexAt == nil {
			noindexAt, noindexVal = m, content
		}
		if set.nofollow() && nofollowAt == nil {
			nofollowAt = m
		}
		if (set["index"] || set["all"]) && indexAt == nil {
			indexAt = m
		}
		if (set["follow"] || set["all"]) && followAt == nil {
			followAt = m
		}
	}
	switch {
	case noindexAt != nil:
		msg := fmt.Sprintf("<meta name=%q> says %q: search engines drop this page", noindexMetaName(noindexAt), strings.TrimSpace(noindexVal))
		if indexAt != nil {
			msg += fmt.Sprintf("; the robots meta on line %d says index, but the most restrictive wins", p.Page.Line(indexAt))
		}
		if headLinkIsHome(p) {
			msg += " (this is the home page)"
		}
		p.Report(Issue{Node: noindexAt, Message: msg, Severity: sev})
	default:
		for _, v := range headLinkHeaderRobots(p.Page.Header) {
			if headLinkRobotsTokens(v).noindex() {
				msg := fmt.Sprintf("the X-Robots-Tag header says %q: search engines drop this page", strings.TrimSpace(v))
				if headLinkIsHome(p) {
					msg += " (this is the home page)"
				}
				p.Report(Issue{Evidence: "X-Robots-Tag: " + strings.TrimSpace(v), Message: msg, Severity: sev})
				break
			}
		}
	}
	switch {
	case nofollowAt != nil && followAt != nil:
		later, earlier := nofollowAt, followAt
		if p.Page.Line(later) < p.Page.Line(earlier) {
			later, earlier = earlier, later
		}
		p.Report(Issue{Node: later, Severity: Warning, Message: fmt.Sprintf(
			"robots metas conflict: one says follow and one nofollow (line %d); search engines apply the most restrictive", p.Page.Line(earlier))})
	case nofollowAt != nil && nofollowAt != noindexAt:
		p.Report(Issue{Node: nofollowAt, Severity: Info, Message: fmt.Sprintf(
			"<meta name=%q> says nofollow: no link on this page passes ranking signals", noindexMetaName(nofollowAt))})
	}
	return nil
}

func noindexMetaName(n *html.Node) string {
	return strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))
}

// noindexBodyClasses are the WordPress body classes of pages that are
// noindex by design: error, search, login and WooCommerce account pages.
var noindexBodyClasses = []string{"error404", "search-results", "search-no-results", "login", "woocommerce-cart", "woocommerce-checkout", "woocommerce-account"}

// noindexSearchTitle matches the titles of search result pages
// (WordPress with Yoast titles them "You searched for …").
var noindexSearchTitle = regexp.MustCompile(`(?i)^\s*(search results|you searched for|results for|nothing found for)\b`)

// noindexIsExempt reports pages that carry noindex by design.
func noindexIsExempt(p *PagePass) bool {
	if p.Page.URL != nil && noindexQueryExempt.MatchString(p.Page.URL.RawQuery) {
		return true
	}
	if noindexSearchTitle.MatchString(p.Summary.Title) {
		return true
	}
	if body := dom.Find(p.Root(), func(n *html.Node) bool { return n.Data == "body" }); body != nil {
		for _, c := range noindexBodyClasses {
			if dom.HasClass(body, c) {
				return true
			}
		}
	}
	clean := strings.TrimSuffix(p.Page.Path, "/")
	if i := strings.IndexByte(clean, '?'); i >= 0 {
		clean = clean[:i]
	}
	clean = strings.TrimSuffix(clean, "/index.html")
	return clean != "" && noindexExempt.MatchString(path.Clean(clean))
}
