package checks

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// Page side of truncated-excerpt: the start of a page's own text (its Lead,
// what excerpts of it are compared with) and the excerpts it shows of other
// pages (cards, teasers, related posts).

// leadHooks hold the body of a post, without its title, most specific first.
// WordPress builds excerpts from this body (rules-research §2). They are
// matched as CSS matches [itemprop="articleBody"] and .class selectors.
var leadHooks = []struct{ attr, val string }{
	{"itemprop", "articleBody"},
	{"class", "entry-content"},
	{"class", "wp-block-post-content"},
	{"class", "elementor-widget-theme-post-content"},
	{"class", "et_pb_post_content"},
	{"class", "fusion-content-tb"},
	{"class", "post-content"},
	{"class", "fusion-post-content"},
}

// leadHookOf returns the lead hooks that element n matches, one bit per hook.
func leadHookOf(n *html.Node) uint32 {
	var mask uint32
	for _, a := range n.Attr {
		switch {
		case a.Key == "itemprop":
		case a.Key == "class" && len(a.Val) >= len("content") && strings.Contains(a.Val, "content"): // in every class hook
		default:
			continue
		}
		for i, h := range leadHooks {
			if h.attr != a.Key {
				continue
			}
			if (a.Key == "class" && cssHasClass(a.Val, h.val)) || (a.Key != "class" && a.Val == h.val) {
				mask |= 1 << i
			}
		}
	}
	return mask
}

// cardLists are blocks of cards of other posts; a page's own text is never in them.
var cardLists = map[string]bool{
	"related-posts": true, "fusion-related-posts": true, "fusion-blog-shortcode": true,
	"fusion-recent-posts": true, "wp-block-query": true, "wp-block-latest-posts": true,
	"elementor-posts-container": true, "jp-relatedposts": true, "yarpp-related": true,
	"crp_related": true, "fusion-posts-container": true,
}

// isCardList reports whether element n carries one of the cardLists classes.
func isCardList(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" {
			continue
		}
		for v := a.Val; v != ""; {
			var tok string
			tok, v = cssNextToken(v)
			if cardLists[tok] {
				return true
			}
		}
	}
	return false
}

// cssNextToken splits the first token off a class attribute as CSS
// selectors do: at ASCII whitespace only (strings.Fields also splits at
// U+00A0 and other Unicode spaces, which a browser keeps inside a class).
func cssNextToken(v string) (tok, rest string) {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case ' ', '\t', '\r', '\n', '\f':
			return v[:i], v[i+1:]
		}
	}
	return v, ""
}

// cssHasClass reports whether class attribute value v holds class c, as a
// .c selector would match it.
func cssHasClass(v, c string) bool {
	for v != "" {
		var tok string
		tok, v = cssNextToken(v)
		if tok == c {
			return true
		}
	}
	return false
}

// elemHasCSSClass reports whether element n has class c, as a .c selector
// would match it (every class attribute counts, as in cascadia).
func elemHasCSSClass(n *html.Node, c string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && cssHasClass(a.Val, c) {
			return true
		}
	}
	return false
}

// hasFieldsClass is dom.HasClass without the slice: class tokens split as
// strings.Fields splits them, of the first class attribute.
func hasFieldsClass(n *html.Node, c string) bool {
	class := dom.AttrOr(n, "class")
	if len(class) < len(c) {
		return false
	}
	for tok := range strings.FieldsSeq(class) {
		if tok == c {
			return true
		}
	}
	return false
}

// leadLimit is about how much of a page's text is kept: enough for a
// 55-word WordPress excerpt after a title, a byline and a caption.
const leadLimit = 1600

// minLeadWords is the least text a lead hook must hold to be taken as the body.
const minLeadWords = 20

// leadOf returns the start of the page's main text and whether it opens
// with a drop cap. hooks holds, for each of leadHooks, its first match
// outside chrome, card lists and hidden parts (nil when none).
func leadOf(p *PagePass, hooks []*html.Node) (string, bool) {
	for _, n := range hooks {
		if n == nil {
			continue
		}
		text := collectText(n, skipInLead, leadLimit)
		if len(strings.Fields(text)) >= minLeadWords {
			return text, opensWithDropCap(n)
		}
	}
	main := p.Main()
	return collectText(main, skipInLead, leadLimit), opensWithDropCap(main)
}

