package checks

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// DuplicateNav flags a navigation block rendered more than once on one page
// (issue 2; rules-research.md section 1).
var DuplicateNav = &Check{
	ID:       "duplicate-nav",
	Severity: Warning,
	Summary:  "the same navigation block is rendered more than once on one page",
	Doc: `Flags a navigation block (a <nav>, a role="navigation" element or a menu list) whose ordered
link targets appear two or more times on one page, with at least four links; one extra or
changed item is tolerated. Themes do this to serve desktop, sticky and mobile headers from
the same HTML and hide all but one copy with CSS. Crawlers, feed readers, text extractors and
LLM scrapers do not apply that CSS, so they read the menu several times before the content,
and WordPress menus repeated this way often repeat their id="menu-item-…" values too.
Copies hidden in the markup (hidden, aria-hidden="true", inert, inline display:none,
<template>, <noscript>) do not count, and pagination, breadcrumbs, previous/next post links,
language switchers, social rows and the top-and-bottom bars of Sphinx and Javadoc are never
reported. Repeated tables of contents are reported as info.

Bad:  <nav aria-label="Main Menu">…</nav> … <nav aria-label="Main Menu Sticky">…same links…</nav>
Good: one <nav> restyled for each breakpoint, or the inactive copy marked
      <nav aria-hidden="true"> with tabindex="-1" on its links.`,
	Help: `Render the menu once and restyle it for mobile and sticky states, or mark the inactive copies hidden or aria-hidden="true" with tabindex="-1" on their links.`,
	Page: duplicateNav,
	Options: []Option{{
		Name: "min-links", Default: navMinLinks,
		Doc: "blocks with fewer links are never reported; raise it when a theme legitimately repeats short menus (at least 2)",
	}},
}

const (
	navMinLinks     = 4   // issue 2: "4 links or more"
	navMinListLinks = 3   // a ul/ol is a menu candidate with this many li > a[href]
	navLCSRatio     = 0.9 // rules-research §1 step 3
	navMaxCopies    = 5   // lines listed in a message before "…"
)

// navTokenRe finds menu-like class and id tokens: "fusion-menu", "navbar-nav",
// "ast-hf-menu-1", "wp-block-navigation__container".
var navTokenRe = regexp.MustCompile(`(^|[-_])(menu|nav|navbar|navigation)([-_]|$)`)

// menuItemRe is the class the WordPress nav walker puts on every menu item.
var menuItemRe = regexp.MustCompile(`^menu-item-\d+$`)

// A navBlock is one rendering of a navigation block.
type navBlock struct {
	outer *html.Node // the outermost element of a collapsed chain (nav > div > ul.menu): reported
	inner *html.Node // the element whose links make the fingerprint
	links []string   // resolved, normalized link targets in order
	texts []string   // link texts, for messages and pager detection
	items []string   // WordPress menu-item-N classes in order
	ids   []string   // ids of the menu items (menu-item-N), to spot repeated ids
	label string     // accessible name of the block, if any
	skip  bool       // a legitimate repeat: pager, breadcrumbs, language switcher, …
	toc   bool       // a table of contents: reported as info
}

func duplicateNav(p *PagePass) error {
	minLinks := max(p.IntOption("min-links"), 2)
	// A finding needs two blocks of minLinks links or more, and a block's
	// links are among its a[href]: most pages stop here, before any block
	// is read further.
	var cands []*navBlock
	for _, b := range navBlocks(p.Root()) {
		if countHrefs(b.inner) >= minLinks {
			cands = append(cands, b)
		}
	}
	if len(cands) < 2 {
		return nil
	}
	resolved := map[*html.Node]*url.URL{}
	for _, l := range p.Page.Links {
		if l.Attr == "href" && l.URL != nil {
			resolved[l.Node] = l.URL
		}
	}
	var blocks []*navBlock
	for _, b := range cands {
		fillBlock(b, resolved, p.Page.URL)
		if !b.skip && len(b.links) >= minLinks {
			blocks = append(blocks, b)
		}
	}
	for _, group := range groupNavBlocks(blocks) {
		reportNavGroup(p, group)
	}
	return nil
}

