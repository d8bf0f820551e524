package checks

import (
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// OpenGraph flags incomplete Open Graph markup: a missing required
// property, a relative og:image or og:url, an og:url that is not the
// canonical URL (issue 4, rules-research §6; ogp.me).
var OpenGraph = &Check{
	ID:       "open-graph",
	Severity: Info,
	Summary:  "a page's Open Graph tags lack og:title, og:type, og:image or og:url, or use relative URLs",
	Doc: `On pages that use Open Graph (at least one <meta property="og:…">), notes in one finding which of
the four properties ogp.me requires are missing or empty: og:title, og:type, og:image (or its
alias og:image:url), og:url.
Also notes an og:image or og:url that is not an absolute URL, and an og:url that differs from the
page's canonical URL. Pages with no Open Graph tags at all are left alone unless the option
require is true. Whether og:image loads is broken-link's job, not this rule's.

Why: social networks and chat apps build link previews from these tags. Without og:image the
preview has no picture; with a relative og:image or og:url the scrapers, which read the tags
without a base URL, drop them; an og:url that differs from the canonical URL splits likes and
shares between two URLs.

Pages that are not content (not status 200, redirect stubs, partials) are skipped.

Fix: print all four properties with absolute URLs, and og:url equal to the canonical URL.

  bad:  <meta property="og:title" content="Opening hours"> <meta property="og:image" content="/img/office.jpg">
  good: <meta property="og:title" content="Opening hours"> <meta property="og:type" content="website">
        <meta property="og:image" content="https://example.com/img/office.jpg"> <meta property="og:url" content="https://example.com/hours/">`,
	Help: "Add og:title, og:type, og:image and og:url with absolute URLs, and make og:url the page's canonical URL.",
	Options: []Option{
		{Name: "require", Default: false, Doc: "also report pages that have no Open Graph tags at all"},
	},
	Page: openGraph,
}

// openGraphRequired are the properties ogp.me calls required, in its order.
var openGraphRequired = []string{"og:title", "og:type", "og:image", "og:url"}

func openGraph(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) {
		return nil
	}
	if len(h.og) == 0 {
		if p.BoolOption("require") {
			is := seoHeadLine(p, h)
			is.Message = "page has no Open Graph tags (og:title, og:type, og:image, og:url)"
			p.Report(is)
		}
		return nil
	}
	first := map[string]*html.Node{} // property -> first meta with content
	for _, n := range h.og {
		prop := openGraphProp(n)
		if _, seen := first[prop]; !seen && seoHeadContent(n) != "" {
			first[prop] = n
		}
	}
	if first["og:image"] == nil && first["og:image:url"] != nil {
		first["og:image"] = first["og:image:url"] // ogp.me: the same property
	}
	var missing []string
	for _, prop := range openGraphRequired {
		if first[prop] == nil {
			missing = append(missing, prop)
		}
	}
	if len(missing) > 0 {
		p.Reportf(h.og[0], "Open Graph tags lack %s (ogp.me requires og:title, og:type, og:image and og:url)", strings.Join(missing, ", "))
	}
	for _, prop := range []string{"og:image", "og:url"} {
		if n := first[prop]; n != nil && !openGraphAbsolute(seoHeadContent(n)) {
			p.Reportf(n, "%s is not an absolute URL: %q", prop, seoHeadContent(n))
		}
	}
	if n := first["og:url"]; n != nil && h.canonical != nil && openGraphAbsolute(seoHeadContent(n)) {
		og := seoHeadResolve(p, h, seoHeadContent(n))
		canon := seoHeadResolve(p, h, dom.AttrOr(h.canonical, "href"))
		if og != nil && canon != nil && page.Fetchable(canon) && page.Normalize(og) != page.Normalize(canon) {
			p.Reportf(n, "og:url %q is not the canonical URL %q", seoHeadContent(n), page.Normalize(canon))
		}
	}
	return nil
}

func openGraphProp(n *html.Node) string {
	if v := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "property"))); strings.HasPrefix(v, "og:") {
		return v
	}
	return strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))
}

// openGraphAbsolute reports whether ref is an absolute http(s) URL; a
// scheme-relative "//cdn…" is not: scrapers do not resolve it.
func openGraphAbsolute(ref string) bool {
	l := strings.ToLower(ref)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && len(l) > len("https://")
}
