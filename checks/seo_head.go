package checks

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// seoHead is what the page SEO rules (title-*, meta-description-*, h1-*,
// html-lang, image-alt, open-graph) read from one document. It is gathered
// in one walk of the document and shared by those rules (see seoHeadOf), so
// adding them costs one pass over the page, not nine.
type seoHead struct {
	html        *html.Node   // the <html> element
	head        *html.Node   // the <head> element
	titles      []*html.Node // HTML <title> elements (not SVG titles), in order
	descs       []*html.Node // <meta name="description">, in order
	og          []*html.Node // <meta property="og:…"> (or name="og:…"), in order
	canonical   *html.Node   // first <link rel="canonical"> in head
	robotsNoidx bool         // a robots or googlebot meta says noindex or none
	refresh     bool         // a meta refresh that soon sends the reader to another page: a redirect stub
	h1s         []*html.Node // <h1> and [role=heading][aria-level=1], in order
	imgs        []*html.Node // HTML <img> elements, in order
	refreshAt   string       // content of the first meta refresh
	fragment    bool         // no <html>, <head>, <body> or <title> in the source: a partial, not a page
	pruned      bool         // a <template>, SVG or MathML subtree was left unread
}

// seoHeadKey keys the seoHead in the page's memo.
type seoHeadKey struct{}

// seoHeadOf returns the seoHead of the page of p, gathered once per page and
// shared by the rules that read it.
func seoHeadOf(p *PagePass) *seoHead {
	return p.Memo(seoHeadKey{}, func() any { return seoHeadRead(p.Page) }).(*seoHead)
}

// seoHeadDocRe finds the tags that a whole document starts with. Without any
// of them, and without a title, the file is a partial (an include, a fragment
// loaded by script, a server's directory listing), not a page.
var seoHeadDocRe = regexp.MustCompile(`(?i)<(?:html|head|body)[\s>/]`)

// seoHeadRead walks the document once.
func seoHeadRead(pg *page.Page) *seoHead {
	h := &seoHead{}
	h.walk(pg.Root())
	h.fragment = len(h.titles) == 0 && !seoHeadDocRe.Match(pg.Raw)
	h.refresh = seoHeadStub(pg, h.refreshAt)
	return h
}

// walk reads the elements below n in document order, leaving out
// templates and SVG and MathML (their <title> names a drawing).
func (h *seoHead) walk(n *html.Node) {
	for n := n.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Namespace != "" || n.Data == "template" {
			h.pruned = true
			continue
		}
		switch n.Data {
		case "html":
			if h.html == nil {
				h.html = n
			}
		case "head":
			if h.head == nil {
				h.head = n
			}
		case "title":
			h.titles = append(h.titles, n)
		case "meta":
			h.readMeta(n)
		case "link":
			if h.canonical == nil && dom.HasToken(n, "rel", "canonical") && seoHeadInHead(n) {
				h.canonical = n
			}
		case "h1":
			h.h1s = append(h.h1s, n)
		case "img":
			h.imgs = append(h.imgs, n)
		default:
			if strings.EqualFold(dom.AttrOr(n, "role"), "heading") && strings.TrimSpace(dom.AttrOr(n, "aria-level")) == "1" {
				h.h1s = append(h.h1s, n)
			}
		}
		if n.FirstChild != nil {
			h.walk(n)
		}
	}
}

// seoHeadStubDelay is the longest meta refresh delay, in seconds, of a
// redirect stub; a page that moves on after longer is read first.
const seoHeadStubDelay = 30

// seoHeadStub reports whether a meta refresh content value ("0; url=/new/")
// makes the page a redirect stub: it sends the reader to another URL soon.
// A refresh that reloads the page itself (news pages) does not.
func seoHeadStub(pg *page.Page, content string) bool {
	target := page.RefreshTarget(content)
	if target == "" {
		return false
	}
	delay, _, _ := strings.Cut(strings.TrimSpace(content), ";")
	delay, _, _ = strings.Cut(delay, ",")
	if d, err := strconv.ParseFloat(strings.TrimSpace(delay), 64); err == nil && d > seoHeadStubDelay {
		return false
	}
	u, err := url.Parse(target)
	if err != nil || pg.URL == nil {
		return true
	}
	return page.Normalize(pg.URL.ResolveReference(u)) != page.Normalize(pg.URL)
}

func (h *seoHead) readMeta(n *html.Node) {
	name := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))
	prop := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "property")))
	switch {
	case name == "description":
		h.descs = append(h.descs, n)
	case name == "robots" || name == "googlebot":
		for _, tok := range strings.FieldsFunc(strings.ToLower(dom.AttrOr(n, "content")), func(r rune) bool { return r == ',' || r == ' ' }) {
			if tok == "noindex" || tok == "none" {
				h.robotsNoidx = true
			}
		}
	case strings.HasPrefix(prop, "og:") || strings.HasPrefix(name, "og:"):
		h.og = append(h.og, n)
	case strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "http-equiv")), "refresh"):
		if h.refreshAt == "" {
			h.refreshAt = dom.AttrOr(n, "content")
		}
	}
}