// isNavCandidate is step 1 of the algorithm: nav, [role=navigation], and menu
// lists with enough linked items.
func isNavCandidate(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.Data == "nav" || dom.HasToken(n, "role", "navigation") {
		return true
	}
	if n.Data != "ul" && n.Data != "ol" || !hasNavToken(n) {
		return false
	}
	count := 0
	dom.Walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.Data == "a" && dom.IsElement(c.Parent, "li") {
			if _, ok := dom.Attr(c, "href"); ok {
				count++
			}
		}
		return count < navMinListLinks
	})
	return count >= navMinListLinks
}

func hasNavToken(n *html.Node) bool {
	for _, key := range []string{"class", "id"} {
		for t := range strings.FieldsSeq(dom.AttrOr(n, key)) {
			// navTokenRe matches only tokens that hold "menu" or "nav".
			if t = strings.ToLower(t); (strings.Contains(t, "menu") || strings.Contains(t, "nav")) && navTokenRe.MatchString(t) {
				return true
			}
		}
	}
	return false
}

// navBlocks finds the candidates and collapses nested ones into blocks.
// A candidate inside an item (li) of another candidate is a sub-menu and
// belongs to it. A candidate wrapping exactly one other candidate is the same
// block (nav > div > ul.menu); one wrapping several (a header nav holding the
// main menu and a social row) gives way to them.
func navBlocks(root *html.Node) []*navBlock {
	cands := dom.Elements(root, isNavCandidate)
	isCand := make(map[*html.Node]bool, len(cands))
	for _, c := range cands {
		isCand[c] = true
	}
	kept := map[*html.Node]bool{}
	for _, c := range cands {
		if !isSubMenu(c, isCand) {
			kept[c] = true
		}
	}
	children := map[*html.Node][]*html.Node{}
	var roots []*html.Node
	for _, c := range cands {
		if !kept[c] {
			continue
		}
		parent := dom.Closest(c.Parent, func(a *html.Node) bool { return kept[a] })
		if parent == nil {
			roots = append(roots, c)
		} else {
			children[parent] = append(children[parent], c)
		}
	}
	var resolve func(n *html.Node) []*navBlock
	resolve = func(n *html.Node) []*navBlock {
		kids := children[n]
		switch len(kids) {
		case 0:
			return []*navBlock{{outer: n, inner: n}}
		case 1:
			sub := resolve(kids[0])
			if len(sub) != 1 {
				return sub
			}
			// The wrapped list is the block when it holds most of the links;
			// a nav of many plain links around a small list is a block of its own.
			if 2*countHrefs(sub[0].inner) >= countHrefs(n) {
				sub[0].outer = n
				return sub
			}
			return []*navBlock{{outer: n, inner: n}}
		default:
			var out []*navBlock
			for _, k := range kids {
				out = append(out, resolve(k)...)
			}
			return out
		}
	}
	var blocks []*navBlock
	for _, r := range roots {
		blocks = append(blocks, resolve(r)...)
	}
	return blocks
}

// isSubMenu reports whether c sits in an item of another candidate.
func isSubMenu(c *html.Node, isCand map[*html.Node]bool) bool {
	inItem := false
	for a := c.Parent; a != nil; a = a.Parent {
		if dom.IsElement(a, "li") {
			inItem = true
		}
		if inItem && isCand[a] {
			return true
		}
	}
	return false
}

func countHrefs(n *html.Node) int {
	count := 0
	dom.Walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.Data == "a" || c.Data == "area") {
			if _, ok := dom.Attr(c, "href"); ok {
				count++
			}
		}
		return true
	})
	return count
}