// leadHookUsable reports whether a match of a lead hook may hold the page's
// own text: not in chrome, not in a list of other posts, not hidden.
func leadHookUsable(n *html.Node) bool {
	return !dom.InChrome(n) && !inCardList(n) && dom.StateOf(n) <= dom.Collapsed
}

func inCardList(n *html.Node) bool {
	return dom.Closest(n, isCardList) != nil
}

// skipInLead leaves out what is not the post's prose: chrome inside the
// content (breadcrumbs, a table of contents in a nav) and lists of other posts.
func skipInLead(n *html.Node) bool {
	return dom.IsChrome(n) || isCardList(n)
}

// skipTextTag reports elements whose content is never prose (as in dom.Text).
func skipTextTag(tag string) bool {
	switch tag {
	case "script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head":
		return true
	}
	return false
}

// collectText is dom.VisibleText with some elements left out: entities
// decoded, whitespace folded, a space at block boundaries and none between
// inline elements, so <span class="dropcap">T</span>rusting reads "Trusting".
func collectText(n *html.Node, skip func(*html.Node) bool, limit int) string {
	var b strings.Builder
	pending := false
	var walk func(*html.Node, dom.State)
	walk = func(c *html.Node, inherited dom.State) {
		if limit > 0 && b.Len() >= limit {
			return
		}
		switch c.Type {
		case html.TextNode:
			for _, r := range c.Data {
				switch {
				case unicode.IsSpace(r):
					pending = true
				case zeroWidth(r):
				default:
					if pending && b.Len() > 0 {
						b.WriteByte(' ')
					}
					pending = false
					b.WriteRune(r)
				}
			}
			return
		case html.ElementNode:
			state := max(inherited, dom.OwnState(c))
			if skipTextTag(c.Data) || state > dom.Collapsed || (skip != nil && skip(c)) {
				if dom.IsBlock(c) {
					pending = true
				}
				return
			}
			inherited = state
		case html.DocumentNode:
		default:
			return
		}
		block := dom.IsBlock(c)
		if block {
			pending = true
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k, inherited)
		}
		if block {
			pending = true
		}
	}
	walk(n, dom.Visible)
	return b.String()
}

var dropCapClasses = []string{"fusion-dropcap", "dropcap", "drop-cap", "dropcaps", "drop_cap"}

func isHeading(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode || len(n.Data) != 2 || n.Data[0] != 'h' {
		return false
	}
	return n.Data[1] >= '1' && n.Data[1] <= '6'
}

// opensWithDropCap reports whether the first words of prose below n (past
// headings, chrome and bylines) start with a drop-cap element: a theme's
// drop-cap class, or a span holding one letter glued to the rest of its word.
func opensWithDropCap(n *html.Node) bool {
	var first *html.Node
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				first = c
				return true
			}
			return false
		case html.ElementNode:
			if skipTextTag(c.Data) || isHeading(c) || dom.IsChrome(c) || isMetaBlock(c) ||
				dom.OwnState(c) > dom.Collapsed || c.Data == "figure" || c.Data == "figcaption" {
				return false
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if walk(k) {
				return true
			}
		}
		return false
	}
	if !walk(n) {
		return false
	}
	for a := first.Parent; a != nil && a != n.Parent; a = a.Parent {
		for _, c := range dropCapClasses {
			if dom.HasClass(a, c) {
				return true
			}
		}
	}
	// <span>T</span>rusting: one letter in an inline element, the word going on after it.
	sp := first.Parent
	if sp == nil || sp.Type != html.ElementNode || dom.IsBlock(sp) || sp == n {
		return false
	}
	letter := strings.TrimSpace(first.Data)
	r, size := utf8.DecodeRuneInString(letter)
	if size != len(letter) || !unicode.IsUpper(r) || first.PrevSibling != nil || first.NextSibling != nil {
		return false
	}
	next := sp.NextSibling
	if next == nil || next.Type != html.TextNode {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(next.Data)
	return unicode.IsLower(r2)
}

