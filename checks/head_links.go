package checks

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// Shared reading of the <link> and robots <meta> elements that
// canonical-invalid, noindex and hreflang-invalid judge. The first of those
// rules to run on a page walks the document (headLinkCollect) and records
// the page facts (canonical, noindex, hreflang alternates) that the site
// rules read, whichever of the three is enabled; the others reuse the scan.

// A headLinkTag is one <link rel=canonical> or <link rel=alternate hreflang>.
type headLinkTag struct {
	node    *html.Node
	raw     string // href as written, spaces trimmed
	hasHref bool
	inHead  bool   // Google reads these only inside <head>
	lang    string // hreflang, spaces trimmed
}

// headLinkScan is what one walk of a document finds.
type headLinkScan struct {
	canonicals []headLinkTag
	alternates []headLinkTag // rel=alternate with a hreflang attribute
	robots     []*html.Node  // <meta name=robots|googlebot>
	base       *url.URL      // the document base: <base href> or the page URL
	// redirect is set on a redirect stub: a meta refresh to another URL
	// within a few seconds, as mdBook, Jekyll redirect-from and Hugo aliases
	// write for moved pages. Search engines treat it as a redirect.
	redirect bool
	recorded bool // record has stored the page facts
}

// headLinkKey keys the page's scan in its memo.
type headLinkKey struct{}

// headLinkCollect returns the page's scan, walking the document only for
// the first of the three rules; the rules only read it.
func headLinkCollect(p *PagePass) *headLinkScan {
	return p.Memo(headLinkKey{}, func() any { return headLinkWalk(p) }).(*headLinkScan)
}

// headLinkWalk walks the document once. Content of <template> and of
// foreign (SVG, MathML) elements is skipped: a browser never applies it.
func headLinkWalk(p *PagePass) *headLinkScan {
	s := &headLinkScan{base: p.Page.URL}
	baseSeen := false
	dom.Walk(p.Root(), func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n.Namespace != "" || n.Data == "template" {
			return false
		}
		switch n.Data {
		case "base":
			if href, ok := dom.Attr(n, "href"); ok && !baseSeen && p.Page.URL != nil {
				baseSeen = true
				if u, err := url.Parse(strings.TrimSpace(href)); err == nil {
					s.base = p.Page.URL.ResolveReference(u)
				}
			}
		case "link":
			href, ok := dom.Attr(n, "href")
			tag := headLinkTag{node: n, raw: strings.TrimSpace(href), hasHref: ok, inHead: headLinkInHead(n)}
			if dom.HasToken(n, "rel", "canonical") {
				s.canonicals = append(s.canonicals, tag)
			}
			if lang, ok := dom.Attr(n, "hreflang"); ok && dom.HasToken(n, "rel", "alternate") && headLinkIsPage(n) {
				tag.lang = strings.TrimSpace(lang)
				s.alternates = append(s.alternates, tag)
			}
		case "meta":
			if strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "http-equiv")), "refresh") && headLinkQuickRefresh(dom.AttrOr(n, "content")) {
				s.redirect = true
			}
			switch strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name"))) {
			case "robots", "googlebot":
				s.robots = append(s.robots, n)
			}
		}
		return true
	})
	return s
}

// headLinkQuickRefresh reports a meta refresh content that sends the reader
// to another URL within 5 seconds ("0; url=new.html").
func headLinkQuickRefresh(content string) bool {
	if page.RefreshTarget(content) == "" {
		return false
	}
	delay, _, _ := strings.Cut(content, ";")
	delay, _, _ = strings.Cut(delay, ",")
	d, err := strconv.ParseFloat(strings.TrimSpace(delay), 64)
	return err == nil && d <= 5
}

// headLinkIsPage reports whether an alternate link names an HTML page: a
// feed (type="application/rss+xml") with a hreflang is not an annotation.
func headLinkIsPage(n *html.Node) bool {
	t, ok := dom.Attr(n, "type")
	t = strings.ToLower(strings.TrimSpace(t))
	return !ok || t == "" || strings.HasPrefix(t, "text/html") || strings.HasPrefix(t, "application/xhtml")
}

func headLinkInHead(n *html.Node) bool {
	return dom.Closest(n, func(a *html.Node) bool { return a.Data == "head" }) != nil
}

// resolve returns the absolute URL of a link, or nil when it is unparsable.
func (s *headLinkScan) resolve(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	if s.base == nil {
		return u
	}
	return s.base.ResolveReference(u)
}

// canonical returns the first canonical in <head> that names an http(s)
// page, normalized, or "". A file: canonical (an offline documentation
// build, as Debian's Python docs have) names no page on the web.
func (s *headLinkScan) canonical() string {
	for _, c := range s.canonicals {
		if !c.inHead || c.raw == "" {
			continue
		}
		if u := s.resolve(c.raw); page.Fetchable(u) {
			return page.Normalize(u)
		}
	}
	return ""
}

