package checks

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/dom"
	nethtml "golang.org/x/net/html"
)

// EmptySection flags headings in the main content that introduce nothing
// (issue 4, rules-research §5.5).
var EmptySection = &Check{
	ID:       "empty-section",
	Severity: Warning,
	Summary:  "a heading in the main content is followed by no content before the next heading or the end of its section",
	Doc: `Flags a heading in the main content (h1–h6, or role=heading) whose section is empty: after it
comes a heading of the same or a higher level, or the end of its section, article or list item,
with no text, image, video, list, table, form or <details> in between. Content in a closed
<details> counts, as does a deeper heading that has content of its own. When the section holds
only an empty container with an id, data-* hooks or a class such as accordion, faq, tabs, toggle,
lazy or widget (or a script), the content is probably injected by JavaScript and the finding is
info: crawlers that do not run scripts, and readers whose script failed, still see nothing.
A "FAQ" heading on a page whose FAQPage JSON-LD lists questions that are not in the visible
text is also reported: Google asks that marked-up content be visible.

Card grids whose headings are links, headings in the header, navigation, footer or sidebars,
visually hidden headings that label a region, and a heading that captions the image or icon
before it are not reported.

Bad:  <h2>Frequently asked questions</h2>
      <h2>Contact us</h2>
Good: <h2>Frequently asked questions</h2>
      <details><summary>How long is a session?</summary><p>Fifty minutes.</p></details>
      <h2>Contact us</h2>`,
	Help: "Add the section's content (server-rendered, so crawlers see it), or remove the heading.",
	Page: emptySectionPage,
}

type emptySectionKind uint8

const (
	emptySectionHeading emptySectionKind = iota
	emptySectionContent
	emptySectionHook // an empty or hidden container, or a script: filled by JavaScript
	emptySectionEnd  // the end of a section-like container
)

type emptySectionEvent struct {
	kind     emptySectionKind
	node     *nethtml.Node
	level    int
	linkOnly bool // a heading whose whole text is a link (a card title)
	report   bool // a heading this rule judges
	text     string
}

// emptySectionIsMedia reports the elements that are content by themselves
// (a switch: it runs on every element of the main content).
func emptySectionIsMedia(tag string) bool {
	switch tag {
	case "img", "picture", "video", "audio", "iframe", "svg", "canvas", "embed", "object",
		"input", "button", "select", "textarea", "math", "meter", "progress", "output":
		return true
	}
	return false
}

// emptySectionBoundaryTag reports the elements that end the sections of
// the headings inside them.
func emptySectionBoundaryTag(tag string) bool {
	switch tag {
	case "section", "article", "main", "aside", "nav", "header", "footer", "blockquote", "details",
		"li", "td", "th", "figure", "dialog", "form", "fieldset", "body", "dd":
		return true
	}
	return false
}

// emptySectionHookClass marks containers that scripts fill.
var emptySectionHookClass = regexp.MustCompile(`(?i)accordion|faq|tabs|toggle|lazy|widget`)

// emptySectionInertClass marks empty layout helpers that are not hooks.
var emptySectionInertClass = regexp.MustCompile(`(?i)spacer|divider|separator|clear|gap`)

// emptySectionFAQHeading matches headings that announce a FAQ.
var emptySectionFAQHeading = regexp.MustCompile(`(?i)\bfaqs?\b|frequently asked questions|häufig gestellte fragen|häufige fragen|preguntas frecuentes|questions fréquentes|foire aux questions|perguntas frequentes|domande frequenti|veelgestelde vragen|vanliga frågor`)

// emptySectionFAQKeys hold, lowercase, a piece of every alternative of
// emptySectionFAQHeading, in ASCII letters other than k and s where they can.
var emptySectionFAQKeys = []string{
	"faq", "asked", "fragen", "frecuentes", "quentes", "foire", "frequenti", "vragen", "vanliga",
}

