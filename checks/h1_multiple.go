package checks

import (
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// H1Multiple notes a page with more than one visible h1 (issue 4,
// rules-research §6). Info only: Google says several h1s are fine.
var H1Multiple = &Check{
	ID:       "h1-multiple",
	Severity: Info,
	Summary:  "a page has more than one visible h1 heading",
	Doc: `Notes a page with more than one visible, non-empty <h1> (or role="heading" aria-level="1").
Hidden and screen-reader-only headings are not counted, nor are empty ones (h1-missing reports
those).

Why: this is information, not an error. Google says several h1 elements do not hurt a page, and
HTML allows them; but one h1 per page keeps the outline clear for screen reader users, and two
h1s are often a theme bug: the site name marked up as h1 on every page, or a page builder adding
a second title above the content.

Fix: keep one h1 for the page's topic and make the others h2 (or plain text for a logo).

  bad:  <header><h1 class="site-title">Harbor Light</h1></header> <main><h1>Opening hours</h1>
  good: <header><p class="site-title">Harbor Light</p></header> <main><h1>Opening hours</h1>`,
	Help: "Keep one h1 for the page's topic and turn the other h1 headings into h2 or plain text.",
	Page: h1Multiple,
}

func h1Multiple(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) {
		return nil
	}
	var shown []*html.Node
	for _, n := range h.h1s {
		if dom.StateOf(n) < dom.ATOnly && h1MultipleText(n) != "" {
			shown = append(shown, n)
		}
	}
	if len(shown) < 2 {
		return nil
	}
	first := shown[0]
	p.Reportf(shown[1], "page has %d visible h1 headings; the first is on line %d: %q",
		len(shown), p.Page.Line(first), h1MultipleText(first))
	return nil
}

// h1MultipleText is the visible text of a heading, without the permalink
// sign that Sphinx and many themes append ("Tuple Objects¶").
func h1MultipleText(n *html.Node) string {
	return strings.TrimRight(dom.Text(n, dom.TextOptions{MaxState: dom.Collapsed, Limit: 120}), "¶#🔗 ")
}
