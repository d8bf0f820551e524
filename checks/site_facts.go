package checks

import (
	"math/bits"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// siteFactsRecord fills the page facts that the site rules of this group
// compare (title-duplicate, meta-description-duplicate, duplicate-content,
// orphan-page, sitemap), once per page, whichever of them runs. It walks
// the <head> once and the main content once. Facts another rule already
// filled (description, canonical) are kept; noindex is only ever added.
func siteFactsRecord(p *PagePass) {
	f := &p.Summary.Facts
	if f.Recorded {
		return
	}
	f.Recorded = true
	root := p.Root()
	if head := dom.Find(root, func(n *html.Node) bool { return n.Data == "head" }); head != nil {
		siteFactsHead(p, head)
	}
	if siteFactsHeaderNoindex(p.Page.Header) {
		f.Noindex = true
	}
	if p.Summary.NoIndex {
		f.Noindex = true
	}
	if !f.Paginated && p.Page.URL != nil && siteFactsPageURL(p.Page.URL) {
		f.Paginated = true
	}
	main := p.Main()
	f.MainLine = p.Page.Line(main)
	words := siteFactsWords(main)
	f.Words = words.count
	f.TextHash, f.SimHash = siteFactsHashes(words)
}

// siteFactsHead reads the title line, description, robots, refresh,
// canonical and pagination links of the page's <head>.
func siteFactsHead(p *PagePass, head *html.Node) {
	f := &p.Summary.Facts
	var canonical *html.Node
	var alternates []*html.Node
	dom.Walk(head, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "svg", "template":
			return false
		case "title":
			if f.TitleLine == 0 {
				f.TitleLine = p.Page.Line(n)
			}
		case "meta":
			name := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))
			content := dom.AttrOr(n, "content")
			switch {
			case name == "description":
				if f.DescLine == 0 {
					f.DescLine = p.Page.Line(n)
					if f.Description == "" {
						f.Description = dom.FoldSpace(content)
					}
				}
			case name == "robots" || name == "googlebot":
				if siteFactsNoindex(content) {
					f.Noindex = true
				}
			case strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "http-equiv")), "refresh"):
				if t := page.RefreshTarget(content); t != "" {
					f.Refresh = true
				}
			}
		case "link":
			rel := " " + strings.ToLower(dom.AttrOr(n, "rel")) + " "
			switch {
			case strings.Contains(rel, " alternate ") && dom.AttrOr(n, "hreflang") != "":
				alternates = append(alternates, n)
			case strings.Contains(rel, " canonical ") && canonical == nil:
				canonical = n
			case strings.Contains(rel, " next ") || strings.Contains(rel, " prev ") || strings.Contains(rel, " previous "):
				// rel=next/prev mark pagination only when they point along a
				// paginated URL pattern: Sphinx sets them on every chapter.
				for _, l := range p.Page.Links {
					if l.Node == n && l.URL != nil && siteFactsPageURL(l.URL) {
						f.Paginated = true
					}
				}
			}
		}
		return true
	})
	if len(f.Alternates) == 0 && len(alternates) > 0 {
		for _, n := range alternates {
			alt := page.Alternate{Lang: dom.AttrOr(n, "hreflang"), Line: p.Page.Line(n), Evidence: page.Evidence(n)}
			for _, l := range p.Page.Links {
				if l.Node == n && l.URL != nil && page.Fetchable(l.URL) {
					alt.URL = page.Normalize(l.URL)
					break
				}
			}
			f.Alternates = append(f.Alternates, alt)
		}
	}
	if canonical != nil && f.Canonical == "" {
		for _, l := range p.Page.Links {
			if l.Node == canonical && l.URL != nil && page.Fetchable(l.URL) {
				f.Canonical = page.Normalize(l.URL)
				break
			}
		}
	}
}

// siteFactsNoindex reports whether a robots directive list says noindex.
func siteFactsNoindex(content string) bool {
	for _, tok := range strings.FieldsFunc(strings.ToLower(content), func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		if tok == "noindex" || tok == "none" {
			return true
		}
	}
	return false
}

// siteFactsHeaderNoindex reads X-Robots-Tag values meant for every crawler
// or for Googlebot.
func siteFactsHeaderNoindex(h map[string][]string) bool {
	for _, v := range h["X-Robots-Tag"] {
		if i := strings.IndexByte(v, ':'); i > 0 {
			agent := strings.ToLower(strings.TrimSpace(v[:i]))
			if !strings.ContainsAny(agent, ", ") && !strings.HasPrefix(agent, "max-") && agent != "unavailable_after" {
				if agent != "googlebot" && agent != "robots" && agent != "*" {
					continue
				}
				v = v[i+1:]
			}
		}
		if siteFactsNoindex(v) {
			return true
		}
	}
	return false
}