// metaClassParts mark bylines, dates and taxonomy lines in cards and posts.
var metaClassParts = []string{"meta", "date", "byline", "posted-on", "author", "cat-links", "tags-links", "categories"}

func isMetaBlock(n *html.Node) bool {
	if n.Data == "time" {
		return true
	}
	for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
		lc := strings.ToLower(c)
		for _, part := range metaClassParts {
			if strings.Contains(lc, part) {
				return true
			}
		}
	}
	return false
}

// Cards ---------------------------------------------------------------------

// excerptClass reports the excerpt blocks of common themes and page builders
// (rules-research §2); any class with "excerpt" in it counts too.
func excerptClass(c string) bool {
	switch c {
	case "entry-summary", "fusion-post-content-container", "ast-excerpt-container", "card-text",
		"summary", "teaser", "post-summary", "td-excerpt":
		return true
	}
	return false
}

// diviPostContent matches as the selector `.et_pb_post .post-content`.
func diviPostContent(n *html.Node) bool {
	if !elemHasCSSClass(n, "post-content") {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && elemHasCSSClass(a, "et_pb_post") {
			return true
		}
	}
	return false
}

// excerptByClass reports whether n is an excerpt block by its theme class.
func excerptByClass(n *html.Node) bool {
	byClass := false
	for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
		if c == "admonition" { // MkDocs and Sphinx "summary" notes
			return false
		}
		if !byClass && len(c) >= len("teaser") { // no shorter token lowercases to a match
			lc := strings.ToLower(c)
			byClass = excerptClass(lc) || (strings.Contains(lc, "excerpt") && !strings.Contains(lc, "more"))
		}
	}
	return byClass || diviPostContent(n)
}

// codeLike are containers whose text is code, never an excerpt.
func codeLike(n *html.Node) bool {
	switch n.Data {
	case "pre", "code", "kbd", "samp", "var", "textarea":
		return true
	}
	return len(n.Attr) > 0 && hasFieldsClass(n, "highlight")
}

// excerptSelectors compiles the rule's extra-selectors option. A selector
// that does not compile is an error naming it: matching nothing silently
// would let the rule pass pages it never looked at.
func excerptSelectors(p *PagePass) ([]cascadia.Sel, error) {
	raw := p.StringsOption("extra-selectors")
	if len(raw) == 0 {
		return nil, nil
	}
	var sels []cascadia.Sel
	for _, s := range raw {
		sel, err := cascadia.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("option extra-selectors: %q is not a CSS selector: %w", s, err)
		}
		sels = append(sels, sel)
	}
	return sels, nil
}

// An excerptScan is what one walk of a page finds for truncated-excerpt.
type excerptScan struct {
	extra []cascadia.Sel
	hooks []*html.Node // per lead hook, its first usable match
	cands []*html.Node // card candidates, outer ones included
	metas []*html.Node // <meta> elements outside <template>
}

// scanExcerpts walks the page once for the lead hooks, the card candidates
// and the description metas.
func scanExcerpts(root *html.Node, extra []cascadia.Sel) *excerptScan {
	s := &excerptScan{extra: extra, hooks: make([]*html.Node, len(leadHooks))}
	s.walk(root, false, false)
	// Hidden parts hold no card: checked here, on the few candidates, rather
	// than on every element of the walk.
	found := s.cands[:0]
	for _, n := range s.cands {
		if !hiddenFromCards(n) {
			found = append(found, n)
		}
	}
	// Innermost only: a card class around an excerpt class is the card.
	out := found[:0]
	for i, n := range found {
		inner := false
		for j, m := range found {
			if i != j && m != n && dom.Contains(n, m) {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, n)
		}
	}
	s.cands = out
	return s
}

