package checks

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// ignoreAttrs silence findings on an element and inside it. htmlproofer and
// htmltest users already mark their pages with data-proofer-ignore.
var ignoreAttrs = []string{"data-pagelint-ignore", "data-proofer-ignore"}

// A suppression is one in-page instruction to silence findings: an ignore
// attribute on an element, or a pagelint-disable … pagelint-enable range.
type suppression struct {
	rules    []string // nil: every rule
	from, to int      // source lines covered, inclusive
	node     *html.Node
	where    string // how it was written, for --report-unused-suppressions
	line     int
	used     int
}

func (s *suppression) covers(rule string) bool {
	return s.rules == nil || slices.Contains(s.rules, rule)
}

// commentRe finds <!-- pagelint-disable [rules] --> and <!-- pagelint-enable [rules] -->.
var commentRe = regexp.MustCompile(`<!--\s*pagelint-(disable|enable)((?:\s+[a-z0-9-]+)*)\s*-->`)

// findSuppressions collects the suppressions of a page.
func findSuppressions(p *page.Page) []*suppression {
	var out []*suppression
	dom.Walk(p.Root(), func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		for _, attr := range ignoreAttrs {
			v, ok := dom.Attr(n, attr)
			if !ok {
				continue
			}
			s := &suppression{node: n, from: p.Line(n), where: attr}
			s.line = s.from
			s.to = lastLine(p, n, s.from)
			if rules := strings.Fields(v); len(rules) > 0 {
				s.rules = rules
				s.where = fmt.Sprintf("%s=%q", attr, v)
			}
			out = append(out, s)
			break
		}
		return true
	})
	return append(out, commentRanges(p.Raw)...)
}

// lastLine is the line of the last element inside n: the end of its range.
func lastLine(p *page.Page, n *html.Node, from int) int {
	to := from
	dom.Walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode {
			to = max(to, p.Line(c))
		}
		return true
	})
	return to
}

// commentRanges reads disable/enable comment pairs. A disable without its
// enable runs to the end of the page.
func commentRanges(raw []byte) []*suppression {
	if !bytes.Contains(raw, []byte("pagelint-")) {
		return nil
	}
	var out []*suppression
	open := map[string]*suppression{} // key: the rule list as written
	for _, m := range commentRe.FindAllSubmatchIndex(raw, -1) {
		line := 1 + bytes.Count(raw[:m[0]], []byte{'\n'})
		verb := string(raw[m[2]:m[3]])
		rules := strings.Fields(string(raw[m[4]:m[5]]))
		key := strings.Join(rules, " ")
		if verb == "disable" {
			if _, already := open[key]; already {
				continue
			}
			s := &suppression{from: line, to: int(^uint(0) >> 1), line: line, where: "pagelint-disable"}
			if len(rules) > 0 {
				s.rules = rules
				s.where = "pagelint-disable " + key
			}
			open[key] = s
			out = append(out, s)
			continue
		}
		if s, ok := open[key]; ok {
			s.to = line
			delete(open, key)
		}
	}
	return out
}

// suppressed reports whether an issue of rule on a page with sups is silenced,
// and counts the use. An issue with a node is matched by ancestry, exactly;
// one known only by its line (site rules) by the suppression's line range.
func suppressed(sups []*suppression, rule string, is Issue) bool {
	for _, s := range sups {
		if !s.covers(rule) {
			continue
		}
		hit := false
		switch {
		case s.node != nil && is.Node != nil:
			hit = dom.Contains(s.node, is.Node)
		case is.Line > 0:
			hit = is.Line >= s.from && is.Line <= s.to
		}
		if hit {
			s.used++
			return true
		}
	}
	return false
}