// fillBlock computes the fingerprint (step 2), the label and the exclusions
// (step 5) of b.
func fillBlock(b *navBlock, resolved map[*html.Node]*url.URL, base *url.URL) {
	kind := navKind(b)
	if kind != "" && kind != "toc" {
		b.skip = true // a legitimate repeat: its links are not needed
		return
	}
	b.label = navLabel(b)
	relPager, langLinks := false, 0
	dom.Walk(b.inner, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n.Data == "li" {
			for _, c := range dom.Classes(n) {
				if menuItemRe.MatchString(c) {
					b.items = append(b.items, c)
				}
			}
			if id := dom.AttrOr(n, "id"); menuItemRe.MatchString(id) {
				b.ids = append(b.ids, id)
			}
		}
		if n.Data != "a" {
			return true
		}
		raw, ok := dom.Attr(n, "href")
		if !ok {
			return true
		}
		if dom.HasToken(n, "rel", "prev") || dom.HasToken(n, "rel", "next") {
			relPager = true
		}
		if _, ok := dom.Attr(n, "hreflang"); ok {
			langLinks++
		} else if _, ok := dom.Attr(n, "lang"); ok {
			langLinks++
		}
		target := navTarget(raw, resolved[n], base)
		if target == "" {
			return true
		}
		b.links = append(b.links, target)
		b.texts = append(b.texts, dom.Text(n, dom.TextOptions{MaxState: dom.Hidden, Limit: 120}))
		return true
	})
	switch {
	case kind == "toc":
		b.toc = true
	case relPager, 2*langLinks >= len(b.links) && langLinks > 0, allPagerTexts(b.texts), allSocial(b.links):
		b.skip = true
	}
}

// navTarget resolves and normalizes one href, or returns "" for hrefs that
// lead nowhere else: empty, "#", fragment-only and javascript: links.
// "/a/", "/a" and "/a/index.html" are one target.
func navTarget(raw string, u *url.URL, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(strings.ToLower(raw), "javascript:") {
		return ""
	}
	if u == nil {
		ref, err := url.Parse(raw)
		if err != nil {
			return ""
		}
		if base != nil {
			ref = base.ResolveReference(ref)
		}
		u = ref
	}
	c := *u
	if c.RawQuery == "" {
		if dir, file := path.Split(c.Path); file == "index.html" || file == "index.htm" {
			c.Path, c.RawPath = dir, ""
		}
	}
	if len(c.Path) > 1 && strings.HasSuffix(c.Path, "/") {
		c.Path = strings.TrimRight(c.Path, "/")
		if c.Path == "" {
			c.Path = "/"
		}
		c.RawPath = ""
	}
	return page.Normalize(&c)
}

// navLabel is the accessible name of the block: aria-label or aria-labelledby
// on the block or on the navigation landmark around it.
func navLabel(b *navBlock) string {
	for n := b.inner; n != nil && n.Type == html.ElementNode; n = n.Parent {
		within := dom.Contains(b.outer, n)
		if !within && n.Data != "nav" && !dom.HasToken(n, "role", "navigation") {
			if n.Data == "body" {
				break
			}
			continue
		}
		if l := strings.TrimSpace(dom.AttrOr(n, "aria-label")); l != "" {
			return dom.FoldSpace(l)
		}
		if ids := strings.Fields(dom.AttrOr(n, "aria-labelledby")); len(ids) > 0 {
			root := n
			for root.Parent != nil {
				root = root.Parent
			}
			var parts []string
			for _, id := range ids {
				if el := dom.Find(root, func(e *html.Node) bool { return dom.AttrOr(e, "id") == id }); el != nil {
					parts = append(parts, dom.Text(el, dom.TextOptions{MaxState: dom.Hidden, Limit: 120}))
				}
			}
			if l := dom.FoldSpace(strings.Join(parts, " ")); l != "" {
				return l
			}
		}
	}
	return ""
}

