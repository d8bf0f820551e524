package checks

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// cueWalk reads the text of a page once for the cues of the content rules
// (see group_cues.go). It leaves out what every one of these rules leaves
// out (scripts, styles, code, .highlight blocks) and reads the rest in
// runs: the text of neighbouring nodes joined as flatten joins it (a space
// at block edges and for left-out code, none between inline elements,
// nothing for a script). A run ends at an element that a rule may leave
// out or hide (one with a hiding class or attribute, a footer, a
// quotation, …): the text around it may then meet in a rule's rendering, so
// the cue tests take a run's ends as unsettled. placeholder-text's
// collector joins left-out code and images without a space: its runs also
// end there (marks), and its cues are tested within them.
type cueWalk struct {
	found   cueRule
	run     []byte
	marks   []cueMark
	footers []*html.Node // see cueWalkResult
	// tail and tailP are the unbroken text (no space) that ended the runs
	// before, for a cue word split by a cut ("<span role=…>F</span>ree"):
	// the bridge from it to the next run is read too.
	tail, tailP, bridge []byte
}

// cueWalks keeps the walks' buffers from page to page: a long page's run
// would otherwise be grown again for every page.
var cueWalks = sync.Pool{New: func() any { return new(cueWalk) }}

// release empties w and returns it to cueWalks, unless its run grew past
// what is worth keeping.
func (w *cueWalk) release() {
	if cap(w.run) > 1<<20 {
		return
	}
	clear(w.footers)
	*w = cueWalk{run: w.run[:0], marks: w.marks[:0], footers: w.footers[:0], tail: w.tail[:0], tailP: w.tailP[:0], bridge: w.bridge[:0]}
	cueWalks.Put(w)
}

// cueTailMax is the longest cue word: a bridge needs no more on each side.
const cueTailMax = 24

// A cueMark ends placeholder-text's run at run[:cut] and starts the next at
// run[resume:] (after the space flatten put for left-out code).
type cueMark struct{ cut, resume int }

// cueWalkKey keys the page's cue walk in its memo.
type cueWalkKey struct{}

// cuesMay reports whether the page's text may hold a cue of rule.
func cuesMay(p *PagePass, rule cueRule) bool {
	return cueWalkOf(p).found&rule != 0
}

// cueWalkResult is what the walk of a page found.
type cueWalkResult struct {
	found cueRule
	// footers are the elements that staleCopyrightHook takes for a site
	// footer, in document order, head left out: stale-copyright picks its
	// footers from them instead of walking the page again.
	footers []*html.Node
}

// cueWalkOf returns the walk of the page of p, made once per page.
func cueWalkOf(p *PagePass) *cueWalkResult {
	return p.Memo(cueWalkKey{}, func() any {
		w := cueWalks.Get().(*cueWalk)
		defer w.release()
		w.page(p.Root())
		return &cueWalkResult{found: w.found, footers: slices.Clone(w.footers)}
	}).(*cueWalkResult)
}

func (w *cueWalk) page(root *html.Node) {
	htmlEl := root
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "html" {
			htmlEl = c
		}
	}
	body := false
	for c := htmlEl.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.Data == "head":
			w.head(c)
		case c.Type == html.ElementNode && c.Data == "body":
			w.children(c)
			w.flush()
			body = true
		}
	}
	if !body { // not a parsed document: read it all
		w.children(root)
		w.flush()
	}
}

// head reads what placeholder-text reads there (the title and metadata),
// and JSON-LD for stale-review.
func (w *cueWalk) head(head *html.Node) {
	for n := range head.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		w.data(n)
		switch n.Data {
		case "title":
			var b strings.Builder
			for c := range n.Descendants() {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			w.placeholderRun(b.String())
		case "meta":
			if placeholderMetaLabel(n) != "" {
				w.attr(n, "content")
			}
		}
	}
}

// attr reads the value of attribute key of n as a run of its own, for
// placeholder-text.
func (w *cueWalk) attr(n *html.Node, key string) {
	if v, ok := dom.Attr(n, key); ok {
		w.placeholderRun(v)
	}
}

// placeholderRun reads s as a run of its own, for placeholder-text.
func (w *cueWalk) placeholderRun(s string) {
	if w.found&cuePlaceholder != 0 {
		return
	}
	w.mark(false)
	start := len(w.run)
	w.run = cueAppend(w.run, s)
	w.found |= rawCuesPlaceholder.scan(w.run[start:], w.found)
	w.run = w.run[:start]
}

// data reads the structured data of element e that a rule reads apart from
// the text: a lastReviewed property (stale-review), in microdata or in
// JSON-LD.
func (w *cueWalk) data(e *html.Node) {
	if w.found&cueStaleReview != 0 {
		return
	}
	if e.Data == "script" {
		w.script(e)
	}
	for _, a := range e.Attr {
		if a.Key == "itemprop" && mdHasItemprop(e, "lastReviewed") {
			w.found |= cueStaleReview
		}
	}
}

