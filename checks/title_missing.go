package checks

import (
	"fmt"
)

// TitleMissing flags a page with no title, an empty title, or more than one
// <title> element (issue 4, rules-research §6).
var TitleMissing = &Check{
	ID:       "title-missing",
	Severity: Error,
	Summary:  "a page has no <title>, an empty one, or more than one",
	Doc: `Flags a page whose document has no <title> element, a title that is empty once whitespace is
trimmed, or more than one <title> (a warning: browsers and search engines use only the first, so
the others are dead text, usually a theme and an SEO plugin both printing one). Titles inside
inline SVG name the drawing and are not counted.

Why: the title is the name of the page in search results, browser tabs, bookmarks and shares, and
the first thing a screen reader announces. Without one, search engines make one up and tabs show
the file name or URL.

Pages that are not content are left alone: pages not read with status 200, redirect stubs (a meta
refresh to another URL) and partial files with no <html>, <head> or <body>.

Fix: give every page exactly one <title> in <head> that names what the page is about.

  bad:  <head><meta charset="utf-8"></head>
  good: <head><meta charset="utf-8"><title>Opening hours | Harbor Light Counseling</title></head>`,
	Help: "Give the page exactly one non-empty <title> in <head> that says what the page is about.",
	Page: titleMissing,
}

func titleMissing(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) {
		return nil
	}
	switch {
	case len(h.titles) == 0:
		is := seoHeadLine(p, h)
		is.Message = "page has no <title> element"
		p.Report(is)
		return nil
	case h.titleText() == "":
		p.Reportf(h.titles[0], "title is empty")
	}
	if n := len(h.titles); n > 1 {
		p.Report(Issue{
			Node:     h.titles[1],
			Severity: Warning,
			Message:  fmt.Sprintf("more than one <title>: %d on the page, only the first (line %d) is used", n, p.Page.Line(h.titles[0])),
		})
	}
	return nil
}
