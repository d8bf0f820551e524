package checks

import (
	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// The rendered body text that several stale-content rules read, made once
// per page (issue 7): expired-offer and stale-review's footer pass read the
// body without code and customer reviews; stale-review (and
// missing-review-date) read it without the site's chrome too.

// staleFlatKey keys a rendering of body in the page's memo.
type staleFlatKey struct {
	body    *html.Node
	bylines bool
}

// staleFlatCode returns body rendered without code and customer reviews
// (staleSkipCode), made once per page. Callers must not change it.
func staleFlatCode(p *PagePass, body *html.Node) *flatText {
	return p.Memo(staleFlatKey{body, false}, func() any { return flatten(body, staleSkipCode) }).(*flatText)
}

// staleFlatBylines returns body rendered as bylines are looked for
// (skipForBylines), made once per page. Callers must not change it: a
// rule that sets extraLabels works on a copy.
func staleFlatBylines(p *PagePass, body *html.Node) *flatText {
	return p.Memo(staleFlatKey{body, true}, func() any { return flatten(body, skipForBylines) }).(*flatText)
}

// staleSkipCode leaves out code, customer reviews and comments: what cannot
// state the page's own offers or review dates.
func staleSkipCode(n *html.Node) bool {
	return flatCodeTags[n.Data] || dom.HasClass(n, "highlight") || isCustomerReview(n)
}
