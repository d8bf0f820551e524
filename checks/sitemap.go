package checks

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/sitemap"
)

// Sitemap checks the site's XML sitemaps and their entries (issue 4,
// rules-research §6).
var Sitemap = &Check{
	ID:       "sitemap",
	Severity: Warning,
	Summary:  "a sitemap is unreadable or breaks the protocol, or lists pages that should not be listed",
	Doc: `Reads the sitemaps that robots.txt names in Sitemap: lines or, when it names none, /sitemap.xml,
/sitemap_index.xml and /wp-sitemap.xml (from the folder in check mode, over HTTP in crawl mode),
and the sitemaps their indexes list. A site without a sitemap gets no finding. It flags:

- a sitemap that robots.txt or an index names but that answers an error or cannot be read;
- XML that is not well-formed, a root other than <urlset> or <sitemapindex>, a namespace other
  than http://www.sitemaps.org/schemas/sitemap/0.9, more than 50,000 entries or more than 50 MB
  uncompressed (gzip is fine), an entry without <loc>, an index that lists another index;
- entries that are not absolute http(s) URLs or are on another site;
- entries whose page answers an error, redirects, is marked noindex or names another page as
  its canonical URL (in crawl mode only for the entries that were fetched);
- a lastmod that is not a W3C datetime (2026-05-01 or 2026-05-01T10:30:00+02:00);
- many entries sharing one lastmod day (info): at least min-same-lastmod entries and more than
  half of the dated ones. That is the build date stamped on every page, and Google ignores
  lastmod values that are not consistently accurate.

priority and changefreq are ignored by Google and never flagged.

Why: a sitemap tells search engines which URLs are the pages to index. Entries that fail,
redirect or are excluded from the index waste crawling and make search engines trust the sitemap
less; a broken sitemap is ignored whole.

Fix: list only the final, canonical, indexable URLs, absolute and on the site, with accurate
lastmod dates.

  bad:  <url><loc>/old-page</loc><lastmod>05/01/2026</lastmod></url>
  good: <url><loc>https://example.org/new-page/</loc><lastmod>2026-05-01</lastmod></url>`,
	Help: "List only final, canonical, indexable absolute URLs of the site, with W3C lastmod dates.",
	Options: []Option{
		{Name: "min-same-lastmod", Default: 20, Doc: "entries of one sitemap sharing one lastmod day (and over half of its dated entries) that make an info finding"},
	},
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Page:  siteFactsPage,
	Site:  sitemapCheck,
}

// sitemapFileSummary stands for a site file (a sitemap, robots.txt) in
// findings, which belong to pages.
func sitemapFileSummary(s *SitePass, u, file string) *page.Summary {
	return &page.Summary{URL: u, Path: s.Site.SitePath(u), File: file, Status: 200}
}

func sitemapCheck(s *SitePass) error {
	maps := s.Site.Sitemaps()
	if len(maps) == 0 {
		return nil
	}
	byURL := map[string]*page.SitemapFile{}
	for _, sm := range maps {
		byURL[sm.URL] = sm
	}
	rb := s.Site.Robots()
	for _, sm := range maps {
		file := sitemapFileSummary(s, sm.URL, sm.File)
		// origin is where the sitemap was named: its line in robots.txt or
		// in an index, else the sitemap itself.
		origin, originLine := file, 1
		switch idx := byURL[sm.From]; {
		case sm.From == "robots.txt" && rb != nil:
			origin, originLine = robotsTxtSummary(s, rb), sm.Line
		case idx != nil:
			origin, originLine = sitemapFileSummary(s, idx.URL, idx.File), sm.Line
		}
		name := s.Site.DisplayURL(sm.URL)
		if sm.Status < 200 || sm.Status > 299 || sm.Map == nil {
			msg := fmt.Sprintf("sitemap %s answered HTTP %d", name, sm.Status)
			switch {
			case sm.Status == 0 || (sm.Err != "" && sm.Map == nil):
				msg = fmt.Sprintf("sitemap %s could not be read: %s", name, sm.Err)
			case s.Site.Mode == page.ModeCheck && sm.Status == 404:
				msg = fmt.Sprintf("sitemap %s is not in the folder (HTTP 404 once published)", name)
			}
			s.Report(origin, Issue{Line: originLine, Evidence: sm.URL, Target: sm.URL, Message: msg})
			continue
		}
		if sm.Redirects > 0 {
			s.Report(origin, Issue{Line: originLine, Evidence: sm.URL, Target: sm.URL, Severity: Info,
				Message: fmt.Sprintf("sitemap %s redirects (%d %s); name its final URL", name, sm.Redirects, plural(sm.Redirects, "hop", "hops"))})
		}
		m := sm.Map
		if sm.Err != "" {
			s.Report(file, Issue{Line: max(1, m.ErrLine), Message: fmt.Sprintf("sitemap is not a readable sitemap: %s", strings.TrimPrefix(sm.Err, "gzip: "))})
			continue
		}
		for _, p := range m.Problems {
			s.Report(file, Issue{Line: max(1, p.Line), Message: p.Message})
		}
		switch m.Kind {
		case sitemap.KindIndex:
			if byURL[sm.From] != nil {
				s.Report(origin, Issue{Line: originLine, Evidence: sm.URL, Message: fmt.Sprintf("sitemap index lists %s, which is itself an index; indexes cannot be nested", name)})
			}
			sitemapEntries(s, sm, file, false)
		case sitemap.KindURLSet:
			sitemapEntries(s, sm, file, true)
		}
	}
	return nil
}