// emptySectionIsFAQHeading is emptySectionFAQHeading.MatchString, with the
// regexp run only on headings that hold one of emptySectionFAQKeys. The
// regexp folds case as lowering does, but for the Kelvin sign (k) and the
// long s (s), which send a heading to the regexp.
func emptySectionIsFAQHeading(text string) bool {
	lower := strings.ToLower(text)
	if !strings.ContainsAny(text, "\u212a\u017f") {
		found := false
		for _, k := range emptySectionFAQKeys {
			if strings.Contains(lower, k) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return emptySectionFAQHeading.MatchString(text)
}

func emptySectionPage(p *PagePass) error {
	main := p.Main()
	w := emptySectionWalker{tall: emptySectionTall(main)}
	if len(w.tall) == 0 {
		return nil // no heading in the main content: nothing to judge
	}
	w.walk(main, dom.StateOf(main))
	if emptySectionBoundaryTag(main.Data) || main.Data == "div" {
		w.events = append(w.events, emptySectionEvent{kind: emptySectionEnd, node: main})
	}
	var faqHeading *nethtml.Node
	for i, ev := range w.events {
		if ev.kind != emptySectionHeading {
			continue
		}
		if faqHeading == nil && ev.text != "" && !ev.linkOnly && emptySectionIsFAQHeading(ev.text) {
			faqHeading = ev.node
		}
		if !ev.report {
			continue
		}
		content, hooks, end := emptySectionScan(w.events, i)
		ended := end != nil
		if content || emptySectionCaption(ev.node) || emptySectionWholeItem(end, ev.node) {
			continue
		}
		hooks = hooks || emptySectionInHook(ev.node)
		where := "before the next heading"
		if ended {
			where = "before the end of its section"
		}
		if hooks {
			p.Report(Issue{Node: ev.node, Severity: Info, Message: fmt.Sprintf(
				"heading %q (h%d) has no content %s, only an empty container: content probably injected by JavaScript",
				ev.text, ev.level, where)})
			continue
		}
		p.Report(Issue{Node: ev.node, Message: fmt.Sprintf("heading %q (h%d) has no content %s", ev.text, ev.level, where)})
	}
	if faqHeading != nil {
		emptySectionFAQ(p, faqHeading)
	}
	return nil
}

// emptySectionScan looks at what follows heading i: whether content comes
// before its section ends, whether a script hook does, and the container
// whose end closed the section (nil when another heading did).
func emptySectionScan(events []emptySectionEvent, i int) (content, hooks bool, end *nethtml.Node) {
	h := events[i]
	for _, ev := range events[i+1:] {
		switch ev.kind {
		case emptySectionHeading:
			if ev.level <= h.level {
				return false, hooks, nil
			}
			if ev.linkOnly {
				return true, hooks, nil
			}
		case emptySectionContent:
			return true, hooks, nil
		case emptySectionHook:
			hooks = true
		case emptySectionEnd:
			if dom.Contains(ev.node, h.node) {
				return false, hooks, ev.node
			}
		}
	}
	return false, hooks, h.node.Parent
}

// emptySectionItems are containers where a heading alone is the item itself
// (a list entry, a table cell), like a card whose heading is the card.
var emptySectionItems = map[string]bool{"li": true, "td": true, "th": true, "dd": true, "figure": true}

// emptySectionWholeItem reports whether the section ended with a list item
// or table cell that holds nothing but the heading.
func emptySectionWholeItem(end, h *nethtml.Node) bool {
	return end != nil && emptySectionItems[end.Data] && emptySectionOnly(end, h)
}

type emptySectionWalker struct {
	events []emptySectionEvent
	// tall holds the elements with a heading (h1-h6 or role=heading, hidden
	// or not) below them.
	tall map[*nethtml.Node]bool
}

// emptySectionTall returns the elements of main, main included, that have
// a heading below them.
func emptySectionTall(main *nethtml.Node) map[*nethtml.Node]bool {
	tall := map[*nethtml.Node]bool{}
	dom.Walk(main, func(n *nethtml.Node) bool {
		if n.Type == nethtml.ElementNode && n != main && emptySectionLevel(n) > 0 {
			for a := n.Parent; a != nil && !tall[a]; a = a.Parent {
				tall[a] = true
				if a == main {
					break
				}
			}
		}
		return true
	})
	return tall
}

// add appends an event. After a content event, only the next heading
// matters: emptySectionScan stops at content, so no scan reads the events
// between it and the next heading, and they are not kept.
func (w *emptySectionWalker) add(ev emptySectionEvent) {
	if ev.kind != emptySectionHeading && len(w.events) > 0 && w.events[len(w.events)-1].kind == emptySectionContent {
		return
	}
	w.events = append(w.events, ev)
}

// walk emits the events of n's children and reports whether they hold
// content and headings.
func (w *emptySectionWalker) walk(n *nethtml.Node, state dom.State) (content, heading bool) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if content && !w.tall[n] {
			// No heading below n: what follows its first content would be
			// events that add drops, and cannot change what walk returns.
			break
		}
		switch ch.Type {
		case nethtml.TextNode:
			if state <= dom.Collapsed && strings.TrimSpace(ch.Data) != "" {
				w.add(emptySectionEvent{kind: emptySectionContent, node: n})
				content = true
			}
			continue
		case nethtml.ElementNode:
		default:
			continue
		}
		switch ch.Data {
		case "style", "head", "link", "meta":
			continue
		case "script", "template", "noscript":
			if ch.Data != "script" || emptySectionRunnable(ch) {
				w.add(emptySectionEvent{kind: emptySectionHook, node: ch})
			}
			continue
		}
		own := max(state, dom.OwnState(ch))
		if own == dom.Hidden && state <= dom.Collapsed && emptySectionDecoration(ch) {
			// aria-hidden hides an icon from screen readers, not from the eye.
			w.add(emptySectionEvent{kind: emptySectionContent, node: ch})
			content = true
			continue
		}
		if own == dom.Hidden {
			w.add(emptySectionEvent{kind: emptySectionHook, node: ch})
			continue
		}
		if level := emptySectionLevel(ch); level > 0 && emptySectionInBox(ch) {
			// A "Note" or "Warning" title inside an admonition box is part of
			// the box, which is content of the section around it.
			w.add(emptySectionEvent{kind: emptySectionContent, node: ch})
			content = true
			continue
		} else if level > 0 {
			w.add(w.heading(ch, level, own))
			heading = true
			continue
		}
		if own <= dom.Collapsed && (emptySectionIsMedia(ch.Data) || emptySectionIcon(ch)) {
			w.add(emptySectionEvent{kind: emptySectionContent, node: ch})
			content = true
			continue
		}
		c, h := w.walk(ch, own)
		content, heading = content || c, heading || h
		if !c && !h && emptySectionIsHook(ch) {
			w.add(emptySectionEvent{kind: emptySectionHook, node: ch})
		}
		if emptySectionBoundary(ch) {
			w.add(emptySectionEvent{kind: emptySectionEnd, node: ch})
		}
	}
	return content, heading
}