// navKind names a legitimate repeat from the markup: "pager", "breadcrumb",
// "post-nav", "sphinx", "javadoc", "lang", "social", "skip", or "toc" for a
// table of contents (or a post series list); "" for a menu. The block, its wrappers and its two closest ancestors are read
// for every kind; its inside only for pagers, breadcrumbs, post links and
// tables of contents (nav > ol.breadcrumb, a.page-numbers), since a main menu
// may well hold a language item.
func navKind(b *navBlock) string {
	var around []*html.Node
	for n := b.inner; n != nil && n != b.outer.Parent; n = n.Parent {
		around = append(around, n)
	}
	for a, i := b.outer.Parent, 0; a != nil && a.Type == html.ElementNode && i < 2; a, i = a.Parent, i+1 {
		around = append(around, a)
	}
	// Sphinx's relbar (div.related, top and bottom of every page) and its
	// sidebar, which python-docs-theme copies into a mobile drawer, are the
	// documentation layout itself; Sphinx sites must stay silent.
	for _, n := range around {
		if dom.HasClass(n, "sphinxsidebar") || dom.HasClass(n, "sphinxsidebarwrapper") ||
			dom.HasClass(n, "related") && dom.HasToken(n, "role", "navigation") {
			return "sphinx"
		}
	}
	toc := false
	check := func(n *html.Node, all bool) string {
		if strings.Contains(dom.AttrOr(n, "itemtype"), "BreadcrumbList") {
			return "breadcrumb"
		}
		// Javadoc (9 to 15) repeats its navbar at the foot of every page, as
		// Sphinx does its relbar; the anchors name the two copies.
		if javadocBars[dom.AttrOr(n, "id")] || javadocBars[dom.AttrOr(n, "name")] {
			return "javadoc"
		}
		if dom.HasToken(n, "role", "doc-toc") {
			toc = true
		}
		// The class tokens, the id tokens, then the aria-label as one word.
		word := func(w string) string {
			switch k := navWordKind(strings.ToLower(w)); k {
			case "":
			case "breadcrumb", "pager", "post-nav":
				return k
			case "toc":
				toc = true
			default:
				if all {
					return k
				}
			}
			return ""
		}
		for _, key := range []string{"class", "id"} {
			for w := range strings.FieldsSeq(dom.AttrOr(n, key)) {
				if k := word(w); k != "" {
					return k
				}
			}
		}
		return word(dom.AttrOr(n, "aria-label"))
	}
	for _, n := range around {
		if k := check(n, true); k != "" {
			return k
		}
	}
	kind := ""
	dom.Walk(b.outer, func(n *html.Node) bool {
		if kind != "" {
			return false
		}
		if n.Type == html.ElementNode && n != b.outer {
			kind = check(n, false)
		}
		return true
	})
	if kind == "" && toc {
		return "toc"
	}
	return kind
}

var (
	navLangRe   = regexp.MustCompile(`(^|[-_ ])(lang|langs|language|languages|locale|wpml-ls|polylang|pll)([-_ ]|$)`)
	navSocialRe = regexp.MustCompile(`(^|[-_ ])(social|share|sharing|sharedaddy|addtoany|a2a)([-_ ]|$)`)
	navTOCRe    = regexp.MustCompile(`(^|[-_ ])(toc|table-of-contents|table of contents|tableofcontents|ez-toc|series)([-_ ]|$)`)
)

var javadocBars = map[string]bool{
	"navbar.top": true, "navbar.bottom": true, "navbar_top": true, "navbar_bottom": true,
}

// navWordKind classifies one class, id or aria-label value (lowercased).
func navWordKind(w string) string {
	switch {
	case w == "":
		return ""
	case strings.Contains(w, "breadcrumb") || strings.Contains(w, "crumbs"):
		return "breadcrumb"
	case strings.Contains(w, "paginat") || strings.Contains(w, "pager") || strings.Contains(w, "pagenavi") ||
		w == "page-numbers" || w == "nav-links":
		return "pager"
	case strings.Contains(w, "post-nav") || strings.Contains(w, "posts-nav") || strings.Contains(w, "single-nav") ||
		strings.Contains(w, "entry-nav") || w == "nav-previous" || w == "nav-next":
		return "post-nav"
	case strings.Contains(w, "skip-link") || strings.Contains(w, "skiplink"):
		return "skip"
	case navMayHold(w, "social", "shar", "addtoany", "a2a") && navSocialRe.MatchString(w):
		return "social"
	case navMayHold(w, "lang", "locale", "wpml-ls", "pll") && navLangRe.MatchString(w) || strings.Contains(w, "language"):
		return "lang"
	case navMayHold(w, "toc", "table", "series") && navTOCRe.MatchString(w):
		return "toc"
	}
	return ""
}

