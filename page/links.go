package page

import (
	"net/url"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// A Link is one URL found in a page, with the element and attribute it came from.
type Link struct {
	Node *html.Node
	Attr string   // attribute it was read from: href, src, srcset, content, …
	Raw  string   // the URL as written (one candidate of a srcset)
	URL  *url.URL // resolved against the page (or its <base href>); nil when Err is set
	Err  error    // the URL could not be parsed
	// Follow is true for links a crawler follows to find more pages (a, area,
	// iframe, meta refresh); the others are resources that are only checked.
	Follow bool
}

// linkRels are the <link rel> values whose href is a resource worth checking.
// preconnect and dns-prefetch name hosts, not documents.
var linkRels = map[string]bool{
	"stylesheet": true, "icon": true, "shortcut": true, "apple-touch-icon": true,
	"apple-touch-icon-precomposed": true, "manifest": true, "preload": true,
	"modulepreload": true, "canonical": true, "alternate": true, "prev": true, "next": true,
	"mask-icon": true, "prefetch": true, "amphtml": true,
}

// ExtractLinks returns every link and resource URL of a document in document
// order, resolved against base or the document's own <base href>.
func ExtractLinks(root *html.Node, base *url.URL) []Link {
	base = documentBase(root, base)
	var links []Link
	add := func(n *html.Node, attr, raw string, follow bool) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return
		}
		l := Link{Node: n, Attr: attr, Raw: raw, Follow: follow}
		ref, err := url.Parse(raw)
		if err != nil {
			l.Err = err
		} else if base != nil {
			l.URL = base.ResolveReference(ref)
		} else {
			l.URL = ref
		}
		links = append(links, l)
	}
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "template":
			return false // inert until a script stamps it out
		case "a", "area":
			if v, ok := dom.Attr(n, "href"); ok {
				add(n, "href", v, true)
			}
		case "iframe":
			add(n, "src", dom.AttrOr(n, "src"), true)
		case "img", "source":
			add(n, "src", dom.AttrOr(n, "src"), false)
			for _, u := range ParseSrcset(dom.AttrOr(n, "srcset")) {
				add(n, "srcset", u, false)
			}
		case "video":
			add(n, "src", dom.AttrOr(n, "src"), false)
			add(n, "poster", dom.AttrOr(n, "poster"), false)
		case "audio", "track", "embed", "script":
			add(n, "src", dom.AttrOr(n, "src"), false)
		case "object":
			add(n, "data", dom.AttrOr(n, "data"), false)
		case "link":
			if linkRelChecked(dom.AttrOr(n, "rel")) {
				add(n, "href", dom.AttrOr(n, "href"), false)
			}
		case "use", "image":
			if n.Namespace == "svg" {
				if v, ok := dom.Attr(n, "href"); ok {
					add(n, "href", v, false)
				} else {
					for _, a := range n.Attr {
						if a.Namespace == "xlink" && a.Key == "href" {
							add(n, "href", a.Val, false)
						}
					}
				}
			}
		case "meta":
			if strings.EqualFold(dom.AttrOr(n, "http-equiv"), "refresh") {
				if target := RefreshTarget(dom.AttrOr(n, "content")); target != "" {
					add(n, "content", target, true)
				}
			}
			switch strings.ToLower(dom.AttrOr(n, "property") + dom.AttrOr(n, "name")) {
			case "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src":
				add(n, "content", dom.AttrOr(n, "content"), false)
			}
		}
		return true
	})
	return links
}

func linkRelChecked(rel string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		if r == "preconnect" || r == "dns-prefetch" {
			return false
		}
		if linkRels[r] {
			return true
		}
	}
	return false
}

// documentBase applies the first <base href> of the document, as browsers do.
func documentBase(root *html.Node, base *url.URL) *url.URL {
	b := dom.Find(root, func(n *html.Node) bool { return n.Data == "base" && hasAttr(n, "href") })
	if b == nil {
		return base
	}
	ref, err := url.Parse(strings.TrimSpace(dom.AttrOr(b, "href")))
	if err != nil {
		return base
	}
	if base == nil {
		return ref
	}
	return base.ResolveReference(ref)
}

func hasAttr(n *html.Node, key string) bool { _, ok := dom.Attr(n, key); return ok }

// RefreshTarget returns the URL of a meta refresh content value such as
// "0; url=/new/" (or "" when it only reloads the page).
func RefreshTarget(content string) string {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		_, rest, ok = strings.Cut(content, ",")
		if !ok {
			return ""
		}
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 3 && strings.EqualFold(rest[:3], "url") {
		rest = strings.TrimSpace(rest[3:])
		rest = strings.TrimSpace(strings.TrimPrefix(rest, "="))
	}
	return strings.Trim(rest, `'"`)
}
