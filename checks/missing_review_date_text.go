package checks

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// flatText is the visible text of a page as dom.Text renders it (a space at
// block boundaries, none between inline elements), plus where each element
// and text node landed in it, so a rule can match regexps over the text and
// map the matches back to elements.
type flatText struct {
	text  string
	spans map[*html.Node]flatSpan // elements and text nodes -> their text
	nodes []flatNode              // text nodes in order
	cuts  []int                   // sorted positions where a name must end: block boundaries and inline elements glued with no space
	// extraLabels are a site's own reviewer labels (option extra-labels).
	extraLabels *regexp.Regexp
}

type flatSpan struct{ start, end int }

func (s flatSpan) len() int { return s.end - s.start }

type flatNode struct {
	flatSpan
	node *html.Node
}

// flatSkip are elements whose content is never prose.
var flatSkip = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true, "iframe": true,
	"object": true, "svg": true, "math": true, "head": true, "textarea": true, "select": true,
}

// flatCodeTags are containers of code and sample output, exempt from prose rules.
var flatCodeTags = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true, "var": true}

type flatBuilder struct {
	b       strings.Builder
	pending bool
	skip    func(*html.Node) bool
	out     *flatText
}

// flatten renders the visible (and collapsed) text under root, leaving out
// elements for which skip returns true.
func flatten(root *html.Node, skip func(*html.Node) bool) *flatText {
	ft := &flatText{spans: map[*html.Node]flatSpan{}}
	fb := &flatBuilder{skip: skip, out: ft}
	fb.collect(root, dom.StateOf(root.Parent))
	ft.text = fb.b.String()
	sort.Ints(ft.cuts)
	return ft
}

func (fb *flatBuilder) cut() { fb.out.cuts = append(fb.out.cuts, fb.b.Len()) }

// write appends s and returns where its first and last runes landed
// (start == end when s had no visible rune).
func (fb *flatBuilder) write(s string) (start, end int) {
	start = -1
	for _, r := range s {
		if unicode.IsSpace(r) {
			fb.pending = true
			continue
		}
		if flatInvisible(r) {
			continue
		}
		if fb.pending && fb.b.Len() > 0 {
			fb.b.WriteByte(' ')
		}
		fb.pending = false
		if start < 0 {
			start = fb.b.Len()
		}
		fb.b.WriteRune(r)
	}
	if start < 0 {
		return fb.b.Len(), fb.b.Len()
	}
	return start, fb.b.Len()
}

func (fb *flatBuilder) collect(n *html.Node, inherited dom.State) {
	switch n.Type {
	case html.TextNode:
		s, e := fb.write(n.Data)
		if e > s {
			fb.out.spans[n] = flatSpan{s, e}
			fb.out.nodes = append(fb.out.nodes, flatNode{flatSpan{s, e}, n})
		}
		return
	case html.ElementNode:
		if flatSkip[n.Data] {
			return
		}
		state := max(inherited, dom.OwnState(n))
		if state > dom.Collapsed || (fb.skip != nil && fb.skip(n)) {
			fb.pending = true
			fb.cut()
			return
		}
		inherited = state
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type != html.ElementNode || dom.IsBlock(n)
	fb.boundary(block)
	start := fb.b.Len()
	if fb.pending && start > 0 {
		start++ // the owed space is written before the first rune
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		fb.collect(c, inherited)
	}
	end := max(fb.b.Len(), start)
	fb.out.spans[n] = flatSpan{min(start, end), end}
	fb.boundary(block)
}

// boundary marks an element edge: blocks break the text, and an inline edge
// with no whitespace around it glues two words that a name must not span.
func (fb *flatBuilder) boundary(block bool) {
	if block {
		fb.pending = true
		fb.cut()
		return
	}
	if !fb.pending {
		fb.cut()
	}
}

// nextCut returns the first cut strictly after pos, or len(text).
func (ft *flatText) nextCut(pos int) int {
	i := sort.SearchInts(ft.cuts, pos+1)
	if i < len(ft.cuts) {
		return ft.cuts[i]
	}
	return len(ft.text)
}

// textNodeAt returns the text node whose text holds byte offset pos.
func (ft *flatText) textNodeAt(pos int) (flatNode, bool) {
	i := sort.Search(len(ft.nodes), func(i int) bool { return ft.nodes[i].end > pos })
	if i < len(ft.nodes) && ft.nodes[i].start <= pos {
		return ft.nodes[i], true
	}
	return flatNode{}, false
}

// spanOf returns the text flatSpan of an element, and whether it was rendered.
func (ft *flatText) spanOf(n *html.Node) (flatSpan, bool) {
	s, ok := ft.spans[n]
	return s, ok
}

// flatInvisible drops soft hyphens and zero-width characters, as dom.Text does.
func flatInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}
