package page

import (
	"hash/maphash"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Mode says how the pages of a Site were read.
type Mode string

// The two ways to read a site.
const (
	ModeCheck Mode = "check" // files of a built site on disk
	ModeCrawl Mode = "crawl" // pages fetched over HTTP
)

// A Summary is what is kept of a page after its page rules ran: what the site
// rules need to compare pages with each other, and nothing that grows with
// the size of its document beyond its links and ids.
type Summary struct {
	URL    string // normalized absolute URL: the key of the page in its Site
	Path   string // site path, as in Page.Path
	File   string // check mode: file relative to the site root
	Status int
	Title  string
	IDs    map[string]struct{} // every id and a[name]: fragment targets
	Links  []LinkRef
	// Lead is the start of the page's main text, enough to align an excerpt
	// with the article it summarizes.
	Lead string
	// LeadDropCap is true when the main text starts with a drop-cap element
	// (a one-letter span), the usual cause of excerpts missing a first letter.
	LeadDropCap bool
	Excerpts    []Excerpt
	// Facts are what the SEO page rules record for the site rules that
	// compare pages (duplicate titles, canonicals, near-duplicate text).
	Facts Facts
	// H1 is the text of the first h1, NoIndex is true when a robots meta tag
	// says noindex, and TextLen counts the characters of the page's visible
	// main text: the signals of a soft 404.
	H1      string
	NoIndex bool
	TextLen int
}

// A LinkRef is a link of a summarized page, with what a report needs to
// point at it. What the link says is shared by every link that says the
// same (a menu on every page of a site): a summary keeps a pointer and a
// line per link, so 100k pages of a themed site fit in memory.
type LinkRef struct {
	*LinkInfo
	Line int
}

// LinkInfo is what a link says, apart from where it is. Site.Link returns
// one shared copy of each distinct LinkInfo.
type LinkInfo struct {
	Target   string // normalized absolute URL without fragment; "" when unparsable
	Fragment string // decoded fragment, "" when none
	Raw      string // as written in the page
	Tag      string
	Attr     string
	Evidence string
	Follow   bool
	Fetch    bool // http(s) and so checkable; mailto:, tel:, data: and the like are not
}

// An Excerpt is text on a page that summarizes another page (a related-post
// card, a teaser), kept to compare with that page's Lead.
type Excerpt struct {
	Text     string // the excerpt as displayed, whitespace folded
	Target   string // normalized URL of the page it summarizes
	Title    string // the card's title, when it has one
	Line     int
	Evidence string
}

// A Fetch is the outcome of checking one link target.
type Fetch struct {
	URL         string // the normalized URL that was checked
	Status      int    // final HTTP status (0 when the request failed)
	Err         string // network error, or why a local target is missing
	Final       string // normalized URL after redirects
	Redirects   []int  // statuses of the redirect hops, in order
	ContentType string
	Method      string // HEAD, GET, or "file" in check mode
	// Outcome is the verdict on the target; "" for fetches made before
	// outcomes existed, judged by OK.
	Outcome Outcome
	// Reason says why the outcome is not ok in a few words ("forbidden
	// (possibly bot-blocking)", "rate-limited"); "" when Err or the status says it all.
	Reason   string
	Attempts int // requests made for the final answer, retries included
	Cached   bool
	// Target holds what was read of an HTML target whose body was fetched
	// (fragment ids, soft-404 signals); nil when only the status is known.
	Target *TargetPage
}

// A TargetPage is what the link checker keeps of an HTML target it read.
type TargetPage struct {
	Title   string              `json:"title,omitempty"`
	H1      string              `json:"h1,omitempty"`
	NoIndex bool                `json:"noindex,omitempty"`
	TextLen int                 `json:"text_len"`
	IDs     map[string]struct{} `json:"ids,omitempty"`
}

// An Outcome is the verdict on a checked link target.
type Outcome string

// The outcomes of a link check.
const (
	OutcomeOK Outcome = "ok"
	// OutcomeBroken is a target that is gone or unreachable: a broken-link error.
	OutcomeBroken Outcome = "broken"
	// OutcomeDoubtful is a target that failed in a way that may be temporary
	// or aimed at bots (an external 403 or 5xx, a timeout): a broken-link warning.
	OutcomeDoubtful Outcome = "doubtful"
	// OutcomeUnverified is a target that could not be judged: bot protection,
	// rate limiting, authentication.
	OutcomeUnverified Outcome = "unverified"
)

// OK reports whether the target was found.
func (f Fetch) OK() bool {
	if f.Outcome != "" {
		return f.Outcome == OutcomeOK
	}
	return f.Err == "" && f.Status > 0 && f.Status < 400
}

// Verdict returns the outcome, deriving it from the status for fetches
// recorded without one.
func (f Fetch) Verdict() Outcome {
	switch {
	case f.Outcome != "":
		return f.Outcome
	case f.OK():
		return OutcomeOK
	}
	return OutcomeBroken
}

// A Site gathers the summaries of every page read and the outcome of every
// link target checked. Both are added concurrently while pages are read; site
// rules read it once reading is done.
type Site struct {
	Root *url.URL // the site root: scheme, host, port, and in check mode the base path
	Mode Mode
	// Display is true when findings name pages by absolute URL (crawl mode, or
	// check mode with --base-url); otherwise by site path.
	Absolute bool

	mu      sync.RWMutex
	pages   map[string]*Summary
	aliases map[string]string
	fetches map[string]Fetch

	linksMu     sync.Mutex
	linkSeed    maphash.Seed
	links       map[uint64]*LinkInfo // see Link
	linkClashes map[LinkInfo]*LinkInfo

	// files holds robots.txt, the sitemaps, completeness and run notices
	// (see sitefiles.go).
	files siteFiles
}

// NewSite returns an empty Site rooted at root.
func NewSite(root *url.URL, mode Mode, absolute bool) *Site {
	return &Site{
		Root: root, Mode: mode, Absolute: absolute,
		pages: map[string]*Summary{}, aliases: map[string]string{}, fetches: map[string]Fetch{},
		linkSeed: maphash.MakeSeed(),
	}
}

// Link returns the run's one shared copy of info. The table is keyed by
// a hash of info, not by info itself, so a link said once is stored once.
func (s *Site) Link(info LinkInfo) *LinkInfo {
	h := info.hash(s.linkSeed)
	s.linksMu.Lock()
	defer s.linksMu.Unlock()
	if v, ok := s.links[h]; ok {
		if *v == info {
			return v
		}
		// Two infos with one 64-bit hash: rare enough for a plain map.
		if v, ok := s.linkClashes[info]; ok {
			return v
		}
		if s.linkClashes == nil {
			s.linkClashes = map[LinkInfo]*LinkInfo{}
		}
		v := &info
		s.linkClashes[info] = v
		return v
	}
	if s.links == nil {
		s.links = map[uint64]*LinkInfo{}
	}
	v := &info
	s.links[h] = v
	return v
}

func (l *LinkInfo) hash(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, s := range [...]string{l.Target, l.Fragment, l.Raw, l.Tag, l.Attr, l.Evidence} {
		h.WriteString(s)
		h.WriteByte(0) // "ab"+"c" and "a"+"bc" differ
	}
	var flags byte
	if l.Follow {
		flags |= 1
	}
	if l.Fetch {
		flags |= 2
	}
	h.WriteByte(flags)
	return h.Sum64()
}

// AddPage records a summarized page.
func (s *Site) AddPage(sum *Summary) {
	s.mu.Lock()
	s.pages[sum.URL] = sum
	s.mu.Unlock()
}

// Alias makes the normalized URL from name the page at to (a/index.html is a/).
func (s *Site) Alias(from, to string) {
	if from == to {
		return
	}
	s.mu.Lock()
	s.aliases[from] = to
	s.mu.Unlock()
}

// RecordFetch stores the outcome of checking a target. The first record wins.
func (s *Site) RecordFetch(f Fetch) {
	s.mu.Lock()
	if _, seen := s.fetches[f.URL]; !seen {
		s.fetches[f.URL] = f
	}
	s.mu.Unlock()
}

// Fetch returns the outcome of checking target (a normalized URL), if it was checked.
func (s *Site) Fetch(target string) (Fetch, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.fetches[target]
	return f, ok
}

// Page returns the summary of the page at target (a normalized URL),
// following redirects and aliases.
func (s *Site) Page(target string) (*Summary, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for range 4 {
		if p, ok := s.pages[target]; ok {
			return p, true
		}
		if to, ok := s.aliases[target]; ok {
			target = to
			continue
		}
		if f, ok := s.fetches[target]; ok && f.Final != "" && f.Final != target {
			target = f.Final
			continue
		}
		break
	}
	return nil, false
}

// Summaries returns every page, sorted by URL.
func (s *Site) Summaries() []*Summary {
	s.mu.RLock()
	out := make([]*Summary, 0, len(s.pages))
	for _, p := range s.pages {
		out = append(out, p)
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b *Summary) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// Len returns the number of pages.
func (s *Site) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.pages)
}

// Internal reports whether a normalized absolute URL belongs to the site:
// same scheme, host and port, and in check mode under the base path.
func (s *Site) Internal(target string) bool {
	u, err := url.Parse(target)
	if err != nil || !SameSite(s.Root, u) {
		return false
	}
	return s.Mode == ModeCrawl || strings.HasPrefix(u.Path, s.rootPath())
}

func (s *Site) rootPath() string {
	p := s.Root.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// SitePath returns the path of an absolute URL relative to the site root,
// starting with "/" (in check mode the base path is removed), with the query.
func (s *Site) SitePath(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	p := u.EscapedPath()
	if s.Mode == ModeCheck {
		p = "/" + strings.TrimPrefix(p, s.rootPath())
	}
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		p += "#" + u.EscapedFragment()
	}
	return p
}

// DisplayURL names a URL of the site in reports: absolute, or the site path
// in check mode without a base URL. URLs of other sites stay absolute.
func (s *Site) DisplayURL(target string) string {
	if s.Absolute || !s.Internal(target) {
		return target
	}
	return s.SitePath(target)
}
