package page

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// A Page is one HTML document while its page rules run. It is dropped once
// they have, and only its Summary is kept, so memory stays bounded on large sites.
type Page struct {
	URL    *url.URL    // absolute URL the page was read from (after redirects)
	Path   string      // site path ("/blog/a.html"; a folder index is "/blog/")
	File   string      // check mode: path of the file relative to the site root
	Status int         // HTTP status (200 for files read from disk)
	Header http.Header // response headers (nil in check mode)
	Raw    []byte      // the source, as UTF-8
	Doc    *goquery.Document
	Links  []Link
	// ContextOnly marks a page read only so that the pages linking to it can
	// be judged (its ids, its lead text): its own findings are not reported.
	ContextOnly bool
	// Truncated is the byte limit (--max-body) the body was cut at, 0 when
	// the whole body was read. The rules see only the part that was read.
	Truncated int

	linesOnce sync.Once
	lines     *lineIndex
}

// Parse builds a Page from UTF-8 source. base resolves relative links (a
// <base href> in the document wins, as in a browser).
func Parse(u *url.URL, raw []byte) (*Page, error) {
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		// Nested past the parser's limit: parse it as a browser shows it.
		flat := flattenDeep(raw)
		if root, err = html.Parse(bytes.NewReader(flat)); err != nil {
			return nil, fmt.Errorf("parse %s: %w", u, err)
		}
		raw = flat
	}
	p := &Page{URL: u, Raw: raw, Status: http.StatusOK, Doc: goquery.NewDocumentFromNode(root)}
	p.Links = ExtractLinks(root, u)
	return p, nil
}

// Root returns the document node.
func (p *Page) Root() *html.Node { return p.Doc.Nodes[0] }

// Line returns the 1-based source line of element n, or 0 when unknown.
func (p *Page) Line(n *html.Node) int {
	if n == nil {
		return 0
	}
	p.linesOnce.Do(func() { p.lines = buildLineIndex(p.Root(), p.Raw) })
	for ; n != nil; n = n.Parent {
		if l, ok := p.lines.lines[n]; ok {
			return int(l)
		}
	}
	return 0
}

// keyAttrs are the attributes that identify an element in evidence and
// fingerprints, in the order they are printed.
var keyAttrs = []string{
	"id", "name", "rel", "property", "itemprop", "http-equiv", "href", "src", "srcset",
	"data", "poster", "content", "aria-label", "role", "class", "type", "datetime",
}

// keyAttrRank is the place of each key attribute in keyAttrs.
var keyAttrRank = func() map[string]int {
	m := make(map[string]int, len(keyAttrs))
	for i, k := range keyAttrs {
		m[k] = i
	}
	return m
}()

type attrRank struct{ rank, index int }

const (
	evidenceTextLimit = 80
	evidenceAttrLimit = 100
)

// Evidence renders an element for a report: its tag with the identifying
// attributes and its text, whitespace folded and shortened, e.g.
// <a href="/missing.html">READ MORE</a>.
func Evidence(n *html.Node) string {
	if n == nil || n.Type != html.ElementNode {
		return ""
	}
	var b strings.Builder
	b.Grow(64)
	b.WriteString("<")
	b.WriteString(n.Data)
	// The key attributes in keyAttrs order: one pass marks which attributes
	// are key ones, then they are written by rank (a stable order: a
	// repeated attribute keeps its place).
	var ranked [8]attrRank
	keys := ranked[:0]
	for i, a := range n.Attr {
		if r, ok := keyAttrRank[a.Key]; ok && a.Namespace == "" {
			keys = append(keys, attrRank{rank: r, index: i})
		}
	}
	slices.SortStableFunc(keys, func(x, y attrRank) int { return x.rank - y.rank })
	for _, k := range keys {
		a := n.Attr[k.index]
		b.WriteString(" ")
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(shorten(dom.FoldSpace(a.Val), evidenceAttrLimit)))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	if voidElements[n.Data] {
		return b.String()
	}
	text := shorten(textOf(n), evidenceTextLimit)
	b.WriteString(html.EscapeString(text))
	if n.FirstChild != nil {
		b.WriteString("</" + n.Data + ">")
	}
	return b.String()
}

// OpeningTag renders only the start tag part of Evidence.
func OpeningTag(n *html.Node) string {
	ev := Evidence(n)
	if i := strings.IndexByte(ev, '>'); i >= 0 {
		return ev[:i+1]
	}
	return ev
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if b.Len() > 4*evidenceTextLimit {
			return
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			b.WriteByte(' ')
		case html.ElementNode:
			if c.Data == "script" || c.Data == "style" {
				return
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return dom.FoldSpace(b.String())
}

// shorten cuts s to at most limit runes, marking the cut with "…".
func shorten(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return string(r[:limit-1]) + "…"
}