// walk visits n and its subtree. noCards is set below elements whose
// content holds no excerpt (scripts, code, headings); inTemplate below a
// <template>.
func (s *excerptScan) walk(n *html.Node, noCards, inTemplate bool) {
	if n.Type == html.ElementNode {
		if n.Data == "meta" && !inTemplate {
			s.metas = append(s.metas, n)
		}
		if n.Data == "template" {
			inTemplate = true
		}
		if len(n.Attr) > 0 {
			if mask := leadHookOf(n); mask != 0 {
				for i := range s.hooks {
					if mask&(1<<i) != 0 && s.hooks[i] == nil && leadHookUsable(n) {
						s.hooks[i] = n
					}
				}
			}
		}
		if !noCards {
			if skipTextTag(n.Data) || codeLike(n) || isHeading(n) {
				noCards = true
			} else if s.cardCandidate(n) {
				s.cands = append(s.cands, n)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, noCards, inTemplate)
	}
}

// cardCandidate reports whether element n may hold an excerpt of another
// page: a theme excerpt block, or a paragraph that ends with an ellipsis.
func (s *excerptScan) cardCandidate(n *html.Node) bool {
	switch {
	case n.Data == "a" || n.Data == "summary" || n.Data == "body" || n.Data == "html":
		return false
	case excerptByClass(n) || matchesAny(s.extra, n):
		return true
	case n.Data == "p" || n.Data == "div":
		// The cheap tests first: most blocks have no ellipsis at all.
		return leafEllipsisCue(n) && !dom.InChrome(n) && endsWithEllipsis(n)
	}
	return false
}

// hiddenFromCards reports whether n or an ancestor is hidden or read only
// by screen readers.
func hiddenFromCards(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if dom.OwnState(n) >= dom.ATOnly {
			return true
		}
	}
	return false
}

// ellipsisCue is a cheap test that the text below n may hold an ellipsis,
// which endsWithEllipsis needs: some text node has "…" or three dots in a
// row (zero-width characters between them do not count, as in
// collectText), or a text node starting with a dot follows one ending with
// a dot, since collectText may join them.
func ellipsisCue(n *html.Node) bool {
	var cue ellipsisScan
	dom.Walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			cue.text(c.Data)
		}
		return !cue.found
	})
	return cue.found
}

