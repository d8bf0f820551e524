package checks

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A cueSet tells whether a text holds one of a few byte strings, as
// bytes.Contains would for each. Rather than one pass over the text per
// string, it finds each string by its rarest byte with bytes.IndexByte, one
// pass per anchor byte, and compares only there.
type cueSet struct {
	groups []cueGroup
}

type cueGroup struct {
	anchor byte
	cues   []anchoredCue
}

type anchoredCue struct {
	s   []byte
	off int // where the anchor byte stands in s
}

// cueAnchorOrder ranks bytes from rare to common in HTML pages (measured on
// the Debian documentation corpus); a cue is anchored at its first byte in
// this order. 0xC3 leads the Latin-1 letters (é, ü).
const cueAnchorOrder = "\xc3JZKXVYQWzHGBUFjMqDONR&LAICSEPTkxwvbygufmhdpocrilntase"

func newCueSet(cues ...string) *cueSet {
	cs := &cueSet{}
	for _, c := range cues {
		off := -1
		for i := 0; i < len(cueAnchorOrder) && off < 0; i++ {
			off = bytes.IndexByte([]byte(c), cueAnchorOrder[i])
		}
		if off < 0 {
			panic("cueSet: no anchor byte in " + c)
		}
		g := cs.group(c[off])
		g.cues = append(g.cues, anchoredCue{s: []byte(c), off: off})
	}
	return cs
}

func (cs *cueSet) group(anchor byte) *cueGroup {
	for i := range cs.groups {
		if cs.groups[i].anchor == anchor {
			return &cs.groups[i]
		}
	}
	cs.groups = append(cs.groups, cueGroup{anchor: anchor})
	return &cs.groups[len(cs.groups)-1]
}

// in reports whether text holds one of the cues.
func (cs *cueSet) in(text []byte) bool {
	found := false
	cs.scan(text, func(int) bool {
		found = true
		return false
	})
	return found
}

// each calls yield with the start of every occurrence of a cue in text,
// cue by cue (not in text order).
func (cs *cueSet) each(text []byte, yield func(start int)) {
	cs.scan(text, func(start int) bool {
		yield(start)
		return true
	})
}

// scan calls found with the start of each occurrence of a cue in text
// until it returns false.
func (cs *cueSet) scan(text []byte, found func(start int) bool) {
	for _, g := range cs.groups {
		for from := 0; from < len(text); {
			i := bytes.IndexByte(text[from:], g.anchor)
			if i < 0 {
				break
			}
			at := from + i
			for _, c := range g.cues {
				if s := at - c.off; s >= 0 && bytes.HasPrefix(text[s:], c.s) && !found(s) {
					return
				}
			}
			from = at + 1
		}
	}
}

// reviewerHintSet finds reviewerHints in a page source.
var reviewerHintSet = func() *cueSet {
	var hints []string
	for _, h := range reviewerHints {
		hints = append(hints, string(h))
	}
	return newCueSet(hints...)
}()

// reviewerTextCues are reviewerLabelStems with "review" made "reviewe":
// every alternative of reviewerLabelRe that holds "review" holds "reviewed"
// or "reviewer", so a label found in a window around "preview" or "code
// review" still holds one of these (or a long s, see mayHoldReviewerLabel).
var reviewerTextCues = newCueSet(
	"reviewe", "checked", "geprüft", "relu", "révisé", "revu", "vérifié", "revisad", "revisionat", "beoordeeld", "gecontroleerd",
)

// mayHoldReviewerLabel reports whether the text that flatten renders below
// root may hold a reviewer label, without rendering it. A label holds one
// of reviewerTextCues, lowercased (no spaces in them), and what flatten
// writes without a space between is also side by side in the plain run of
// root's text nodes, those in flatSkip elements left out and invisible
// characters dropped: whatever else flatten leaves out (hidden or skipped
// elements, whitespace, block edges) puts a space in its text. The label
// regexp is case-insensitive, and two characters fold to a letter of a cue
// without lowering to it: the Kelvin sign (lowering changes its length, and
// then reviewerLabels matches the whole text) and the long s (ſ). Either
// makes the answer true.
func mayHoldReviewerLabel(root *html.Node) bool {
	var b []byte
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if r < utf8.RuneSelf {
					if 'A' <= r && r <= 'Z' {
						r += 'a' - 'A'
					}
					b = append(b, byte(r))
					continue
				}
				if flatInvisible(r) {
					continue
				}
				l := unicode.ToLower(r)
				if r == 'ſ' || utf8.RuneLen(l) != utf8.RuneLen(r) {
					return true
				}
				b = utf8.AppendRune(b, l)
			}
			return false
		case html.ElementNode:
			if flatSkip[n.Data] {
				return false
			}
		case html.DocumentNode:
		default:
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(root) || reviewerTextCues.in(b)
}