// siteFactsPagePath and siteFactsPageQuery match the URLs of the second and
// later pages of a paginated list: /page/2/, /blog/2/ is not matched (too
// many false friends), ?page=2, ?paged=3, ?p=2 is a WordPress post id and
// not matched.
var (
	siteFactsPagePath  = regexp.MustCompile(`(?i)/page/\d+/?$`)
	siteFactsPageQuery = regexp.MustCompile(`(?i)(^|&)(page|paged|pg|pagenum|page_num|start|offset)=\d+(&|$)`)
)

// siteFactsPageURL reports whether u looks like a page of a paginated series.
func siteFactsPageURL(u *url.URL) bool {
	return siteFactsPagePath.MatchString(u.Path) || siteFactsPageQuery.MatchString(u.RawQuery)
}

// siteFactsSkip are elements whose text is not prose a reader sees.
var siteFactsSkip = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "svg": true, "head": true}

// siteWords hashes the lowercased visible words of a page's main content
// as they come, without keeping them: the exact hash is FNV-1a over the
// words joined by single spaces, and each run of siteFactsShingle words is
// a shingle whose hash votes on the SimHash bits. Only the last few words
// are kept, in reused buffers.
type siteWords struct {
	count  int
	exact  uint64
	ones   [64]int // per bit, how many shingle hashes had it set
	lanes  [8]uint64
	inLane int                      // shingles counted in lanes, not yet in ones
	last   [siteFactsShingle][]byte // the last words, oldest first
	word   []byte                   // the word being lowered
}

// spreadByte[b] has byte k set to bit k of b: adding spreadByte of each
// byte of a hash to eight packed counters counts 64 bits in 8 additions.
var spreadByte = func() (t [256]uint64) {
	for b := range 256 {
		for k := range 8 {
			t[b] |= uint64(b>>k&1) << (8 * k)
		}
	}
	return t
}()

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func newSiteWords() *siteWords { return &siteWords{exact: fnvOffset64} }

func (w *siteWords) add(word string) {
	w.word = w.word[:0]
	for _, r := range word {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			w.word = append(w.word, byte(r))
			continue
		}
		w.word = utf8.AppendRune(w.word, unicode.ToLower(r))
	}
	if w.count > 0 {
		w.exact = fnvAdd(w.exact, []byte{' '})
	}
	w.exact = fnvAdd(w.exact, w.word)
	// Shift the window and put the new word last, reusing the oldest buffer.
	oldest := w.last[0]
	copy(w.last[:], w.last[1:])
	w.last[siteFactsShingle-1] = append(oldest[:0], w.word...)
	w.count++
	if w.count >= siteFactsShingle {
		w.vote(w.last[:])
	}
}

// vote adds the hash of the shingle made of words to the SimHash votes.
func (w *siteWords) vote(words [][]byte) {
	h := uint64(fnvOffset64)
	for i, word := range words {
		if i > 0 {
			h = fnvAdd(h, []byte{' '})
		}
		h = fnvAdd(h, word)
	}
	for k := range 8 {
		w.lanes[k] += spreadByte[h>>(8*k)&0xff]
	}
	if w.inLane++; w.inLane == 255 { // a packed counter holds 255 at most
		w.flushLanes()
	}
}

// flushLanes adds the packed counters to ones and clears them.
func (w *siteWords) flushLanes() {
	for k, lane := range w.lanes {
		for j := range 8 {
			w.ones[8*k+j] += int(lane >> (8 * j) & 0xff)
		}
	}
	w.lanes, w.inLane = [8]uint64{}, 0
}

// simHash sets each bit that more than half of the n shingles had set.
func (w *siteWords) simHash(n int) (sim uint64) {
	w.flushLanes()
	for b := range 64 {
		if 2*w.ones[b] > n {
			sim |= 1 << b
		}
	}
	return sim
}

func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime64
	}
	return h
}

// siteFactsWords hashes the lowercased words of the visible text of main,
// leaving out chrome regions (header, nav, footer, aside) and hidden or
// screen-reader-only elements. A word is a run of letters and digits.
func siteFactsWords(main *html.Node) *siteWords {
	words := newSiteWords()
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				words.addText(c.Data)
			case html.ElementNode:
				if siteFactsSkip[c.Data] || dom.OwnState(c) > dom.Collapsed || dom.IsChrome(c) {
					continue
				}
				walk(c)
			}
		}
	}
	if main != nil && dom.StateOf(main) <= dom.Collapsed {
		walk(main)
	}
	return words
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// addText adds the words of text: runs of letters and digits. ASCII text is
// split in a loop; a text with other runes is split by rune class.
func (w *siteWords) addText(text string) {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			for word := range strings.FieldsFuncSeq(text, notWordRune) {
				w.add(word)
			}
			return
		}
	}
	start := -1
	for i := 0; i <= len(text); i++ {
		word := i < len(text) && isASCIIWordByte(text[i])
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			w.add(text[start:i])
			start = -1
		}
	}
}

func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// siteFactsShingle is the number of words in a SimHash shingle.
const siteFactsShingle = 3