func (w *emptySectionWalker) heading(n *nethtml.Node, level int, state dom.State) emptySectionEvent {
	// Drop the permalink sign documentation generators append ("Title¶").
	text := strings.TrimRight(dom.Text(n, dom.TextOptions{MaxState: dom.Collapsed}), " ¶#§🔗")
	ev := emptySectionEvent{kind: emptySectionHeading, node: n, level: level, text: text}
	ev.linkOnly = emptySectionLinkOnly(n)
	ev.report = text != "" && !ev.linkOnly && state <= dom.Collapsed && !dom.InChrome(n) && !emptySectionModuleStub(n)
	return ev
}

// emptySectionModuleStub: Sphinx renders a documented module as a section
// with the id "module-NAME"; a module with no prose still gets its heading
// ("distutils.command.bdist — Build a binary installer"), which names the
// module and its synopsis for the module index: the heading is the entry.
func emptySectionModuleStub(h *nethtml.Node) bool {
	p := h.Parent
	return p != nil && p.Data == "section" && strings.HasPrefix(dom.AttrOr(p, "id"), "module-")
}

// emptySectionLevel is the level of a heading element, or 0.
func emptySectionLevel(n *nethtml.Node) int {
	if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
		return int(n.Data[1] - '0')
	}
	if len(n.Attr) > 0 && strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "role")), "heading") {
		if l, err := strconv.Atoi(strings.TrimSpace(dom.AttrOr(n, "aria-level"))); err == nil && l >= 1 {
			return min(l, 6)
		}
		return 2
	}
	return 0
}