// navMayHold reports whether w holds one of the pieces; every word of the
// regexps above holds one, so a word with none cannot match them.
func navMayHold(w string, pieces ...string) bool {
	for _, p := range pieces {
		if strings.Contains(w, p) {
			return true
		}
	}
	return false
}

// socialHosts are the sites of follow and share buttons. A row of them in
// the header and again in the footer is a common, harmless repeat.
var socialHosts = []string{
	"facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com", "youtube.com",
	"youtu.be", "pinterest.com", "tiktok.com", "threads.net", "bsky.app", "reddit.com",
	"tumblr.com", "whatsapp.com", "wa.me", "t.me", "telegram.me", "vimeo.com", "flickr.com",
	"github.com", "mastodon.social", "snapchat.com", "yelp.com", "houzz.com", "tripadvisor.com",
}

// allSocial reports whether every link goes to a social network or is a
// mailto: share link.
func allSocial(links []string) bool {
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil {
			return false
		}
		if u.Scheme == "mailto" {
			continue
		}
		host := strings.TrimPrefix(u.Hostname(), "www.")
		if !slices.ContainsFunc(socialHosts, func(h string) bool {
			// facebook.com also stands for facebook.de, pinterest.co.uk, …
			name := strings.TrimSuffix(h, ".com")
			return host == h || strings.HasSuffix(host, "."+h) ||
				name != h && len(name) >= 5 && strings.HasPrefix(host, name+".")
		}) {
			return false
		}
	}
	return len(links) > 0
}

// pagerWords are the words of pager and older/newer links besides numbers.
var pagerWords = map[string]bool{
	"next": true, "prev": true, "previous": true, "older": true, "newer": true, "first": true,
	"last": true, "page": true, "posts": true, "entries": true, "articles": true, "results": true,
}

// allPagerTexts reports whether every link text reads like a pager: numbers,
// arrows, next/previous, older/newer. Icon links without text are neutral,
// but one link at least must say something.
func allPagerTexts(texts []string) bool {
	said := false
	for _, t := range texts {
		t = strings.Map(func(r rune) rune {
			if strings.ContainsRune("«»‹›←→<>…|.", r) {
				return ' '
			}
			return r
		}, strings.ToLower(t))
		for _, w := range strings.Fields(t) {
			if !pagerWords[w] && strings.Trim(w, "0123456789") != "" {
				return false
			}
			said = true
		}
	}
	return said
}

// groupNavBlocks is steps 3 and 4: blocks with equal or nearly equal link
// sequences, or the same WordPress menu-item sequence, form one group.
// Groups of one are dropped.
func groupNavBlocks(blocks []*navBlock) [][]*navBlock {
	sets := newDisjointSets(len(blocks))
	for i := range blocks {
		for j := i + 1; j < len(blocks); j++ {
			if sameNav(blocks[i], blocks[j]) {
				sets.union(i, j)
			}
		}
	}
	byRoot := map[int][]*navBlock{}
	var order []int
	for i, b := range blocks {
		r := sets.find(i)
		if byRoot[r] == nil {
			order = append(order, r)
		}
		byRoot[r] = append(byRoot[r], b)
	}
	var groups [][]*navBlock
	for _, r := range order {
		if len(byRoot[r]) > 1 {
			groups = append(groups, byRoot[r])
		}
	}
	return groups
}