// leafEllipsisCue is leafBlock(n) && ellipsisCue(n) in one walk. Below a
// block with no text there are only blank text nodes, which hold no cue.
func leafEllipsisCue(n *html.Node) bool {
	var cue ellipsisScan
	var walk func(c *html.Node) bool // false: n is not a leaf block
	walk = func(c *html.Node) bool {
		switch {
		case c.Type == html.TextNode:
			if !cue.found {
				cue.text(c.Data)
			}
			return true
		case c.Type == html.ElementNode && dom.IsBlock(c):
			return !hasText(c)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !walk(c) {
			return false
		}
	}
	return cue.found
}

// An ellipsisScan reads the text nodes of a block in order for ellipsisCue.
type ellipsisScan struct {
	endDot bool // some text node so far ended with a dot
	found  bool
}

func (e *ellipsisScan) text(d string) {
	if strings.IndexByte(d, 0xE2) >= 0 && strings.Contains(d, "…") {
		e.found = true
		return
	}
	if strings.IndexByte(d, '.') < 0 {
		return
	}
	run, startDot := 0, false
	if strings.IndexByte(d, 0xC2) < 0 && strings.IndexByte(d, 0xE2) < 0 && strings.IndexByte(d, 0xEF) < 0 {
		// No zero-width character (U+00AD, U+200B-D, U+2060 and U+FEFF
		// start with these bytes): the dots can be read as bytes.
		if strings.Contains(d, "...") {
			e.found = true
			return
		}
		startDot = d[0] == '.'
		if d[len(d)-1] == '.' {
			run = 1
		}
	} else {
		first := true
		for _, r := range d {
			if zeroWidth(r) {
				continue
			}
			if r != '.' {
				run, first = 0, false
				continue
			}
			startDot = startDot || first
			first = false
			if run++; run >= 3 {
				e.found = true
				return
			}
		}
	}
	if startDot && e.endDot {
		e.found = true
	}
	e.endDot = e.endDot || run > 0
}

// zeroWidth reports the characters that collectText drops.
func zeroWidth(r rune) bool {
	return r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// hasText reports whether some text node below n is not blank.
func hasText(n *html.Node) bool {
	return findNode(n, func(t *html.Node) bool {
		return t.Type == html.TextNode && strings.TrimSpace(t.Data) != ""
	}) != nil
}

// findNode is dom.Find for any node type.
func findNode(n *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	dom.Walk(n, func(c *html.Node) bool {
		if found != nil {
			return false
		}
		if match(c) {
			found = c
			return false
		}
		return true
	})
	return found
}

func endsWithEllipsis(n *html.Node) bool {
	text := cardText(n)
	if len(strings.Fields(text)) < minAlignWords {
		return false
	}
	c := splitMarkers(text)
	return c.ellipsis || c.bracket
}

// cardText is the excerpt as shown, without the card's title, byline or
// read-more link when they sit inside the excerpt block.
func cardText(n *html.Node) string {
	return collectText(n, func(c *html.Node) bool {
		return isHeading(c) || isMetaBlock(c) || (c.Data == "a" && isReadMore(c)) || c.Data == "button"
	}, 0)
}

// readMoreTexts are what read-more links say, lowercase, arrows trimmed.
var readMoreTexts = map[string]bool{
	"read more": true, "continue reading": true, "more": true, "read post": true, "read article": true,
	"read the full article": true, "read full article": true, "read the full post": true,
	"keep reading": true, "read the rest": true, "learn more": true, "lire la suite": true,
	"weiterlesen": true, "mehr lesen": true, "leer más": true, "leia mais": true,
	"continua a leggere": true, "lees meer": true,
}

// isReadMore reports whether link a is a card's read-more link.
func isReadMore(a *html.Node) bool {
	for _, c := range dom.Classes(a) {
		lc := strings.ToLower(c)
		if strings.Contains(lc, "more-link") || strings.Contains(lc, "read-more") || strings.Contains(lc, "readmore") ||
			strings.Contains(lc, "read_more") {
			return true
		}
	}
	t := strings.ToLower(collectText(a, nil, 200))
	t = strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	return readMoreTexts[t]
}

// A cardLink is the article an excerpt summarizes.
type cardLink struct {
	node   *html.Node
	target string // normalized absolute URL
	title  string
}

// cardContext resolves what links of a page point at, for one page.
type cardContext struct {
	self    string
	root    *url.URL
	linkURL map[*html.Node]*url.URL
	cands   []*html.Node
}

// target returns the normalized URL of link a when it is another page of the site.
func (cc *cardContext) target(a *html.Node) string {
	u := cc.linkURL[a]
	if u == nil || !page.Fetchable(u) || !page.SameSite(cc.root, u) {
		return ""
	}
	base, _ := page.SplitFragment(u)
	t := page.Normalize(base)
	if t == cc.self {
		return ""
	}
	return t
}

// maxCardExtra is how much more text than its excerpt a card may hold
// (title, date, read-more): past it the block is a list or a whole article.
const maxCardExtra = 400

// findCardLink finds the article of excerpt block n: a link around it, the
// title or read-more link next to it, or the title, read-more or only link
// of the smallest block around it that holds no other excerpt.
//
// byClass says n is a theme's excerpt block; a paragraph found only by its
// ellipsis needs a title or read-more link, not just any link, to be a card.
func (cc *cardContext) findCardLink(n *html.Node, textLen int, byClass bool) (cardLink, bool) {
	// A whole card in one link (Bootstrap, Ghost).
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if a.Type == html.ElementNode && a.Data == "a" {
			if t := cc.target(a); t != "" {
				return cardLink{node: a, target: t, title: headingText(a)}, true
			}
			return cardLink{}, false
		}
	}
	// A read-more link inside the excerpt (WordPress "Continue reading").
	for _, a := range links(n) {
		if isReadMore(a) {
			if t := cc.target(a); t != "" {
				return cardLink{node: a, target: t, title: cc.cardTitle(n)}, true
			}
		}
	}
	// Siblings: a title before it, a read-more after it.
	if l, ok := cc.siblingLink(n); ok {
		return l, true
	}
	for c, i := n.Parent, 0; c != nil && i < 4; c, i = c.Parent, i+1 {
		if c.Type != html.ElementNode || c.Data == "body" || c.Data == "main" || cc.holdsOther(c, n) {
			return cardLink{}, false
		}
		limit := textLen + maxCardExtra
		if utf8.RuneCountInString(collectText(c, nil, utf8.UTFMax*(limit+1))) > limit {
			return cardLink{}, false
		}
		if l, ok := cc.linkIn(c, n, byClass); ok {
			return l, true
		}
	}
	return cardLink{}, false
}

// holdsOther reports whether c holds an excerpt block other than n.
func (cc *cardContext) holdsOther(c, n *html.Node) bool {
	for _, m := range cc.cands {
		if m != n && dom.Contains(c, m) && !dom.Contains(n, m) && !dom.Contains(m, n) {
			return true
		}
	}
	return false
}

func links(n *html.Node) []*html.Node {
	return dom.Elements(n, func(a *html.Node) bool { return a.Data == "a" && hasHref(a) })
}

func hasHref(a *html.Node) bool {
	_, ok := dom.Attr(a, "href")
	return ok
}

// titleLink reports whether a is the title link of a card: in a heading, or
// marked as the title or the bookmark of the post.
func titleLink(a *html.Node) bool {
	if dom.Closest(a, isHeading) != nil || dom.HasToken(a, "rel", "bookmark") {
		return true
	}
	for _, c := range dom.Classes(a) {
		if strings.Contains(strings.ToLower(c), "title") {
			return true
		}
	}
	return false
}

// siblingLink looks at up to three elements before n for a title link and
// up to three after it for a read-more link.
func (cc *cardContext) siblingLink(n *html.Node) (cardLink, bool) {
	i := 0
	for s := n.PrevSibling; s != nil && i < 3; s = s.PrevSibling {
		if s.Type != html.ElementNode {
			continue
		}
		i++
		if cc.isCandidate(s) {
			break
		}
		for _, a := range append([]*html.Node{s}, links(s)...) {
			if a.Data == "a" && titleLink(a) {
				if t := cc.target(a); t != "" {
					return cardLink{node: a, target: t, title: titleOf(a)}, true
				}
			}
		}
	}
	i = 0
	for s := n.NextSibling; s != nil && i < 3; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		i++
		if cc.isCandidate(s) || isHeading(s) {
			break
		}
		for _, a := range append([]*html.Node{s}, links(s)...) {
			if a.Data == "a" && isReadMore(a) {
				if t := cc.target(a); t != "" {
					return cardLink{node: a, target: t, title: cc.cardTitle(n)}, true
				}
			}
		}
	}
	return cardLink{}, false
}