// emptySectionLinkOnly reports whether a heading's whole text is a link:
// a card title, whose content is the page it links to.
func emptySectionLinkOnly(h *nethtml.Node) bool {
	if dom.Closest(h.Parent, func(a *nethtml.Node) bool { return a.Data == "a" && dom.AttrOr(a, "href") != "" }) != nil {
		return true
	}
	hasLink := false
	var outside strings.Builder
	var visit func(n *nethtml.Node)
	visit = func(n *nethtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == nethtml.TextNode:
				outside.WriteString(c.Data)
			case c.Type == nethtml.ElementNode && c.Data == "a":
				if dom.Text(c, dom.TextOptions{MaxState: dom.Collapsed}) != "" {
					hasLink = true
				}
			case c.Type == nethtml.ElementNode && dom.OwnState(c) < dom.ATOnly:
				visit(c)
			}
		}
	}
	visit(h)
	return hasLink && strings.TrimFunc(outside.String(), func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\u00a0' || strings.ContainsRune("¶#§:|-–—", r)
	}) == ""
}

// emptySectionIcon: an <i> or <span> icon font glyph, which has no text.
func emptySectionIcon(n *nethtml.Node) bool {
	if n.Data != "i" && n.Data != "span" {
		return false
	}
	for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
		if strings.HasPrefix(c, "fa-") || c == "fa" || c == "fas" || c == "far" || c == "fab" ||
			strings.Contains(c, "icon") || strings.HasPrefix(c, "dashicons") || strings.HasPrefix(c, "bi-") {
			return true
		}
	}
	return false
}

// emptySectionDecoration: an icon or image hidden only from assistive
// technology (aria-hidden="true"), which is still seen.
func emptySectionDecoration(n *nethtml.Node) bool {
	return (emptySectionIsMedia(n.Data) || emptySectionIcon(n)) && dom.HiddenBy(n) == "aria-hidden"
}

// emptySectionRunnable: a script that runs (not JSON-LD or another data block).
func emptySectionRunnable(n *nethtml.Node) bool {
	t := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "type")))
	return t == "" || t == "module" || strings.Contains(t, "javascript") || strings.Contains(t, "ecmascript")
}

// emptySectionOwnHook matches the id-less class of a container that a
// script fills around its own heading (Jetpack's #jp-relatedposts).
var emptySectionOwnHook = regexp.MustCompile(`(?i)accordion|faq|tabs|toggle|lazy|related`)

// emptySectionInHook reports whether the heading sits alone in a container
// that a script fills: an ancestor holding nothing but the heading that has an
// id or a hook class, like Jetpack's
// <div id="jp-relatedposts"><h3>Related</h3></div>.
func emptySectionInHook(h *nethtml.Node) bool {
	for n := h.Parent; n != nil && n.Type == nethtml.ElementNode && !emptySectionBoundary(n); n = n.Parent {
		if !emptySectionOnly(n, h) {
			return false
		}
		if dom.AttrOr(n, "id") != "" || emptySectionOwnHook.MatchString(dom.AttrOr(n, "class")) {
			return true
		}
	}
	return false
}

// emptySectionOnly reports whether n holds nothing visible besides h.
func emptySectionOnly(n, h *nethtml.Node) bool {
	only := true
	dom.Walk(n, func(c *nethtml.Node) bool {
		switch {
		case !only || c == h:
			return false
		case c.Type == nethtml.TextNode && strings.TrimSpace(c.Data) != "":
			only = false
		case c.Type == nethtml.ElementNode && (emptySectionIsMedia(c.Data) || emptySectionLevel(c) > 0):
			only = false
		}
		return only
	})
	return only
}

// emptySectionBoxClass marks admonition boxes (DocBook's div.note, callouts).
func emptySectionBoxClass(c string) bool {
	switch c {
	case "note", "warning", "tip", "caution", "important", "admonition", "callout", "alert", "notice",
		"hint", "attention", "danger", "error", "seealso":
		return true
	}
	return false
}

// emptySectionInBox reports whether heading h is the title of an admonition
// box: its parent (or the parent's parent) carries an admonition class.
func emptySectionInBox(h *nethtml.Node) bool {
	n := h.Parent
	for i := 0; i < 2 && n != nil && n.Type == nethtml.ElementNode; i++ {
		for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
			if emptySectionBoxClass(c) {
				return true
			}
		}
		n = n.Parent
	}
	return false
}

// emptySectionIsHook: an empty container that a script probably fills. An
// empty <a id> or <span id> is a link target, not a hook.
func emptySectionIsHook(n *nethtml.Node) bool {
	class := dom.AttrOr(n, "class")
	if (n.Data == "a" || n.Data == "span") && !emptySectionHookClass.MatchString(class) {
		return false
	}
	if emptySectionInertClass.MatchString(class) {
		return false
	}
	if dom.AttrOr(n, "id") != "" || emptySectionHookClass.MatchString(class) {
		return true
	}
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "data-") {
			return true
		}
	}
	return false
}