// left reads, in a subtree the text runs leave out (code, a template, an
// SVG drawing), what the rules read there all the same: structured data
// (stale-review's lastReviewed) and a site footer (stale-copyright reads a
// footer's text wherever the footer is).
func (w *cueWalk) left(e *html.Node) {
	for d := range e.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		w.data(d)
		if staleCopyrightHook(d) {
			w.found |= cueCopyright
			w.footers = append(w.footers, d)
		}
	}
}

// script reads JSON-LD for a lastReviewed property (stale-review): the
// name, or a \u escape that may spell it.
func (w *cueWalk) script(n *html.Node) {
	if !strings.Contains(strings.ToLower(dom.AttrOr(n, "type")), "ld+json") {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && (strings.Contains(c.Data, "lastReviewed") || strings.Contains(c.Data, `\u`)) {
			w.found |= cueStaleReview
		}
	}
}

// flush scans the run and starts a new one.
func (w *cueWalk) flush() {
	if len(w.run) == 0 {
		w.marks = w.marks[:0]
		return
	}
	w.found |= rawCuesAll.scanMarked(w.run, w.found, w.marks)
	w.tail = w.across(rawCues, w.tail, w.run)
	if w.found&cuePlaceholder == 0 {
		from := 0
		for _, m := range w.marks { // the collector joins the runs without a space
			w.tailP = w.across(rawCuesPlaceholder, w.tailP, w.run[from:m.cut])
			from = m.resume
		}
		w.tailP = w.across(rawCuesPlaceholder, w.tailP, w.run[from:])
	}
	w.run = w.run[:0]
	w.marks = w.marks[:0]
}

// mark ends placeholder-text's run here: at left-out code, whose place
// flatten takes with a space (space) and the collector with nothing.
func (w *cueWalk) mark(space bool) {
	m := cueMark{len(w.run), len(w.run)}
	if space {
		w.run = append(w.run, ' ')
		m.resume = len(w.run)
	}
	w.marks = append(w.marks, m)
}

// across reads the cue words of t that start in tail, the unbroken text
// before run, and end in run; it returns the unbroken text that ends run.
func (w *cueWalk) across(t *rawCueTable, tail, run []byte) []byte {
	head := run
	if i := slices.IndexFunc(head, cueIsSpace); i >= 0 {
		head = head[:i]
	}
	if len(tail) > 0 && len(head) > 0 {
		w.bridge = append(append(w.bridge[:0], tail...), head[:min(len(head), cueTailMax)]...)
		w.found |= t.scanAcross(w.bridge, len(tail), w.found)
	}
	if len(head) == len(run) { // no space: the unbroken text goes on
		tail = append(tail, run...)
	} else {
		tail = tail[:0]
		i := len(run)
		for i > 0 && !cueIsSpace(run[i-1]) {
			i--
		}
		tail = append(tail, run[i:]...)
	}
	if n := len(tail); n > cueTailMax {
		tail = append(tail[:0], tail[n-cueTailMax:]...)
	}
	return tail
}

func (w *cueWalk) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.run = cueAppend(w.run, c.Data)
		case html.ElementNode:
			w.element(c)
		}
	}
}

func (w *cueWalk) element(e *html.Node) {
	if staleCopyrightHook(e) {
		w.footers = append(w.footers, e)
	}
	switch e.Data {
	case "script":
		w.data(e)
		w.mark(false) // gone from the text: nothing in its place
		return
	case "style", "noscript", "iframe", "head", "textarea":
		w.data(e)
		w.mark(false)
		return
	case "template", "object", "svg", "math":
		w.data(e)
		w.left(e)
		w.mark(false)
		return
	case "code", "pre", "kbd", "samp", "var":
		w.data(e)
		w.left(e)
		w.mark(true) // flatten leaves a space for code
		return
	case "img", "input":
		w.data(e)
		w.attr(e, "alt")
		w.mark(true) // a block, with no text
		return
	case "a":
		if href := dom.AttrOr(e, "href"); cueMayBeMailOrTel(href) {
			if href = strings.TrimSpace(href); len(href) > 4 {
				if scheme, rest, ok := strings.Cut(href, ":"); ok && (strings.EqualFold(scheme, "mailto") || strings.EqualFold(scheme, "tel")) {
					w.placeholderRun(rest)
				}
			}
		}
	}
	if cueRiskyTag(e.Data) || len(e.Attr) > 0 && w.riskyAttrs(e) {
		if dom.HasClass(e, "highlight") { // code, left out by every rule
			w.left(e)
			w.mark(true)
			return
		}
		block := dom.IsBlock(e) // no word goes across its edges
		w.flush()
		if block {
			w.tail, w.tailP = w.tail[:0], w.tailP[:0]
		}
		w.children(e)
		w.flush()
		if block {
			w.tail, w.tailP = w.tail[:0], w.tailP[:0]
		}
		return
	}
	block := dom.IsBlock(e)
	if block {
		w.run = append(w.run, ' ')
	}
	w.children(e)
	if block {
		w.run = append(w.run, ' ')
	}
}

