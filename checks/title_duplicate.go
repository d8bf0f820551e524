package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
)

// TitleDuplicate flags indexable pages that share one title (issue 4,
// rules-research §6).
var TitleDuplicate = &Check{
	ID:       "title-duplicate",
	Severity: Warning,
	Summary:  "two or more indexable pages have the same <title>",
	Doc: `Flags every page whose <title> is also the title of another page of the site (compared with
whitespace folded and case ignored). The message names up to five of the other pages.

Pages search engines are not meant to list separately are left out: pages marked noindex (robots
meta or X-Robots-Tag), pages whose canonical link names another page, pages of a paginated series
(/page/2/, ?page=2, and page 1 when its rel=next points at such a URL), meta refresh stubs, pages
not answered with status 200, and the parts of a split series that share their name and title on
purpose (Sphinx's genindex-A.html, genindex-B.html, genindex-all.html). Sphinx's "<no title>"
placeholder is a missing title, not a shared one, and is not compared. Pages that name each other
as hreflang alternates (en-US and en-GB versions of one page) may share a title.

Why: the title is the page's name in search results and browser tabs. Pages with the same title
compete with each other for the same searches, and readers cannot tell them apart; search engines
may rewrite the titles or show only one of the pages.

Fix: make each title describe its own page, or mark the copy as a duplicate with a canonical link.

  bad:  /services/therapy/   <title>Services | Harbor Light</title>
        /services/coaching/  <title>Services | Harbor Light</title>
  good: /services/therapy/   <title>Individual therapy | Harbor Light</title>
        /services/coaching/  <title>Career coaching | Harbor Light</title>`,
	Help:  "Make each title describe its own page, or point the copy's canonical link at the original.",
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Page:  siteFactsPage,
	Site:  titleDuplicate,
}

// siteFactsPage is the page part of the site rules: it records the facts
// they compare.
func siteFactsPage(p *PagePass) error {
	siteFactsRecord(p)
	return nil
}

func titleDuplicate(s *SitePass) error {
	titleDupReport(s, "title", func(sum *page.Summary) (string, int) {
		if strings.HasPrefix(sum.Title, titleDupSphinxNone) {
			return "", 0 // a missing title, not a shared one
		}
		return sum.Title, sum.Facts.TitleLine
	})
	return nil
}

// titleDupSphinxNone starts the title Sphinx gives a document without one.
const titleDupSphinxNone = "<no title>"

// titleDupReport groups the indexable pages of the site by the text key
// returns (skipping empty ones) and reports each page of a group of two
// or more, naming the others. what names the text in messages.
func titleDupReport(s *SitePass, what string, key func(*page.Summary) (string, int)) {
	groups := map[string][]*page.Summary{}
	var order []string
	for _, sum := range s.Site.Summaries() {
		if !siteFactsIndexable(s.Site, sum) {
			continue
		}
		text, _ := key(sum)
		k := strings.ToLower(dom.FoldSpace(text))
		if k == "" {
			continue
		}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], sum)
	}
	slices.Sort(order)
	for _, k := range order {
		group := groups[k]
		if len(group) < 2 || siteFactsOneSeries(group) || siteFactsTranslations(s.Site, group) {
			continue
		}
		for _, sum := range group {
			text, line := key(sum)
			if line == 0 {
				line = 1
			}
			s.Report(sum, Issue{
				Line:     line,
				Evidence: dom.FoldSpace(text),
				Message: fmt.Sprintf("%s %q is also used by %d other %s: %s", what, dom.FoldSpace(text),
					len(group)-1, plural(len(group)-1, "page", "pages"), siteFactsOthers(s.Site, group, sum)),
			})
		}
	}
}
