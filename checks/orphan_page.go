package checks

import (
	"regexp"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// OrphanPage flags pages no other page links to (issue 4, rules-research §6).
var OrphanPage = &Check{
	ID:       "orphan-page",
	Severity: Info,
	Summary:  "no other page of the site links to this page",
	Doc: `In check mode, flags an HTML file of the site that no other file links to (a, area, iframe or a
meta refresh; links from the page to itself do not count). In crawl mode, flags a URL listed in
the sitemap that no crawled page links to: the crawl could only reach it through the sitemap.

Left out: the home page (/ and index.html), error pages (404.html), site verification files
(google*.html, yandex_*.html, pinterest-*.html), meta refresh stubs, noindex pages, feeds and
search pages. The rule needs every page: when the run stopped early (--max-pages,
--max-duration) or checked only some pages (--pages, a subfolder), it reports nothing and says
so in the notices.

Why: readers and search engines find pages by following links. A page nothing links to is
either forgotten (an old draft still published, a page whose menu entry was removed) or hard to
find; search engines crawl it rarely and rank it low.

Fix: link to the page from a relevant page or menu, or remove it (and its sitemap entry) if it
is no longer wanted.

  bad:  /offers/spring-2025.html, reachable only by its URL
  good: /offers/ links to /offers/spring-2025.html, or the page is gone`,
	Help:  "Link to the page from a relevant page or menu, or remove it if it is no longer wanted.",
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Page:  siteFactsPage,
	Site:  orphanPage,
}

// orphanExempt matches the paths of pages that are meant to have no links:
// home, error pages, verification files, feeds and search pages.
var orphanExempt = regexp.MustCompile(`(?i)(^/$|^/index\.html?$|(^|/)(40[0-9]|50[0-9]|not-?found)(\.html?|/)?$|(^|/)google[0-9a-z]*\.html$|(^|/)yandex_[0-9a-z]+\.html$|(^|/)pinterest-[0-9a-z]+\.html$|(^|/)(feed|rss|atom)(/|\.xml|\.html?)?$|(^|/)search(/|\.html?|\.php)?$|(^|/)search(index)?(\.html?)?(\?.*)?$)`)

// orphanSearchQuery matches the queries of search result pages.
var orphanSearchQuery = regexp.MustCompile(`(^|&)(s|q|query|search)=`)

func orphanPage(s *SitePass) error {
	if !s.Site.Complete() {
		s.Site.AddNotice("orphan-page was skipped: the run did not read every page of the site, so links to a page may have been missed")
		return nil
	}
	linked := map[*page.Summary]bool{}
	linkedURL := map[string]bool{}
	sums := s.Site.Summaries()
	for _, from := range sums {
		for _, l := range from.Links {
			if !l.Follow || !l.Fetch || l.Target == "" {
				continue
			}
			to, ok := s.Site.Page(l.Target)
			if ok && to == from {
				continue
			}
			if ok {
				linked[to] = true
			}
			linkedURL[l.Target] = true
		}
	}
	inSitemap := map[string]int{} // page URL -> 1 when listed
	var listed []string
	for _, loc := range page.SitemapPageURLs(s.Site.Sitemaps()) {
		u, ok := s.Site.SitemapURL(loc)
		if !ok || !s.Site.Internal(u) {
			continue
		}
		if sum, found := s.Site.Page(u); found {
			u = sum.URL
		}
		if inSitemap[u] == 0 {
			listed = append(listed, u)
		}
		inSitemap[u] = 1
	}
	exempt := func(sum *page.Summary) bool {
		path, query, _ := strings.Cut(s.Site.SitePath(sum.URL), "?")
		return orphanExempt.MatchString(path) || orphanSearchQuery.MatchString(query) ||
			sum.Facts.Noindex || sum.NoIndex || sum.Facts.Refresh ||
			(sum.Status != 0 && sum.Status != 200)
	}
	switch s.Site.Mode {
	case page.ModeCheck:
		for _, sum := range sums {
			if linked[sum] || linkedURL[sum.URL] || exempt(sum) {
				continue
			}
			msg := "no other page links to this page"
			if inSitemap[sum.URL] > 0 {
				msg += "; only the sitemap lists it"
			}
			s.Report(sum, Issue{Line: 1, Message: msg})
		}
	case page.ModeCrawl:
		for _, u := range listed {
			if linkedURL[u] {
				continue
			}
			sum, found := s.Site.Page(u)
			if found {
				if linked[sum] || linkedURL[sum.URL] || exempt(sum) {
					continue
				}
			} else {
				if f, ok := s.Site.Fetch(u); ok && !f.OK() {
					continue // a failing entry is the sitemap rule's finding
				}
				sum = &page.Summary{URL: u, Path: s.Site.SitePath(u)}
				if exempt(sum) {
					continue
				}
			}
			s.Report(sum, Issue{Line: 1, Message: "the sitemap lists this page but no crawled page links to it"})
		}
	}
	return nil
}