// seoHeadInHead reports whether n sits in <head>.
func seoHeadInHead(n *html.Node) bool {
	return dom.Closest(n, func(a *html.Node) bool { return a.Data == "head" }) != nil
}

// content reports whether the page is one that these rules' findings make
// sense on: read with a success status (files count as 200), a whole
// document, and not a redirect stub (a meta refresh to another page).
func (h *seoHead) content(p *PagePass) bool {
	ok := p.Page.Status == 0 || (p.Page.Status >= 200 && p.Page.Status < 300)
	return ok && !h.fragment && !h.refresh
}

// noindex reports whether the page asks search engines not to index it, by a
// robots meta or an X-Robots-Tag header: its snippet never shows.
func (h *seoHead) noindex(p *PagePass) bool {
	if h.robotsNoidx {
		return true
	}
	for _, v := range p.Page.Header.Values("X-Robots-Tag") {
		for _, tok := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ',' || r == ' ' || r == ':' }) {
			if tok == "noindex" || tok == "none" {
				return true
			}
		}
	}
	return false
}

// titleText is the text of the first title, whitespace folded.
func (h *seoHead) titleText() string {
	if len(h.titles) == 0 {
		return ""
	}
	return dom.FoldSpace(dom.Text(h.titles[0], dom.TextOptions{MaxState: dom.Hidden}))
}

// seoHeadContent is the content attribute of a meta, whitespace folded.
func seoHeadContent(n *html.Node) string { return dom.FoldSpace(dom.AttrOr(n, "content")) }

// seoHeadFacts records the page's description and language for the site
// rules, unless another rule already did. Every rule of the group calls it,
// so the facts are there whichever of them runs.
func seoHeadFacts(p *PagePass, h *seoHead) {
	f := &p.Summary.Facts
	if f.Description == "" && len(h.descs) > 0 {
		f.Description = seoHeadContent(h.descs[0])
	}
	if f.Lang == "" && h.html != nil {
		f.Lang = strings.TrimSpace(dom.AttrOr(h.html, "lang"))
	}
}

// seoHeadResolve resolves ref against the page URL (and its <base href>),
// returning nil when ref does not parse.
func seoHeadResolve(p *PagePass, h *seoHead, ref string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return nil
	}
	base := p.Page.URL
	if h.head != nil {
		if b := dom.Find(h.head, func(n *html.Node) bool { return n.Data == "base" && dom.AttrOr(n, "href") != "" }); b != nil {
			if bu, err := url.Parse(strings.TrimSpace(dom.AttrOr(b, "href"))); err == nil && base != nil {
				base = base.ResolveReference(bu)
			}
		}
	}
	if base == nil {
		return u
	}
	return base.ResolveReference(u)
}

// seoHeadLine is where a finding about the whole document goes: the <head>
// tag when the source has one, else line 1.
func seoHeadLine(p *PagePass, h *seoHead) Issue {
	if h.head != nil {
		if l := p.Page.Line(h.head); l > 0 {
			return Issue{Line: l, Evidence: page.OpeningTag(h.head)}
		}
	}
	return Issue{Line: 1}
}

// seoHeadName approximates the accessible name of n: aria-label, else its
// text including screen-reader-only text, else the alt of images, the label
// of icons and the title of SVGs inside it, else its title attribute. Hidden
// parts give no name. aria-labelledby is trusted to name it.
func seoHeadName(n *html.Node) string {
	if v := dom.FoldSpace(dom.AttrOr(n, "aria-label")); v != "" {
		return v
	}
	if v := strings.TrimSpace(dom.AttrOr(n, "aria-labelledby")); v != "" {
		return "#" + v
	}
	if t := dom.Text(n, dom.TextOptions{MaxState: dom.ATOnly, Limit: 200}); t != "" {
		return t
	}
	var name string
	dom.Walk(n, func(c *html.Node) bool {
		if name != "" || c.Type != html.ElementNode {
			return name == ""
		}
		if c != n && dom.OwnState(c) == dom.Hidden {
			return false
		}
		switch {
		case c != n && dom.FoldSpace(dom.AttrOr(c, "aria-label")) != "":
			name = dom.FoldSpace(dom.AttrOr(c, "aria-label"))
		case c.Data == "img" || c.Data == "area" || (c.Data == "input" && strings.EqualFold(dom.AttrOr(c, "type"), "image")):
			name = dom.FoldSpace(dom.AttrOr(c, "alt"))
		case c.Data == "title" && c.Namespace == "svg":
			name = dom.FoldSpace(dom.Text(c, dom.TextOptions{MaxState: dom.Hidden}))
		}
		return name == ""
	})
	if name == "" {
		name = dom.FoldSpace(dom.AttrOr(n, "title"))
	}
	return name
}
