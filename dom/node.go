package dom

import (
	"strings"

	"golang.org/x/net/html"
)

// Attr returns the value of attribute key (lowercase) and whether it is present.
func Attr(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// AttrOr returns the value of attribute key, or "" when it is absent.
func AttrOr(n *html.Node, key string) string {
	v, _ := Attr(n, key)
	return v
}

// IsElement reports whether n is an element named tag (lowercase).
func IsElement(n *html.Node, tag string) bool {
	return n != nil && n.Type == html.ElementNode && n.Data == tag
}

// Classes returns the class tokens of n.
func Classes(n *html.Node) []string {
	return strings.Fields(AttrOr(n, "class"))
}

// HasClass reports whether n carries the class token c (case-sensitive, as in CSS).
func HasClass(n *html.Node, c string) bool {
	for tok := range strings.FieldsSeq(AttrOr(n, "class")) {
		if tok == c {
			return true
		}
	}
	return false
}

// HasToken reports whether the space-separated attribute key of n contains tok,
// compared case-insensitively (rel, role and the like).
func HasToken(n *html.Node, key, tok string) bool {
	for t := range strings.FieldsSeq(AttrOr(n, key)) {
		if strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}

// Walk calls f for n and every descendant in document order. When f returns
// false the children of that node are skipped.
func Walk(n *html.Node, f func(*html.Node) bool) {
	if n == nil || !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, f)
	}
}

// Elements returns every element below root (root included) for which keep
// returns true, in document order.
func Elements(root *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	Walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
		return true
	})
	return out
}

// Closest returns the nearest ancestor of n (n included) for which match is
// true, or nil.
func Closest(n *html.Node, match func(*html.Node) bool) *html.Node {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && match(n) {
			return n
		}
	}
	return nil
}

// Contains reports whether n is a or a descendant of a.
func Contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}