func (cc *cardContext) isCandidate(n *html.Node) bool {
	for _, m := range cc.cands {
		if dom.Contains(n, m) {
			return true
		}
	}
	return false
}

// linkIn finds the article link of card c around excerpt n: its title link,
// else its read-more link, else (anyLink) its one and only link target.
func (cc *cardContext) linkIn(c, n *html.Node, anyLink bool) (cardLink, bool) {
	var readMore *cardLink
	only, several := "", false
	var onlyNode *html.Node
	for _, a := range links(c) {
		t := cc.target(a)
		if t == "" {
			if u := cc.linkURL[a]; u != nil && page.Fetchable(u) {
				several = several || page.Normalize(u) != cc.self
			}
			continue
		}
		if dom.Contains(n, a) {
			continue
		}
		if titleLink(a) {
			return cardLink{node: a, target: t, title: titleOf(a)}, true
		}
		if readMore == nil && isReadMore(a) {
			readMore = &cardLink{node: a, target: t}
		}
		switch {
		case only == "":
			only, onlyNode = t, a
		case only != t:
			several = true
		}
	}
	if readMore != nil {
		readMore.title = cc.cardTitle(n)
		return *readMore, true
	}
	if anyLink && only != "" && !several {
		return cardLink{node: onlyNode, target: only, title: headingText(c)}, true
	}
	return cardLink{}, false
}

