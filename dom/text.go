package dom

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// blockElements start and end a line of rendered text. Between two inline
// elements no space is added, as a browser would render them: "Updated On"
// followed by <span>June 27, 2025</span> reads "Updated OnJune 27, 2025".
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true,
	"caption": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "option": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true,
	"tr": true, "ul": true, "body": true, "html": true, "head": true, "title": true,
	"button": true, "img": true, "input": true, "select": true, "textarea": true, "label": false,
}

// IsBlock reports whether the element breaks the line of text around it.
func IsBlock(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && blockElements[n.Data]
}

// skipText are elements whose content is never prose.
var skipText = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true, "iframe": true,
	"object": true, "svg": true, "math": true, "head": true,
}

// TextOptions choose what Text includes.
type TextOptions struct {
	// MaxState is the least exposed state whose text is kept: Visible keeps only
	// what everyone sees, ATOnly adds screen-reader text, Hidden keeps all.
	MaxState State
	// Limit stops after about this many bytes (0 = no limit).
	Limit int
}

// Text returns the text of n as it renders: entities decoded, whitespace
// folded to single spaces, a space at block boundaries, scripts and styles
// skipped, and elements beyond opts.MaxState left out.
func Text(n *html.Node, opts TextOptions) string {
	var b textBuilder
	b.limit = opts.Limit
	b.collect(n, opts.MaxState, StateOf(n.Parent))
	return strings.TrimSpace(b.String())
}

// VisibleText is Text with only what everyone sees.
func VisibleText(n *html.Node) string { return Text(n, TextOptions{MaxState: Collapsed}) }

type textBuilder struct {
	strings.Builder
	limit   int
	pending bool // a space is owed before the next word
}

func (b *textBuilder) full() bool { return b.limit > 0 && b.Len() >= b.limit }

func (b *textBuilder) space() { b.pending = true }

func (b *textBuilder) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			b.pending = true
			continue
		}
		if isInvisibleRune(r) {
			continue
		}
		if b.pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.pending = false
		b.WriteRune(r)
	}
}

// isInvisibleRune drops soft hyphens and zero-width characters, which change
// nothing a reader sees but break word matching.
func isInvisibleRune(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func (b *textBuilder) collect(n *html.Node, maxState, inherited State) {
	if b.full() {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.write(n.Data)
		return
	case html.ElementNode:
		if skipText[n.Data] {
			return
		}
		state := max(inherited, OwnState(n))
		if state > maxState {
			if IsBlock(n) {
				b.space()
			}
			return
		}
		inherited = state
	case html.DocumentNode:
	default:
		return
	}
	block := IsBlock(n)
	if block {
		b.space()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.collect(c, maxState, inherited)
	}
	if block {
		b.space()
	}
}

// FoldSpace trims s and folds every run of whitespace to one space.
func FoldSpace(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// isFolded reports whether s has no leading, trailing or repeated spaces and
// no whitespace but ' ' (ASCII only: other runes send s the slow way).
func isFolded(s string) bool {
	prevSpace := true // a leading space is not folded
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}
