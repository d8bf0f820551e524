package checks

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// MixedContent reports http: subresources of https: pages.
var MixedContent = &Check{
	ID:       "mixed-content",
	Severity: Error,
	Summary:  "an https page loads a script, stylesheet, frame, font or image over plain http",
	Help:     "Load the resource over https (or from the same site with a relative URL).",
	Doc: `Flags http: subresources of an https: page. Scripts, stylesheets, iframes, objects, embeds, fonts
(@font-face), @import, media tracks and form actions are blocked by browsers: error. Images,
audio and video (src, srcset, poster, <source>) and CSS background images are "upgradable":
browsers retry them over https and drop them when that fails: warning. A plain link
(<a href="http:...">) is not mixed content, nor is a resource on localhost. A page that sets
Content-Security-Policy: upgrade-insecure-requests (meta or header) is skipped.

The page's scheme must be known: the rule runs in crawl mode, and in check mode only with an
https --base-url (without one, pagelint does not know how the files are served).

Why: blocked resources break the page (no script, no styles, an empty frame); even upgradable
ones make browsers drop the padlock and show "Not secure" on forms.

Fix: change http:// to https:// (check the resource exists there), or host it yourself.

  bad:  <script src="http://cdn.example.com/app.js"></script>
  good: <script src="https://cdn.example.com/app.js"></script>`,
	Page: mixedContent,
}

// mixedContentCSSURL finds url(...) references and @import strings in CSS.
var mixedContentCSSURL = regexp.MustCompile(`(?i)(@import\s+|url\(\s*)["']?(http://[^"')\s;]+)`)

// mixedContentFontFace matches an @font-face block.
var mixedContentFontFace = regexp.MustCompile(`(?is)@font-face\s*\{[^}]*\}`)

type mixedContentHit struct {
	node    *html.Node
	kind    string // "script", "image", …
	url     string
	blocked bool
}

func mixedContent(p *PagePass) error {
	if !headLinkSchemeKnown(p) || p.Page.URL == nil || !strings.EqualFold(p.Page.URL.Scheme, "https") {
		return nil
	}
	if mixedContentUpgrades(strings.Join(p.Page.Header.Values("Content-Security-Policy"), ";")) {
		return nil
	}
	base := p.Page.URL
	baseSeen, upgrade := false, false
	var hits []mixedContentHit
	add := func(n *html.Node, kind, raw string, blocked bool) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return
		}
		ref, err := url.Parse(raw)
		if err != nil {
			return
		}
		u := base.ResolveReference(ref)
		if !strings.EqualFold(u.Scheme, "http") || mixedContentLocal(u.Hostname()) {
			return
		}
		hits = append(hits, mixedContentHit{node: n, kind: kind, url: u.String(), blocked: blocked})
	}
	dom.Walk(p.Root(), func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n.Data == "template" {
			return false
		}
		if n.Namespace != "" {
			return n.Namespace == "svg" || n.Namespace == "math"
		}
		switch n.Data {
		case "base":
			if href, ok := dom.Attr(n, "href"); ok && !baseSeen {
				baseSeen = true
				if ref, err := url.Parse(strings.TrimSpace(href)); err == nil {
					base = p.Page.URL.ResolveReference(ref)
				}
			}
		case "meta":
			if strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "http-equiv")), "content-security-policy") &&
				mixedContentUpgrades(dom.AttrOr(n, "content")) {
				upgrade = true
			}
		case "img":
			add(n, "image", dom.AttrOr(n, "src"), false)
			for _, c := range page.ParseSrcset(dom.AttrOr(n, "srcset")) {
				add(n, "image", c, false)
			}
		case "source":
			kind := "media"
			if n.Parent != nil && n.Parent.Data == "picture" {
				kind = "image"
			}
			add(n, kind, dom.AttrOr(n, "src"), false)
			for _, c := range page.ParseSrcset(dom.AttrOr(n, "srcset")) {
				add(n, kind, c, false)
			}
		case "video":
			add(n, "video", dom.AttrOr(n, "src"), false)
			add(n, "video poster", dom.AttrOr(n, "poster"), false)
		case "audio":
			add(n, "audio", dom.AttrOr(n, "src"), false)
		case "track":
			add(n, "text track", dom.AttrOr(n, "src"), true)
		case "script":
			add(n, "script", dom.AttrOr(n, "src"), true)
			return false
		case "iframe", "frame":
			add(n, n.Data, dom.AttrOr(n, "src"), true)
		case "object":
			add(n, "object", dom.AttrOr(n, "data"), true)
		case "embed":
			add(n, "embed", dom.AttrOr(n, "src"), true)
		case "form":
			add(n, "form action", dom.AttrOr(n, "action"), true)
		case "link":
			if kind, blocked, ok := mixedContentLinkKind(n); ok {
				add(n, kind, dom.AttrOr(n, "href"), blocked)
			}
		case "style":
			mixedContentCSS(n, mixedContentStyleText(n), add)
		}
		if style, ok := dom.Attr(n, "style"); ok && n.Data != "style" {
			mixedContentCSS(n, style, add)
		}
		return true
	})
	if upgrade {
		return nil
	}
	reported := map[*html.Node]bool{}
	for _, h := range hits {
		if reported[h.node] {
			continue
		}
		reported[h.node] = true
		if h.blocked {
			p.Report(Issue{Node: h.node, Severity: Error, Message: fmt.Sprintf(
				"%s %q is loaded over http: on an https page; browsers block it", h.kind, h.url)})
			continue
		}
		p.Report(Issue{Node: h.node, Severity: Warning, Message: fmt.Sprintf(
			"%s %q is loaded over http: on an https page; browsers upgrade it to https and drop it if that fails", h.kind, h.url)})
	}
	return nil
}

