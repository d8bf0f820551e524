package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// DuplicateContent flags indexable pages whose main text is the same as, or
// nearly the same as, another page's (issue 4, rules-research §6).
var DuplicateContent = &Check{
	ID:       "duplicate-content",
	Severity: Warning,
	Summary:  "two or more indexable pages have the same or nearly the same main text",
	Doc: `Compares the visible main text of the site's pages (the <main>, <article> or theme content area;
header, navigation, sidebar and footer are left out, as are hidden and screen-reader-only
elements). Two pages are exact duplicates when their words are the same; they are near duplicates
when the 64-bit SimHashes of their 3-word shingles differ in at most max-distance bits (3 by
default, roughly 90% of the text shared). Only pages with at least min-words words are compared,
so short stubs and landing pages do not match each other by accident. Each page of a group is
reported once, naming up to five of the others.

Noindex pages, pages whose canonical link names another page, pages of a paginated series, meta
refresh stubs and pages not answered with status 200 are left out: a canonical link is the fix.
Pages that name each other as hreflang alternates (en-US and en-GB versions) may be alike.

Why: search engines show one page of a set of duplicates and pick it themselves; links and
signals are split between the copies. Duplicates are usually a page published twice (an "-2"
slug), a print or AMP copy, or a tag and category archive listing the same posts.

Fix: remove or merge the copy and redirect its URL, or add a canonical link to the original.

  bad:  /offers/spring/ and /offers/spring-2/ with the same article
  good: /offers/spring-2/ redirects to /offers/spring/, or has
        <link rel="canonical" href="https://example.org/offers/spring/">`,
	Help: "Merge the copies and redirect, or point the copy's canonical link at the original.",
	Options: []Option{
		{Name: "min-words", Default: 50, Doc: "pages with fewer words of main text are not compared"},
		{Name: "max-distance", Default: 3, Doc: "SimHash bits (of 64) two pages may differ in and still be near duplicates"},
	},
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Page:  siteFactsPage,
	Site:  duplicateContent,
}

// dupContentBands splits a SimHash into four 16-bit bands: two hashes at
// most 3 bits apart agree on at least one band, so only pages sharing a
// band are compared.
const dupContentBands = 4

func duplicateContent(s *SitePass) error {
	minWords := s.IntOption("min-words")
	maxDist := min(s.IntOption("max-distance"), 64)
	var pages []*page.Summary
	for _, sum := range s.Site.Summaries() {
		if sum.Facts.Recorded && sum.Facts.Words >= minWords && siteFactsIndexable(s.Site, sum) {
			pages = append(pages, sum)
		}
	}
	n := len(pages)
	sets := newDisjointSets(n)
	union, find := sets.union, sets.find
	exact := map[uint64]int{}
	for i, p := range pages {
		if j, ok := exact[p.Facts.TextHash]; ok {
			union(i, j)
		} else {
			exact[p.Facts.TextHash] = i
		}
	}
	// Near duplicates: with at most 3 bits apart, two hashes share one of
	// four bands. Larger distances fall back to comparing every pair.
	near := map[[2]int]int{} // pair -> distance
	compare := func(i, j int) {
		if pages[i].Facts.TextHash == pages[j].Facts.TextHash {
			return
		}
		if d := siteFactsDistance(pages[i].Facts.SimHash, pages[j].Facts.SimHash); d <= maxDist {
			union(i, j)
			near[[2]int{min(i, j), max(i, j)}] = d
		}
	}
	if maxDist < dupContentBands {
		for b := range dupContentBands {
			buckets := map[uint64][]int{}
			for i, p := range pages {
				k := (p.Facts.SimHash >> (16 * b)) & 0xffff
				buckets[k] = append(buckets[k], i)
			}
			for _, idx := range buckets {
				for x := range idx {
					for y := x + 1; y < len(idx); y++ {
						compare(idx[x], idx[y])
					}
				}
			}
		}
	} else {
		for i := range n {
			for j := i + 1; j < n; j++ {
				compare(i, j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range n {
		r := find(i)
		groups[r] = append(groups[r], i)
	}
	roots := make([]int, 0, len(groups))
	for r, g := range groups {
		if len(g) > 1 {
			roots = append(roots, r)
		}
	}
	slices.Sort(roots)
	for _, r := range roots {
		idx := groups[r]
		members := make([]*page.Summary, len(idx))
		for k, i := range idx {
			members[k] = pages[i]
		}
		if siteFactsTranslations(s.Site, members) {
			continue // language or region versions of one page
		}
		for _, i := range idx {
			sum := pages[i]
			var same, alike []*page.Summary
			closest := -1
			for _, j := range idx {
				switch {
				case j == i:
				case pages[j].Facts.TextHash == sum.Facts.TextHash:
					same = append(same, pages[j])
				default:
					alike = append(alike, pages[j])
					if d, ok := near[[2]int{min(i, j), max(i, j)}]; ok && (closest < 0 || d < closest) {
						closest = d
					}
				}
			}
			var parts []string
			if len(same) > 0 {
				parts = append(parts, "the same as that of "+siteFactsOthers(s.Site, same, nil))
			}
			if len(alike) > 0 {
				p := "nearly the same as that of " + siteFactsOthers(s.Site, alike, nil)
				if closest >= 0 {
					p += fmt.Sprintf(" (SimHash distance %d of 64 bits, limit %d)", closest, maxDist)
				}
				parts = append(parts, p)
			}
			line := max(1, sum.Facts.MainLine)
			s.Report(sum, Issue{Line: line, Message: fmt.Sprintf("main text (%d words) is %s", sum.Facts.Words, strings.Join(parts, ", and "))})
		}
	}
	return nil
}
