package checks

import (
	"unicode/utf8"
)

// MetaDescriptionLength flags meta descriptions too short to inform or long
// enough to be cut (issue 4, rules-research §6; Yoast's bands).
var MetaDescriptionLength = &Check{
	ID:       "meta-description-length",
	Severity: Info,
	Summary:  "a meta description is 120 characters or shorter, or longer than 156",
	Doc: `Flags a meta description of 120 characters or fewer, or of more than 156 characters, the bands
Yoast SEO uses. Both limits are options. Only the first description is measured; missing, empty
and doubled descriptions are meta-description-missing's job.

Why: search results show about 150-160 characters of a description and cut the rest with "…",
so the end of a long description is lost; a short one leaves room that Google may fill with text
it picks from the page instead.

Pages that are not content (not status 200, redirect stubs, partials) and pages marked noindex,
whose snippet never shows, are skipped.

Fix: write a description of roughly 120-156 characters that says what the page offers.

  bad:  <meta name="description" content="Contact us.">
  good: <meta name="description" content="Call, write or visit us on Pier Road in Lakeside: opening hours, directions from the station, and how to book a first session.">`,
	Help: "Rewrite the description to between about 120 and 156 characters.",
	Options: []Option{
		{Name: "min-chars", Default: 120, Doc: "descriptions of this many characters or fewer are reported as short"},
		{Name: "max-chars", Default: 156, Doc: "descriptions longer than this many characters are reported as long"},
	},
	Page: metaDescriptionLength,
}

func metaDescriptionLength(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) || h.noindex(p) || len(h.descs) == 0 {
		return nil
	}
	desc := seoHeadContent(h.descs[0])
	if desc == "" {
		return nil
	}
	n := utf8.RuneCountInString(desc)
	lo, hi := p.IntOption("min-chars"), p.IntOption("max-chars")
	switch {
	case hi > 0 && n > hi:
		p.Reportf(h.descs[0], "meta description is %d characters, above the %d-character limit", n, hi)
	case n <= lo:
		p.Reportf(h.descs[0], "meta description is %d characters, at or below the %d-character minimum", n, lo)
	}
	return nil
}
