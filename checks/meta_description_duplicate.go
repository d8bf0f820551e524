package checks

import "github.com/pagelint/pagelint/page"

// MetaDescriptionDuplicate flags indexable pages that share one meta
// description (issue 4, rules-research §6).
var MetaDescriptionDuplicate = &Check{
	ID:       "meta-description-duplicate",
	Severity: Warning,
	Summary:  "two or more indexable pages have the same meta description",
	Doc: `Flags every page whose <meta name="description"> content is also the description of another page
of the site (compared with whitespace folded and case ignored; empty descriptions are left to
meta-description-missing). The message names up to five of the other pages.

The same pages as for title-duplicate are left out: noindex pages, pages canonicalised to another
page, pages of a paginated series, meta refresh stubs, pages not answered with status 200, and the
parts of a split series (genindex-A.html, genindex-B.html). Pages that name each other as hreflang
alternates may share a description.

Why: search engines show the description as the snippet under the title. Google calls identical
descriptions across pages unhelpful and then builds its own snippet from the page text; a theme or
SEO plugin that prints the site tagline on every page is the usual cause.

Fix: write a description for each page that summarizes that page, or remove the shared one and let
search engines build a snippet.

  bad:  <meta name="description" content="Harbor Light Counseling - here for you">  (on every page)
  good: <meta name="description" content="Evening and weekend hours for individual therapy in Portland.">`,
	Help:  "Write a description that summarizes this page, or remove the shared default.",
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Page:  siteFactsPage,
	Site:  metaDescriptionDuplicate,
}

func metaDescriptionDuplicate(s *SitePass) error {
	titleDupReport(s, "description", func(sum *page.Summary) (string, int) {
		return sum.Facts.Description, sum.Facts.DescLine
	})
	return nil
}
