package crawler

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// readTarget keeps what the rules need of an HTML target read by the link
// checker: its fragment ids and the signals of a soft 404.
func readTarget(_ string, body []byte) *page.TargetPage {
	root, err := html.Parse(bytes.NewReader(page.DecodeHTML(body, "")))
	if err != nil {
		return nil
	}
	return targetFacts(root)
}

// targetFacts reads the ids (id and a[name]), title, first h1, robots
// noindex and main text length of a parsed document.
func targetFacts(root *html.Node) *page.TargetPage {
	t := &page.TargetPage{IDs: map[string]struct{}{}}
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if id := dom.AttrOr(n, "id"); id != "" {
			t.IDs[id] = struct{}{}
		}
		switch {
		case n.Data == "a" && dom.AttrOr(n, "name") != "":
			t.IDs[dom.AttrOr(n, "name")] = struct{}{}
		case n.Data == "title" && n.Namespace == "" && t.Title == "":
			t.Title = dom.FoldSpace(dom.Text(n, dom.TextOptions{MaxState: dom.Hidden}))
		case n.Data == "h1" && t.H1 == "":
			t.H1 = dom.FoldSpace(dom.Text(n, dom.TextOptions{MaxState: dom.Hidden, Limit: 300}))
		case n.Data == "meta" && isRobotsNoindex(n):
			t.NoIndex = true
		}
		return true
	})
	t.TextLen = utf8.RuneCountInString(dom.Text(dom.Main(root), dom.TextOptions{MaxState: dom.Collapsed, Limit: 4000}))
	return t
}

// isRobotsNoindex reports a <meta name="robots" content="noindex, ...">
// (or googlebot).
func isRobotsNoindex(n *html.Node) bool {
	name := strings.ToLower(dom.AttrOr(n, "name"))
	if name != "robots" && name != "googlebot" {
		return false
	}
	for tok := range strings.FieldsFuncSeq(strings.ToLower(dom.AttrOr(n, "content")), func(r rune) bool { return r == ',' || r == ' ' }) {
		if tok == "noindex" || tok == "none" {
			return true
		}
	}
	return false
}