// mixedContentLinkKind says what a <link> loads, and whether browsers block
// it over http. Links that load nothing (canonical, alternate, prev/next)
// and icons are not judged.
func mixedContentLinkKind(n *html.Node) (kind string, blocked, ok bool) {
	switch {
	case dom.HasToken(n, "rel", "stylesheet"):
		return "stylesheet", true, true
	case dom.HasToken(n, "rel", "modulepreload"):
		return "script", true, true
	case dom.HasToken(n, "rel", "preload"):
		switch as := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "as"))); as {
		case "image", "audio", "video":
			return "preloaded " + as, false, true
		case "script", "style", "font", "fetch", "worker":
			return "preloaded " + as, true, true
		}
	}
	return "", false, false
}

// mixedContentCSS reports the http: URLs of a style sheet or style
// attribute: fonts and imports are blocked, images upgradable.
func mixedContentCSS(n *html.Node, css string, add func(*html.Node, string, string, bool)) {
	if !strings.Contains(strings.ToLower(css), "http:") {
		return
	}
	fonts := mixedContentFontFace.FindAllStringIndex(css, -1)
	for _, m := range mixedContentCSSURL.FindAllStringSubmatchIndex(css, -1) {
		raw := css[m[4]:m[5]]
		switch {
		case strings.HasPrefix(strings.ToLower(css[m[2]:m[3]]), "@import"):
			add(n, "stylesheet @import", raw, true)
		case mixedContentWithin(m[0], fonts):
			add(n, "font", raw, true)
		default:
			add(n, "CSS image", raw, false)
		}
	}
}

func mixedContentWithin(at int, spans [][]int) bool {
	for _, s := range spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return false
}

func mixedContentStyleText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// mixedContentUpgrades reports a Content-Security-Policy with
// upgrade-insecure-requests: browsers then load every http: resource over https.
func mixedContentUpgrades(csp string) bool {
	return strings.Contains(strings.ToLower(csp), "upgrade-insecure-requests")
}

// mixedContentLocal reports hosts browsers treat as secure over http.
func mixedContentLocal(host string) bool {
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