// emptySectionBoundary: a container whose end ends the sections inside it.
// Page builders wrap rows in <section>, with a heading in one row and its
// content in the next, so their sections are not boundaries.
func emptySectionBoundary(n *nethtml.Node) bool {
	if !emptySectionBoundaryTag(n.Data) {
		return false
	}
	if n.Data == "section" {
		for c := range strings.FieldsSeq(dom.AttrOr(n, "class")) {
			for _, pre := range []string{"elementor", "et_pb", "fusion", "vc_", "wp-block", "e-con", "av_", "x-section", "fl-"} {
				if strings.HasPrefix(c, pre) {
					return false
				}
			}
		}
	}
	return true
}

// emptySectionCaption reports whether the heading follows an image or icon
// in its own small container: a tile whose heading captions the picture.
func emptySectionCaption(h *nethtml.Node) bool {
	n := h
	for depth := 0; depth < 3 && n != nil && n.Parent != nil; depth++ {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != nethtml.ElementNode || dom.OwnState(s) == dom.Hidden && !emptySectionDecoration(s) {
				continue
			}
			if emptySectionIsMedia(s.Data) || emptySectionIcon(s) ||
				dom.Find(s, func(c *nethtml.Node) bool { return emptySectionIsMedia(c.Data) || emptySectionIcon(c) }) != nil {
				return true
			}
		}
		n = n.Parent
		if emptySectionBoundary(n) || n.Data == "main" || n.Data == "body" {
			break
		}
	}
	return false
}

// emptySectionFAQ reports FAQPage questions in JSON-LD that are not in the
// page's visible text, on the page's FAQ heading.
func emptySectionFAQ(p *PagePass, heading *nethtml.Node) {
	var questions []string
	for _, s := range dom.Elements(p.Root(), func(n *nethtml.Node) bool {
		return n.Data == "script" && strings.EqualFold(strings.TrimSpace(dom.AttrOr(n, "type")), "application/ld+json")
	}) {
		var raw strings.Builder
		for c := s.FirstChild; c != nil; c = c.NextSibling {
			raw.WriteString(c.Data)
		}
		var v any
		if json.Unmarshal([]byte(raw.String()), &v) != nil {
			continue
		}
		questions = append(questions, emptySectionFAQQuestions(v, false)...)
	}
	if len(questions) == 0 {
		return
	}
	body := dom.Find(p.Root(), func(n *nethtml.Node) bool { return n.Data == "body" })
	if body == nil {
		return
	}
	visible := emptySectionFold(dom.VisibleText(body))
	var missing []string
	for _, q := range questions {
		if !strings.Contains(visible, emptySectionFold(q)) {
			missing = append(missing, q)
		}
	}
	if len(missing) == 0 {
		return
	}
	p.Report(Issue{Node: heading, Message: fmt.Sprintf(
		"structured FAQ not visible: %d of %d questions in the FAQPage JSON-LD are not in the page's text (first: %q)",
		len(missing), len(questions), missing[0])})
}

func emptySectionFold(s string) string {
	return strings.ToLower(dom.FoldSpace(html.UnescapeString(s)))
}

// emptySectionFAQQuestions collects the names of the Questions of every
// FAQPage in a JSON-LD value (top level, arrays and @graph).
func emptySectionFAQQuestions(v any, inFAQ bool) []string {
	var out []string
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			out = append(out, emptySectionFAQQuestions(e, inFAQ)...)
		}
	case map[string]any:
		types := emptySectionTypes(t["@type"])
		if inFAQ && types["Question"] {
			if name, ok := t["name"].(string); ok && strings.TrimSpace(name) != "" {
				out = append(out, strings.TrimSpace(name))
			}
			return out
		}
		if types["FAQPage"] {
			return append(out, emptySectionFAQQuestions(t["mainEntity"], true)...)
		}
		if g, ok := t["@graph"]; ok {
			out = append(out, emptySectionFAQQuestions(g, false)...)
		}
	}
	return out
}

func emptySectionTypes(v any) map[string]bool {
	out := map[string]bool{}
	switch t := v.(type) {
	case string:
		out[t] = true
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				out[s] = true
			}
		}
	}
	return out
}