// cueAppend appends s to run without its zero-width characters, which the
// rules' renderers drop.
func cueAppend(run []byte, s string) []byte {
	start := len(run)
	run = append(run, s...)
	if len(s) < 2 || !cueHasInvisible(run[start:]) {
		return run
	}
	run = run[:start]
	for _, r := range s {
		if !flatInvisible(r) {
			run = utf8.AppendRune(run, r)
		}
	}
	return run
}

// cueHasInvisible reports whether b holds a character that flatInvisible
// drops: U+00AD (C2 AD), U+200B-U+200D (E2 80 8B-8D), U+2060 (E2 81 A0)
// or U+FEFF (EF BB BF). ASCII text, most of it, is passed eight bytes at a
// time.
func cueHasInvisible(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i+1 < len(b); i++ {
		switch b[i] {
		case 0xC2:
			if b[i+1] == 0xAD {
				return true
			}
		case 0xE2:
			if i+2 < len(b) && (b[i+1] == 0x80 && b[i+2] >= 0x8B && b[i+2] <= 0x8D || b[i+1] == 0x81 && b[i+2] == 0xA0) {
				return true
			}
		case 0xEF:
			if i+2 < len(b) && b[i+1] == 0xBB && b[i+2] == 0xBF {
				return true
			}
		}
	}
	return false
}

// cueMayBeMailOrTel reports whether href may start with mailto: or tel:
// once trimmed: most links start with something else (h, /, #, .).
func cueMayBeMailOrTel(href string) bool {
	i := 0
	for i < len(href) && (cueIsSpace(href[i]) || href[i] == '\v') { // as strings.TrimSpace
		i++
	}
	return i < len(href) && (href[i]|0x20 == 'm' || href[i]|0x20 == 't' || href[i] >= 0x80)
}

// cueRiskyTag reports whether a rule may leave out or hide an element, or
// read it apart from its neighbours, by its name.
func cueRiskyTag(tag string) bool {
	switch tag {
	case "header", "footer", "nav", "aside", "blockquote", "q", "dialog", "select", "figure", "figcaption", "tt":
		return true
	}
	return false
}

// riskyAttrs reports whether a rule may leave out or hide e by an
// attribute that hides or marks it (hidden, style, role, …), or by its
// class or id, judged by the rules' own tests (cueClassRisky, cueIDRisky).
// It also notes a lastReviewed itemprop (see data).
func (w *cueWalk) riskyAttrs(e *html.Node) bool {
	var class, id string
	classes, ids := 0, 0
	risky := false
	for _, a := range e.Attr {
		if a.Namespace != "" {
			risky = true
			continue
		}
		switch a.Key {
		case "class":
			class, classes = a.Val, classes+1
		case "id":
			id, ids = a.Val, ids+1
		case "itemprop":
			risky = true
			if w.found&cueStaleReview == 0 && mdHasItemprop(e, "lastReviewed") {
				w.found |= cueStaleReview
			}
		case "role", "style", "hidden", "inert", "aria-hidden", "itemtype":
			risky = true
		}
	}
	if risky || classes > 1 || ids > 1 { // a repeated attribute: the rules' tests differ on which counts
		return true
	}
	return class != "" && cueClassRisky(class) || id != "" && cueIDRisky(id)
}

// cueClassRisky reports whether an element with this class attribute (and
// no other attribute that matters) may be hidden or left out by one of the
// content rules: its text is then read apart. The rules' tests see only
// the class of such an element, so the verdict is kept per class value: a
// site uses a few hundred (374 in the Debian corpus).
func cueClassRisky(class string) bool {
	if verdicts := cueClassVerdicts.Load(); verdicts != nil {
		if risky, ok := (*verdicts)[class]; ok {
			return risky
		}
	}
	e := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "class", Val: class}}}
	risky := dom.OwnState(e) > dom.Collapsed || isCustomerReview(e) || dom.IsChrome(e) || leftoverCodeLike(e) || staleCopyrightSkip(e)
	cueClassVerdictsMu.Lock()
	defer cueClassVerdictsMu.Unlock()
	if old := cueClassVerdicts.Load(); old == nil || len(*old) < cueClassVerdictMax {
		m := map[string]bool{}
		if old != nil {
			for k, v := range *old {
				m[k] = v
			}
		}
		m[class] = risky
		cueClassVerdicts.Store(&m)
	}
	return risky
}

// cueClassVerdicts caches cueClassRisky for at most cueClassVerdictMax
// class values (a site that generates class names would fill it): read
// without a lock, copied on write.
var (
	cueClassVerdicts   atomic.Pointer[map[string]bool]
	cueClassVerdictsMu sync.Mutex
)

const cueClassVerdictMax = 4096

// cueIDRisky reports whether an element with this id (and no other
// attribute that matters) may be left out: a theme's footer or sidebar, a
// block of reviews or comments.
func cueIDRisky(id string) bool {
	e := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "id", Val: id}}}
	return isCustomerReview(e) || dom.IsChrome(e)
}