// sameNav reports whether two blocks are copies of one menu: same targets in
// the same order, give or take one item or 10 %, or the same WordPress menu
// items even when their hrefs were rewritten.
func sameNav(a, b *navBlock) bool {
	if len(a.items) >= navMinLinks && slices.Equal(a.items, b.items) {
		return true
	}
	if slices.Equal(a.links, b.links) {
		return true
	}
	return similarSeq(a.links, b.links)
}

// similarSeq is the tolerance of step 3: the longest common subsequence
// covers 90 % of the longer list, or all but one item of lists of five or more.
func similarSeq(a, b []string) bool {
	long, short := max(len(a), len(b)), min(len(a), len(b))
	if short < navMinLinks || long-short > 1 && float64(short) < navLCSRatio*float64(long) {
		return false
	}
	common := lcsLen(a, b)
	return float64(common) >= navLCSRatio*float64(long) || (long-common <= 1 && common >= navMinLinks+1)
}

// lcsLen is the length of the longest common subsequence of a and b.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// reportNavGroup is step 6: one finding per group with two exposed copies or
// more, on the second exposed copy.
func reportNavGroup(p *PagePass, group []*navBlock) {
	var exposed []*navBlock
	hidden := 0
	toc := false
	for _, b := range group {
		if dom.StateOf(b.inner) == dom.Hidden {
			hidden++
			continue
		}
		exposed = append(exposed, b)
		toc = toc || b.toc
	}
	if len(exposed) < 2 {
		return
	}
	var lines, tags, labels []string
	for i, b := range exposed {
		if i < navMaxCopies {
			lines = append(lines, fmt.Sprint(p.Page.Line(b.outer)))
		}
		tags = append(tags, shortTag(page.OpeningTag(b.outer)))
		if b.label != "" && !slices.Contains(labels, b.label) {
			labels = append(labels, b.label)
		}
	}
	if len(exposed) > navMaxCopies {
		lines = append(lines, "…")
	}
	var msg strings.Builder
	what := "navigation block"
	if toc {
		what = "table of contents"
	}
	fmt.Fprintf(&msg, "%s of %d links rendered %d times on this page (lines %s)",
		what, len(exposed[0].links), len(exposed), strings.Join(lines, ", "))
	if len(labels) > 0 {
		msg.WriteString("; labels: " + quoteList(labels, 3))
	} else {
		msg.WriteString("; links: " + quoteList(exposed[0].texts, 3))
	}
	if id := repeatedID(exposed); id != "" {
		fmt.Fprintf(&msg, "; id %q repeats", id)
	}
	if hidden > 0 {
		fmt.Fprintf(&msg, "; %d hidden %s not counted", hidden, plural(hidden, "copy", "copies"))
	} else {
		msg.WriteString("; copies may be hidden by CSS, which crawlers ignore")
	}
	sev := Severity(0)
	if toc {
		sev = Info
	}
	second := exposed[1].outer
	p.Report(Issue{
		Node:     second,
		Line:     p.Page.Line(second),
		Evidence: strings.Join(tags, " … "),
		Severity: sev,
		Message:  msg.String(),
	})
}

// shortTag keeps evidence readable when themes pile up classes.
func shortTag(tag string) string {
	const limit = 120
	if r := []rune(tag); len(r) > limit {
		return string(r[:limit-2]) + "…>"
	}
	return tag
}

// quoteList quotes up to n non-empty values, adding "…" when there are more.
func quoteList(vals []string, n int) string {
	var out []string
	for _, v := range vals {
		if v == "" {
			continue
		}
		if len(out) == n {
			out = append(out, "…")
			break
		}
		out = append(out, fmt.Sprintf("%q", v))
	}
	return strings.Join(out, ", ")
}

// repeatedID returns the first menu-item id that more than one exposed copy
// carries: duplicate ids break fragment links and aria references.
func repeatedID(blocks []*navBlock) string {
	seen := map[string]bool{}
	for _, b := range blocks {
		own := map[string]bool{}
		for _, id := range b.ids {
			if seen[id] && !own[id] {
				return id
			}
			own[id] = true
		}
		for id := range own {
			seen[id] = true
		}
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