// cardTitle is the text of the heading of the card around excerpt n: the
// nearest heading before it among its siblings, or in the smallest block
// around it that holds no other excerpt.
func (cc *cardContext) cardTitle(n *html.Node) string {
	for c, i := n, 0; c != nil && i < 4; c, i = c.Parent, i+1 {
		if c != n && (c.Type != html.ElementNode || c.Data == "body" || c.Data == "main" || cc.holdsOther(c, n)) {
			return ""
		}
		for s := c.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != html.ElementNode {
				continue
			}
			if cc.isCandidate(s) {
				return ""
			}
			h := s
			if !isHeading(s) {
				h = dom.Find(s, isHeading)
			}
			if h != nil {
				return dom.FoldSpace(collectText(h, nil, 300))
			}
		}
	}
	return ""
}

// titleOf is the text of a title link, or of the heading it sits in.
func titleOf(a *html.Node) string {
	if t := dom.FoldSpace(collectText(a, nil, 300)); t != "" {
		return t
	}
	if h := dom.Closest(a, isHeading); h != nil {
		return dom.FoldSpace(collectText(h, nil, 300))
	}
	return dom.FoldSpace(dom.AttrOr(a, "title"))
}

// headingText is the text of the first heading below n, or "".
func headingText(n *html.Node) string {
	if h := dom.Find(n, isHeading); h != nil {
		return dom.FoldSpace(collectText(h, nil, 300))
	}
	return ""
}

// evidenceNode narrows an excerpt block to the element that holds its
// text: <div class="fusion-post-content-container"><p>…</p></div> points at the p.
func evidenceNode(n *html.Node) *html.Node {
	for {
		var only *html.Node
		count := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				count++
				only = c
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					return n
				}
			}
		}
		if count != 1 || only.Data == "a" || !dom.IsBlock(only) {
			return n
		}
		n = only
	}
}

// matchesAny reports whether n matches one of the selectors.
func matchesAny(sels []cascadia.Sel, n *html.Node) bool {
	for _, s := range sels {
		if s.Match(n) {
			return true
		}
	}
	return false
}

// cardExcerpts returns the excerpts of other pages of the site shown on p,
// from the card candidates the scan found.
func cardExcerpts(p *PagePass, cands []*html.Node) []page.Excerpt {
	if len(cands) == 0 {
		return nil
	}
	cc := &cardContext{self: page.Normalize(p.Page.URL), root: p.Site.Root, linkURL: map[*html.Node]*url.URL{}}
	if cc.root == nil {
		cc.root = p.Page.URL
	}
	for _, l := range p.Page.Links {
		if l.Attr == "href" && l.URL != nil {
			if _, seen := cc.linkURL[l.Node]; !seen {
				cc.linkURL[l.Node] = l.URL
			}
		}
	}
	cc.cands = cands
	var out []page.Excerpt
	seen := map[string]bool{}
	for _, n := range cc.cands {
		if len(dom.Elements(n, isHeading)) > 1 {
			continue // a list of cards, or a whole post: not one excerpt
		}
		text := dom.FoldSpace(cardText(n))
		if len(strings.Fields(text)) < minAlignWords {
			continue
		}
		link, ok := cc.findCardLink(n, utf8.RuneCountInString(text), excerptByClass(n))
		if !ok {
			continue
		}
		key := link.target + "\x00" + text
		if seen[key] {
			continue // a carousel's clone of the same card
		}
		seen[key] = true
		ev := evidenceNode(n)
		out = append(out, page.Excerpt{
			Text:     text,
			Target:   link.target,
			Title:    link.title,
			Line:     p.Page.Line(ev),
			Evidence: page.Evidence(ev),
		})
	}
	return out
}
