package checks

import (
	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// Summarize builds the part of a page's summary that does not depend on any
// rule: identity, title, fragment targets and links with their lines.
// link (Site.Link) shares what links say across the pages of the run.
func Summarize(p *page.Page, link func(page.LinkInfo) *page.LinkInfo) *page.Summary {
	sum := &page.Summary{
		URL:    page.Normalize(p.URL),
		Path:   p.Path,
		File:   p.File,
		Status: p.Status,
		IDs:    map[string]struct{}{},
	}
	root := p.Root()
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if id, ok := dom.Attr(n, "id"); ok && id != "" {
			sum.IDs[id] = struct{}{}
		}
		if n.Data == "a" {
			if name := dom.AttrOr(n, "name"); name != "" {
				sum.IDs[name] = struct{}{}
			}
		}
		if n.Data == "title" && sum.Title == "" && n.Namespace == "" && dom.Closest(n, func(a *html.Node) bool { return a.Data == "svg" }) == nil {
			sum.Title = dom.FoldSpace(dom.Text(n, dom.TextOptions{MaxState: dom.Hidden}))
		}
		return true
	})
	sum.Links = make([]page.LinkRef, 0, len(p.Links))
	for _, l := range p.Links {
		info := page.LinkInfo{
			Raw:      l.Raw,
			Tag:      l.Node.Data,
			Attr:     l.Attr,
			Evidence: page.Evidence(l.Node),
			Follow:   l.Follow,
		}
		if l.URL != nil {
			base, frag := page.SplitFragment(l.URL)
			info.Fragment = frag
			info.Fetch = page.Fetchable(base)
			if info.Fetch {
				info.Target = page.Normalize(base)
			} else {
				info.Target = l.URL.String()
			}
		}
		sum.Links = append(sum.Links, page.LinkRef{LinkInfo: link(info), Line: p.Line(l.Node)})
	}
	return sum
}
