package checks

import (
	"fmt"
	"time"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// An Issue is what a rule says about one place: where (a node, or a line and
// evidence for site rules that no longer hold the document) and what.
type Issue struct {
	Node     *html.Node // the element; fills Line and Evidence when set
	Line     int
	Evidence string
	Severity Severity // zero: the rule's default
	Target   string   // normalized absolute URL, for link rules
	Message  string
	Help     string // overrides the rule's help for this finding
}

// PagePass hands one page to one rule. Its option methods (IntOption, …)
// read the rule's options as configured for this page's path.
type PagePass struct {
	optionReader
	Check   *Check
	Page    *page.Page
	Site    *page.Site // read only Root and Mode here: other pages may not be in yet
	Summary *page.Summary
	Now     time.Time
	facts   *pageFacts
	report  func(*Check, page.Mode, *page.Summary, Issue)
}

// Report records an issue on this page.
func (p *PagePass) Report(is Issue) {
	if is.Node != nil {
		if is.Line == 0 {
			is.Line = p.Page.Line(is.Node)
		}
		if is.Evidence == "" {
			is.Evidence = page.Evidence(is.Node)
		}
	}
	p.report(p.Check, p.Site.Mode, p.Summary, is)
}

// Reportf records an issue on element n with the rule's default severity.
func (p *PagePass) Reportf(n *html.Node, format string, args ...any) {
	p.Report(Issue{Node: n, Message: fmt.Sprintf(format, args...)})
}

// Root is the document node of the page.
func (p *PagePass) Root() *html.Node { return p.Page.Root() }

// Main is the element holding the page's main content (see dom.Main).
func (p *PagePass) Main() *html.Node { return p.facts.main(p.Root()) }

// SitePass hands the whole site, as summaries, to one rule. Its option
// methods read the rule's options from the base config.
type SitePass struct {
	optionReader
	Check  *Check
	Site   *page.Site
	Now    time.Time
	report func(*Check, page.Mode, *page.Summary, Issue)
}

// Report records an issue on the page of sum.
func (s *SitePass) Report(sum *page.Summary, is Issue) {
	s.report(s.Check, s.Site.Mode, sum, is)
}

// pageFacts are computed once per page and shared by all its rules. The
// rules of one page run one after another on one goroutine, so no lock.
type pageFacts struct {
	mainNode *html.Node
	memo     map[any]any
}

// Memo returns the value that build makes for key, built once per page and
// shared by every rule of the page: an index several rules read (the head
// tags, the visible headings) is gathered in one walk, not one per rule.
// key should be a value of an unexported type of the caller.
func (p *PagePass) Memo(key any, build func() any) any {
	if v, ok := p.facts.memo[key]; ok {
		return v
	}
	if p.facts.memo == nil {
		p.facts.memo = map[any]any{}
	}
	v := build()
	p.facts.memo[key] = v
	return v
}

func (f *pageFacts) main(root *html.Node) *html.Node {
	if f.mainNode == nil {
		f.mainNode = dom.Main(root)
	}
	return f.mainNode
}