// record stores the facts the site rules compare on the page's summary,
// once per page.
func (s *headLinkScan) record(p *PagePass) {
	if s.recorded {
		return
	}
	s.recorded = true
	f := &p.Summary.Facts
	if c := s.canonical(); c != "" {
		f.Canonical = c
	}
	for _, m := range s.robots {
		if headLinkRobotsTokens(dom.AttrOr(m, "content")).noindex() {
			f.Noindex = true
		}
	}
	for _, v := range headLinkHeaderRobots(p.Page.Header) {
		if headLinkRobotsTokens(v).noindex() {
			f.Noindex = true
		}
	}
	f.Alternates = f.Alternates[:0] // each of the three rules records the same list
	for _, a := range s.alternates {
		if !a.inHead {
			continue
		}
		alt := page.Alternate{Lang: a.lang, Line: p.Page.Line(a.node), Evidence: page.Evidence(a.node)}
		if u := s.resolve(a.raw); a.raw != "" && page.Fetchable(u) {
			alt.URL = page.Normalize(u)
		}
		f.Alternates = append(f.Alternates, alt)
	}
}

// headLinkRobots is the set of directives of one robots meta or header value.
type headLinkRobots map[string]bool

// headLinkRobotsTokens splits a robots directive list ("noindex, follow",
// "max-snippet:50, none") into its lowercased directive names.
func headLinkRobotsTokens(content string) headLinkRobots {
	set := headLinkRobots{}
	for _, tok := range strings.FieldsFunc(strings.ToLower(content), func(r rune) bool { return r == ',' || r == ';' }) {
		tok = strings.TrimSpace(tok)
		if i := strings.IndexByte(tok, ':'); i >= 0 {
			tok = strings.TrimSpace(tok[:i])
		}
		for _, t := range strings.Fields(tok) { // "noindex nofollow" without commas
			set[t] = true
		}
	}
	return set
}

func (r headLinkRobots) noindex() bool  { return r["noindex"] || r["none"] }
func (r headLinkRobots) nofollow() bool { return r["nofollow"] || r["none"] }

// headLinkDirectives are robots directives that take a value after a colon,
// so that "max-snippet: 20" is not read as a user-agent prefix.
var headLinkDirectives = map[string]bool{
	"unavailable_after": true, "max-snippet": true, "max-image-preview": true, "max-video-preview": true,
}

// headLinkHeaderRobots returns the X-Robots-Tag values that apply to every
// crawler or to Googlebot. A value may start with a user agent
// ("otherbot: noindex"), which limits it to that crawler.
// The headers arrive as the crawler recorded them (canonical keys), so the
// map is read directly: rules import nothing of net/http.
func headLinkHeaderRobots(h map[string][]string) []string {
	var out []string
	for _, v := range h["X-Robots-Tag"] {
		if i := strings.IndexByte(v, ':'); i > 0 {
			agent := strings.ToLower(strings.TrimSpace(v[:i]))
			if !headLinkDirectives[agent] && !strings.ContainsAny(agent, ", ") {
				if agent != "googlebot" && agent != "robots" && agent != "*" {
					continue
				}
				v = v[i+1:]
			}
		}
		out = append(out, v)
	}
	return out
}

// headLinkBodyNote explains why a <link> that belongs in <head> is in
// <body>: written there, or the head ended early at an element not allowed
// in it (a <div>, an <img>, stray text), which the note names.
func headLinkBodyNote(p *PagePass, n *html.Node) string {
	line := p.Page.Line(n)
	raw, off := p.Page.Raw, 0
	for i := 1; i < line && off < len(raw); i++ {
		j := bytes.IndexByte(raw[off:], '\n')
		if j < 0 {
			break
		}
		off += j + 1
	}
	if headLinkBodyTag.Match(raw[:off]) {
		return "it is written after <body>"
	}
	// The parser opened <body> at the first thing <head> cannot hold.
	body := dom.Closest(n, func(a *html.Node) bool { return a.Data == "body" })
	var first *html.Node
	if body != nil {
		first = body.FirstChild
	}
	for first != nil && (first.Type == html.CommentNode || first.Type == html.TextNode && strings.TrimSpace(first.Data) == "") {
		first = first.NextSibling
	}
	switch {
	case first == nil || first == n:
		return "the head ended early"
	case first.Type == html.TextNode:
		return fmt.Sprintf("the head ended early at the text %q", structuredDataShorten(dom.FoldSpace(first.Data), 40))
	case first.Type == html.ElementNode && p.Page.Line(first) > 0:
		return fmt.Sprintf("the head ended early at %s on line %d, which is not allowed in <head>", page.OpeningTag(first), p.Page.Line(first))
	}
	return "the head ended early"
}

var headLinkBodyTag = regexp.MustCompile(`(?i)<body[\s>]`)

// headLinkSchemeKnown reports whether the page's URL scheme is the one it is
// served with: always in crawl mode, and in check mode only with a real
// --base-url (without one, pages get a placeholder https://site.invalid/).
func headLinkSchemeKnown(p *PagePass) bool {
	return p.Site.Mode == page.ModeCrawl || p.Site.Absolute
}

// headLinkIsHome reports whether the page is the home page of the site.
func headLinkIsHome(p *PagePass) bool { return p.Page.Path == "/" }