// siteFactsHashes returns an exact hash of the words and their 64-bit
// SimHash over overlapping 3-word shingles: each shingle's FNV-1a hash
// votes +1 or -1 on each bit, and the sign of the sum sets the bit. Texts
// that share most shingles get hashes a few bits apart. A text shorter
// than a shingle is one shingle.
func siteFactsHashes(words *siteWords) (exact, sim uint64) {
	if words.count == 0 {
		return 0, 0
	}
	if words.count < siteFactsShingle {
		short := &siteWords{}
		short.vote(words.last[siteFactsShingle-words.count:])
		return words.exact, short.simHash(1)
	}
	return words.exact, words.simHash(words.count - siteFactsShingle + 1)
}

// siteFactsDistance is the Hamming distance of two SimHashes.
func siteFactsDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// siteFactsCanonicalElsewhere reports whether the page names another page
// as its canonical: one that is not itself (or an alias of itself).
func siteFactsCanonicalElsewhere(s *page.Site, sum *page.Summary) bool {
	c := sum.Facts.Canonical
	if c == "" || c == sum.URL {
		return false
	}
	if other, ok := s.Page(c); ok && other == sum {
		return false
	}
	if !s.Internal(c) {
		// A canonical on another host: in check mode without --base-url
		// the site's own host is unknown, so compare paths.
		if s.Mode == page.ModeCheck && !s.Absolute {
			if mapped, ok := s.SitemapURL(c); ok {
				if other, ok := s.Page(mapped); ok && other == sum {
					return false
				}
				if mapped == sum.URL {
					return false
				}
			}
		}
	}
	return true
}

// siteFactsIndexable reports whether a page takes part in the comparisons
// of duplicate titles, descriptions and content: read with status 200, not
// noindex, not canonicalised to another page, not part of a paginated
// series and not a redirect stub.
func siteFactsIndexable(s *page.Site, sum *page.Summary) bool {
	f := &sum.Facts
	if (sum.Status != 0 && sum.Status != 200) || f.Noindex || sum.NoIndex || f.Paginated || f.Refresh {
		return false
	}
	return !siteFactsCanonicalElsewhere(s, sum)
}

// siteFactsSeriesSuffix matches the suffix of a file name in a split
// series: genindex-A.html, genindex-_.html, genindex-Symbols.html,
// genindex-all.html (Sphinx's split index), 2 of archive-2.html is not:
// WordPress appends -2 to the slug of a duplicated page.
var siteFactsSeriesSuffix = regexp.MustCompile(`(?i)^(.+?)[-_]([a-z]|_|all|symbols)(\.html?)?$`)

// siteFactsSeries returns the series a page belongs to: its path with a
// split-series suffix removed from the last segment ("/genindex" for
// /genindex-A.html and /genindex.html), or "" when it has no such suffix
// and no sibling could share it.
func siteFactsSeries(p string) string {
	p = strings.TrimSuffix(p, "/")
	dir, name := "", p
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		dir, name = p[:i+1], p[i+1:]
	}
	if m := siteFactsSeriesSuffix.FindStringSubmatch(name); m != nil {
		return dir + m[1]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	return dir + name
}

// siteFactsOneSeries reports whether every page of a group belongs to one
// split series, with at least one of them carrying a series suffix.
func siteFactsOneSeries(group []*page.Summary) bool {
	if len(group) < 2 {
		return false
	}
	key := siteFactsSeries(group[0].Path)
	suffixed := false
	for _, sum := range group {
		if siteFactsSeries(sum.Path) != key {
			return false
		}
		name := sum.Path[strings.LastIndexByte(sum.Path, '/')+1:]
		if siteFactsSeriesSuffix.MatchString(name) {
			suffixed = true
		}
	}
	return suffixed
}

// siteFactsOthers lists up to five other pages of a group for a message:
// "/a.html, /b.html and 3 more".
func siteFactsOthers(s *page.Site, group []*page.Summary, self *page.Summary) string {
	var names []string
	more := 0
	for _, o := range group {
		if o == self {
			continue
		}
		if len(names) < 5 {
			names = append(names, s.DisplayURL(o.URL))
		} else {
			more++
		}
	}
	out := strings.Join(names, ", ")
	if more > 0 {
		out += " and " + plural(more, "more", "more")
	}
	return out
}

// siteFactsTranslations reports whether every two pages of a group name
// each other (one of them is enough) as hreflang alternates: versions of
// one page for other languages or regions (en-US and en-GB), which search
// engines expect to be alike.
func siteFactsTranslations(s *page.Site, group []*page.Summary) bool {
	alts := make([]map[*page.Summary]bool, len(group))
	for i, sum := range group {
		alts[i] = map[*page.Summary]bool{}
		for _, a := range sum.Facts.Alternates {
			if a.URL == "" {
				continue
			}
			if other, ok := s.Page(a.URL); ok {
				alts[i][other] = true
			}
		}
	}
	for i := range group {
		for j := i + 1; j < len(group); j++ {
			if !alts[i][group[j]] && !alts[j][group[i]] {
				return false
			}
		}
	}
	return len(group) > 1
}
