package checks

import (
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// leftoverRules are the rules of one group: template leftovers: placeholder-text, empty-section, generic-link-text (issue 4).
var leftoverRules = []*Check{PlaceholderText, EmptySection, GenericLinkText}

// leftoverCodeTags hold code, whose text is never prose (rules-research §0).
var leftoverCodeTags = map[string]bool{
	"code": true, "pre": true, "kbd": true, "samp": true, "var": true, "tt": true, "textarea": true,
}

// leftoverCodeLike reports whether n is a code-like container: code, pre,
// kbd, samp, var, tt, textarea, or a syntax-highlighting block (.highlight,
// Sphinx's div.highlight-python3, span.pre).
func leftoverCodeLike(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	if leftoverCodeTags[n.Data] {
		return true
	}
	for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
		if c == "highlight" || c == "pre" || c == "literal" || strings.HasPrefix(c, "highlight-") || c == "codehilite" || c == "sourceCode" {
			return true
		}
	}
	return false
}
