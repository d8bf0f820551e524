package page

import (
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/pagelint/pagelint/robots"
	"github.com/pagelint/pagelint/sitemap"
)

// A RobotsFile is the site's robots.txt as it was read: from the folder in
// check mode, over HTTP in crawl mode.
type RobotsFile struct {
	URL         string // normalized absolute URL of /robots.txt
	File        string // check mode: the file relative to the site root
	Status      int    // final HTTP status; 200 for a file on disk; 0 when unreachable
	ContentType string
	Err         string // why it could not be read (network error, timeout)
	Redirects   int    // redirect hops followed
	Size        int64  // bytes of the body (read up to a cap above robots.MaxSize)
	Body        []byte // the body, at most robots.MaxSize bytes
	// Rules is Body parsed; nil when there was no usable body (4xx, 5xx,
	// unreachable).
	Rules *robots.Robots
}

// Unreachable reports whether crawlers must assume "disallow all" (RFC
// 9309 section 2.3.1.4): a server error or no answer at all.
func (r *RobotsFile) Unreachable() bool {
	return r != nil && (r.Status >= 500 || r.Status == 0)
}

// Allowed reports whether the crawler named ua may fetch the URL path
// target (with its query). A missing file (4xx) allows everything; an
// unreachable one allows nothing but robots.txt itself.
func (r *RobotsFile) Allowed(ua, target string) bool {
	switch {
	case r == nil:
		return true
	case r.Unreachable():
		return target == "/robots.txt"
	case r.Rules == nil:
		return true
	}
	return r.Rules.Allowed(ua, target)
}

// A SitemapFile is one sitemap as it was read.
type SitemapFile struct {
	URL  string // normalized absolute URL it was read from
	File string // check mode: the file relative to the site root
	// From says how it was found: "robots.txt" (a Sitemap: line, Line is
	// its line), "default" (a well-known path), or the URL of the sitemap
	// index that lists it (Line is the entry's line there).
	From        string
	Line        int
	Status      int // final HTTP status; 200 for a file on disk; 0 when unreachable
	ContentType string
	Err         string // why it could not be read or parsed as a sitemap
	Redirects   int
	// Map is the parsed sitemap; nil when nothing was read. It may be set
	// together with Err when the XML broke after some entries.
	Map *sitemap.Sitemap
}

// siteFiles is the part of a Site that describes the site as a whole
// rather than its pages.
type siteFiles struct {
	mu         sync.Mutex
	robots     *RobotsFile
	sitemaps   []*SitemapFile
	incomplete bool
	notices    []string
}

// SetRobots records the site's robots.txt (nil: not looked for).
func (s *Site) SetRobots(r *RobotsFile) {
	s.files.mu.Lock()
	s.files.robots = r
	s.files.mu.Unlock()
}

// Robots returns the site's robots.txt, or nil when none was looked for or
// (check mode) the folder has none.
func (s *Site) Robots() *RobotsFile {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	return s.files.robots
}

// AddSitemap records a sitemap that was read. A URL recorded before is
// replaced.
func (s *Site) AddSitemap(sm *SitemapFile) {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	for i, old := range s.files.sitemaps {
		if old.URL == sm.URL {
			s.files.sitemaps[i] = sm
			return
		}
	}
	s.files.sitemaps = append(s.files.sitemaps, sm)
}

// Sitemaps returns the sitemaps read, in the order they were found.
func (s *Site) Sitemaps() []*SitemapFile {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	return slices.Clone(s.files.sitemaps)
}

// SitemapURLs returns the page URLs listed by the sitemaps (urlset
// entries, not index entries), normalized as written, without duplicates,
// in order.
func (s *Site) SitemapURLs() []string {
	return SitemapPageURLs(s.Sitemaps())
}

// SetComplete records whether every page in scope was read. A site rule
// that needs every page (orphan-page) says nothing on an incomplete run.
func (s *Site) SetComplete(complete bool) {
	s.files.mu.Lock()
	s.files.incomplete = !complete
	s.files.mu.Unlock()
}

// Complete reports whether every page in scope was read (true unless
// SetComplete(false) was called).
func (s *Site) Complete() bool {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	return !s.files.incomplete
}

// AddNotice records a run-level note from a rule (a rule that skipped
// itself, say), for the report's notices. Repeats are dropped.
func (s *Site) AddNotice(msg string) {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	if !slices.Contains(s.files.notices, msg) {
		s.files.notices = append(s.files.notices, msg)
	}
}

// Notices returns the notes rules added, in order.
func (s *Site) Notices() []string {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	return slices.Clone(s.files.notices)
}

// SitemapPageURLs returns the page URLs the sitemaps list (urlset entries,
// not index entries), normalized, without duplicates, in order. Entries
// that are not absolute http(s) URLs are left out.
func SitemapPageURLs(files []*SitemapFile) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		if f.Map == nil || f.Map.Kind != sitemap.KindURLSet {
			continue
		}
		for _, e := range f.Map.Entries {
			u, err := url.Parse(e.Loc)
			if err != nil || !Fetchable(u) {
				continue
			}
			n := Normalize(u)
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// SitemapURL maps a URL listed in a sitemap to the site's own URL for it,
// normalized. In crawl mode, or in check mode with a base URL, that is the
// URL itself. In check mode without a base URL, pages have placeholder
// URLs, so the listed URL's path is moved onto the site root: a sitemap of
// https://example.org/ then names the files of the folder. ok is false when
// loc is not an absolute http(s) URL.
func (s *Site) SitemapURL(loc string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil || !Fetchable(u) {
		return "", false
	}
	if s.Mode == ModeCrawl || s.Absolute || SameSite(s.Root, u) {
		return Normalize(u), true
	}
	c := *s.Root
	c.Path = s.rootPath() + strings.TrimPrefix(u.Path, "/")
	c.RawPath = ""
	c.RawQuery = u.RawQuery
	return Normalize(&c), true
}
