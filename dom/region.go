package dom

import (
	"strings"

	"golang.org/x/net/html"
)

// chromeTags and chromeRoles mark the parts of a page that repeat on every
// page of a site (header, footer, navigation, sidebars), as opposed to its
// main content.
var chromeTags = map[string]bool{"header": true, "footer": true, "nav": true, "aside": true}

var chromeRoles = map[string]bool{
	"banner": true, "contentinfo": true, "navigation": true, "complementary": true,
}

// chromeIDsClasses are theme hooks for headers and footers (WordPress themes
// often use plain divs for them).
var chromeIDsClasses = []string{
	"#colophon", ".site-footer", ".site-header", ".fusion-footer", ".fusion-header-wrapper",
	".elementor-location-header", ".elementor-location-footer", "#ast-desktop-header",
	"#ast-mobile-header", "#main-header", "#et-footer-nav", "#masthead", "#footer", ".footer",
}

// chromeIDs and chromeClasses are chromeIDsClasses split for lookups.
var chromeIDs, chromeClasses = splitHooks(chromeIDsClasses)

func splitHooks(hooks []string) (ids, classes map[string]bool) {
	ids, classes = map[string]bool{}, map[string]bool{}
	for _, h := range hooks {
		switch h[0] {
		case '#':
			ids[h[1:]] = true
		case '.':
			classes[h[1:]] = true
		}
	}
	return ids, classes
}

// IsChrome reports whether the element itself is a header, footer, nav or aside region.
func IsChrome(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	if chromeTags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "role":
			if chromeRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "id":
			if chromeIDs[a.Val] {
				return true
			}
		case "class":
			for c := range strings.FieldsSeq(a.Val) {
				if chromeClasses[c] {
					return true
				}
			}
		}
	}
	return false
}

// InChrome reports whether n is inside (or is) a chrome region.
func InChrome(n *html.Node) bool { return Closest(n, IsChrome) != nil }

// mainHooks find the main content, most specific first.
var mainHooks = compileHooks([]string{
	"main", "[role=main]", "article", ".entry-content", ".post-content",
	".fusion-post-content", ".elementor-widget-theme-post-content", ".et_pb_post_content",
	"div.body", "div.document",
})

// A hook is a tiny selector, parsed once: "tag", "#id", ".class",
// "tag.class" or "[role=x]".
type hook struct{ tag, id, class, role string }

func compileHooks(list []string) []hook {
	out := make([]hook, len(list))
	for i, h := range list {
		switch {
		case strings.HasPrefix(h, "#"):
			out[i].id = h[1:]
		case strings.HasPrefix(h, "."):
			out[i].class = h[1:]
		case strings.HasPrefix(h, "[role="):
			out[i].role = strings.TrimSuffix(h[len("[role="):], "]")
		default:
			out[i].tag, out[i].class, _ = strings.Cut(h, ".")
		}
	}
	return out
}

// match reports whether element n, whose id, role and class attributes are
// given, matches the hook.
func (h hook) match(n *html.Node, id, role, class string) bool {
	switch {
	case h.id != "":
		return id == h.id
	case h.role != "":
		return strings.EqualFold(role, h.role)
	case h.tag != "" && n.Data != h.tag:
		return false
	case h.class != "":
		for c := range strings.FieldsSeq(class) {
			if c == h.class {
				return true
			}
		}
		return false
	}
	return true
}

// Main returns the element holding the page's main content: the first match
// of the usual landmarks and theme hooks, else <body>, else the root.
func Main(root *html.Node) *html.Node {
	// One walk records the first element for the earliest hook in mainHooks
	// that matches anywhere; chrome regions are not searched.
	best, bestAt := len(mainHooks), (*html.Node)(nil)
	var body *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "body" && body == nil {
				body = n
			}
			if IsChrome(n) {
				return
			}
			id, _ := Attr(n, "id")
			role, _ := Attr(n, "role")
			class, _ := Attr(n, "class")
			for i := range best {
				if mainHooks[i].match(n, id, role, class) {
					best, bestAt = i, n
					break
				}
			}
		}
		for c := n.FirstChild; c != nil && best > 0; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if bestAt != nil {
		return bestAt
	}
	if body != nil {
		return body
	}
	return root
}

// Find returns the first element below root (root included) that matches.
func Find(root *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	Walk(root, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		if n.Type == html.ElementNode && match(n) {
			found = n
			return false
		}
		return true
	})
	return found
}
