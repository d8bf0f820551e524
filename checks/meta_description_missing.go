package checks

import (
	"fmt"
	"strings"

	"github.com/pagelint/pagelint/dom"
)

// MetaDescriptionMissing flags a page with no meta description, an empty
// one, or more than one (issue 4, rules-research §6).
var MetaDescriptionMissing = &Check{
	ID:       "meta-description-missing",
	Severity: Info,
	Summary:  "a page has no meta description, an empty one, or more than one",
	Doc: `Flags a page with no <meta name="description"> (info), one whose content is empty (a warning:
common in themes that print the tag whether or not the editor wrote a description), or more than
one (a warning: search engines pick one, not necessarily the one you meant; usually a theme and an
SEO plugin both print it).

Why: the description is the snippet under the title in search results and the text of link
previews. Google writes its own snippet from the page when there is none, so a missing
description is only info; an empty or doubled one is a template bug.

Pages that are not content (not status 200, redirect stubs, partials) and pages marked noindex,
whose snippet never shows, are skipped.

Fix: write one description per page, a sentence or two that says what the reader will find.

  bad:  <meta name="description" content="">
  good: <meta name="description" content="Our hours, the address on Pier Road, and how to book a first session by phone or online.">`,
	Help: "Give the page one meta description, a sentence or two that says what the reader will find there.",
	Page: metaDescriptionMissing,
}

func metaDescriptionMissing(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) || h.noindex(p) {
		return nil
	}
	if len(h.descs) == 0 {
		is := seoHeadLine(p, h)
		is.Message = `page has no <meta name="description">`
		p.Report(is)
		return nil
	}
	for _, d := range h.descs {
		if seoHeadContent(d) != "" {
			continue
		}
		what := "meta description is empty"
		if _, ok := dom.Attr(d, "content"); !ok {
			what = "meta description has no content attribute"
		}
		p.Report(Issue{Node: d, Severity: Warning, Message: what})
	}
	if n := len(h.descs); n > 1 {
		var texts []string
		for _, d := range h.descs {
			texts = append(texts, fmt.Sprintf("%q", metaDescriptionShort(seoHeadContent(d))))
		}
		p.Report(Issue{
			Node:     h.descs[1],
			Severity: Warning,
			Message:  fmt.Sprintf("more than one meta description: %d on the page (%s)", n, strings.Join(texts, ", ")),
		})
	}
	return nil
}

// metaDescriptionShort cuts s to about 60 characters for a message.
func metaDescriptionShort(s string) string {
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:57]) + "..."
}
