package checks

import (
	"fmt"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// H1Missing flags a page with no visible h1, or an empty h1 (issue 4,
// rules-research §6).
var H1Missing = &Check{
	ID:       "h1-missing",
	Severity: Warning,
	Summary:  "a page has no visible h1 heading, or an h1 with no text",
	Doc: `Flags a content page with no <h1> (or element with role="heading" aria-level="1") that readers
can see or screen readers can read, and every h1 that is empty: no text, no image alt, no label
(usually a theme printing the heading of a page whose title field was left blank, or a logo
heading whose image has no alt). An h1 hidden from everyone (aria-hidden, display:none, a
hidden class) does not count as the page's heading.

Why: the h1 tells readers, screen reader users who jump by headings, and search engines what the
page is about; an empty h1 is announced as a nameless heading.

An h1 in the site header (a logo heading, as on many WordPress home pages) counts as the page's
h1, so only pages with none at all are flagged. Pages that are not content (not status 200,
redirect stubs, partials) and pages marked noindex are skipped.

Fix: give the main content one visible h1 with the page's topic.

  bad:  <main><h2 class="entry-title">Opening hours</h2> …
  good: <main><h1 class="entry-title">Opening hours</h1> …`,
	Help: "Give the main content one visible h1 that names the page's topic.",
	Page: h1Missing,
}

func h1Missing(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) || h.noindex(p) {
		return nil
	}
	shown := 0
	for _, n := range h.h1s {
		if dom.StateOf(n) == dom.Hidden {
			continue
		}
		shown++
		if seoHeadName(n) == "" && !h1MissingImageCause(n) {
			p.Reportf(n, "h1 is empty: it has no text, image alt or label")
		}
	}
	if shown > 0 {
		return nil
	}
	if len(h.h1s) > 0 {
		n := h.h1s[0]
		p.Reportf(n, "the page's only h1 is hidden (%s), so it has no visible h1", dom.HiddenBy(n))
		return nil
	}
	main := p.Main()
	is := Issue{Line: max(p.Page.Line(main), 1), Evidence: page.OpeningTag(main), Message: "page has no h1 heading"}
	if first := h1MissingFirstHeading(main); first != nil {
		is.Message += fmt.Sprintf("; its first heading is an %s: %q", first.Data, h1MultipleText(first))
	}
	p.Report(is)
	return nil
}

// h1MissingFirstHeading is the first visible h2-h6 of the main content: the
// heading that most likely should have been the h1.
func h1MissingFirstHeading(main *html.Node) *html.Node {
	return dom.Find(main, func(n *html.Node) bool {
		switch n.Data {
		case "h2", "h3", "h4", "h5", "h6":
			return n.Namespace == "" && dom.StateOf(n) < dom.ATOnly && !dom.InChrome(n) && h1MultipleText(n) != ""
		}
		return false
	})
}

// h1MissingImageCause reports whether an empty h1 is empty because of an
// image that image-alt reports (no alt, or empty alt as a link's only
// content), so that one cause gives one finding.
func h1MissingImageCause(h1 *html.Node) bool {
	if imageAltLinkLacksAlt(h1) {
		return true
	}
	return dom.Find(h1, func(n *html.Node) bool {
		return n.Data == "img" && n.Namespace == "" && dom.StateOf(n) < dom.Hidden && !imageAltSkip(n) &&
			dom.Closest(n, func(a *html.Node) bool { return a.Data == "a" && dom.AttrOr(a, "href") != "" }) != nil
	}) != nil
}