// sitemapEntries checks the entries of one sitemap: their URLs, their
// lastmod, and for a urlset the pages they name.
func sitemapEntries(s *SitePass, sm *page.SitemapFile, file *page.Summary, pages bool) {
	entries := sm.Map.Entries
	// In check mode without --base-url the site's host is unknown: the
	// host most entries use stands for it.
	host := ""
	if s.Site.Mode == page.ModeCheck && !s.Site.Absolute {
		count := map[string]int{}
		for _, e := range entries {
			if u, err := url.Parse(e.Loc); err == nil && page.Fetchable(u) {
				count[strings.ToLower(u.Host)]++
			}
		}
		for h, c := range count {
			if c > count[host] || (c == count[host] && h < host) {
				host = h
			}
		}
	}
	// A sitemap may list URLs only at or below its own folder, unless
	// robots.txt names it (which proves it speaks for the whole host).
	dir := ""
	if su, err := url.Parse(sm.URL); err == nil && sm.From != "robots.txt" {
		if d := path.Dir(s.Site.SitePath(sm.URL)); d != "/" && d != "." {
			dir = strings.TrimSuffix(su.EscapedPath(), path.Base(su.EscapedPath()))
			if s.Site.Mode == page.ModeCheck && !s.Site.Absolute {
				dir = d + "/" // entries are on the production host: compare site paths
			}
		}
	}
	days := map[string]int{}
	dated := 0
	var offSite []sitemap.Entry
	for _, e := range entries {
		at := Issue{Line: e.Line, Evidence: e.Loc}
		if e.LastMod != "" {
			if t, ok := sitemap.ParseLastMod(e.LastMod); !ok {
				at.Message = fmt.Sprintf("lastmod %q is not a W3C datetime (such as 2026-05-01 or 2026-05-01T10:30:00+02:00)", e.LastMod)
				s.Report(file, at)
			} else if len(e.LastMod) >= 10 {
				days[t.Format("2006-01-02")]++
				dated++
			}
		}
		u, err := url.Parse(e.Loc)
		switch {
		case err != nil || !page.Fetchable(u):
			at.Message = fmt.Sprintf("entry %q is not an absolute http(s) URL", e.Loc)
			s.Report(file, at)
			continue
		case host != "" && !strings.EqualFold(u.Host, host):
			at.Message = fmt.Sprintf("entry %q is on host %s while the other entries are on %s", e.Loc, u.Host, host)
			s.Report(file, at)
			continue
		case host == "" && !page.SameSite(s.Site.Root, u):
			offSite = append(offSite, e)
			continue
		case dir != "" && !strings.HasPrefix(u.EscapedPath(), dir):
			at.Message = fmt.Sprintf("entry %q is outside the folder of the sitemap (%s); a sitemap may list only URLs at or below its own folder", e.Loc, dir)
			s.Report(file, at)
			continue
		}
		if !pages {
			continue
		}
		target, _ := s.Site.SitemapURL(e.Loc)
		if msg := sitemapEntryVerdict(s, target); msg != "" {
			at.Message = fmt.Sprintf("entry %s %s", s.Site.DisplayURL(target), msg)
			at.Target = target
			s.Report(file, at)
		}
	}
	// Entries on another host are usually all of them (www. versus the
	// bare domain, http versus https): one finding says so.
	root := fmt.Sprintf("%s://%s", s.Site.Root.Scheme, s.Site.Root.Host)
	switch n := len(offSite); {
	case n > 3:
		e := offSite[0]
		s.Report(file, Issue{Line: e.Line, Evidence: e.Loc, Message: fmt.Sprintf(
			"%d of %d entries are not on this site (%s), starting with %q", n, len(entries), root, e.Loc)})
	default:
		for _, e := range offSite {
			s.Report(file, Issue{Line: e.Line, Evidence: e.Loc, Message: fmt.Sprintf("entry %q is not on this site (%s)", e.Loc, root)})
		}
	}
	minSame := s.IntOption("min-same-lastmod")
	if minSame > 0 && len(days) > 0 {
		keys := make([]string, 0, len(days))
		for d := range days {
			keys = append(keys, d)
		}
		slices.Sort(keys)
		best := keys[0]
		for _, d := range keys {
			if days[d] > days[best] {
				best = d
			}
		}
		if n := days[best]; n >= minSame && n*2 > dated {
			s.Report(file, Issue{Line: 1, Severity: Info, Message: fmt.Sprintf(
				"%d of %d entries have lastmod %s (limit %d): a build date stamped on every page, which Google learns to ignore; give each page the date its content last changed",
				n, len(entries), best, minSame)})
		}
	}
}

// sitemapEntryVerdict says what is wrong with the page a sitemap entry
// names ("answers HTTP 404", "redirects to …"), or "" when it is fine or
// unknown (in crawl mode, an entry the crawl did not fetch).
func sitemapEntryVerdict(s *SitePass, target string) string {
	crawl := s.Site.Mode == page.ModeCrawl
	if f, ok := s.Site.Fetch(target); ok && crawl {
		if len(f.Redirects) > 0 && f.Final != "" && f.Final != target {
			return fmt.Sprintf("redirects to %s; list the final URL", s.Site.DisplayURL(f.Final))
		}
		if !f.OK() {
			if f.Status > 0 {
				return fmt.Sprintf("answers HTTP %d", f.Status)
			}
			if f.Err != "" {
				return fmt.Sprintf("could not be fetched: %s", f.Err)
			}
		}
	}
	sum, ok := s.Site.Page(target)
	if !ok && !crawl {
		// A file is served whatever the query; a folder served with pretty
		// URLs serves /about from about.html.
		bare, _, _ := strings.Cut(target, "?")
		for _, alt := range []string{bare, bare + ".html", strings.TrimSuffix(bare, "/") + "/"} {
			if sum, ok = s.Site.Page(alt); ok {
				break
			}
		}
	}
	switch {
	case !ok && crawl:
		return ""
	case !ok:
		if f, rec := s.Site.Fetch(target); rec && f.OK() {
			return "" // a file that is not a page (a PDF)
		}
		ext := strings.ToLower(path.Ext(strings.SplitN(s.Site.SitePath(target), "?", 2)[0]))
		if ext != "" && ext != ".html" && ext != ".htm" && ext != ".php" {
			return "" // a resource: not judged in check mode
		}
		return "has no page in the folder"
	case crawl && sum.URL != target:
		return fmt.Sprintf("redirects to %s; list the final URL", s.Site.DisplayURL(sum.URL))
	case sum.Status != 0 && sum.Status != 200:
		return fmt.Sprintf("answers HTTP %d", sum.Status)
	case sum.Facts.Noindex || sum.NoIndex:
		return "is marked noindex; list only pages meant to be indexed"
	case siteFactsCanonicalElsewhere(s.Site, sum):
		return fmt.Sprintf("names %s as its canonical URL; list the canonical URL instead", s.Site.DisplayURL(sum.Facts.Canonical))
	}
	return ""
}
