package checks

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// PlaceholderText flags template and page-builder leftovers: filler text,
// builder defaults and tokens that a template engine never replaced
// (issue 4, rules-research §5.4).
var PlaceholderText = &Check{
	ID:       "placeholder-text",
	Severity: Warning,
	Summary:  "filler text, page-builder defaults or unrendered template tokens left on the page",
	Doc: `Flags text a template or page builder left behind, in the visible text, the title, the meta
description, og:/twitter: metadata and image alt text:
- filler: "Lorem ipsum", "dolor sit amet";
- builder and CMS defaults: Elementor's "Add Your Heading Text Here", Divi's "Your content goes
  here" and "Your Title Goes Here", WordPress's "Sample Page", "Hello world!" as a title and
  "Just another WordPress site";
- unrendered tokens: {{ post.title }}, {% if … %}, Yoast's %%title%%, Rank Math's %title%, ${name},
  and raw shortcodes such as [fusion_text], [vc_row], [et_pb_section] or [contact-form-7 id="1"];
- editing notes and stand-ins: TODO and FIXME written in capitals as a note ("TODO: add the map";
  not "the TODO list" or TODO.txt), TBD standing alone outside tables, "[insert …]", "Your Name",
  "Company Name", name@example.com in a contact block or mailto: link, and phone numbers such as
  555-555-5555 or (123) 456-7890 (also in tel: links).
Each distinct hit is reported once per page. Text in code, pre, kbd, samp, blockquote and q is not
read, so a page about placeholders or a documentation page quoting a template stays silent; form
labels ("Your Name" next to an input) are fine, as are {{ }} and ${ } inside client-side templates
(Vue, Angular, Alpine, Knockout attributes, <template>, text/x-template scripts), and the bare words
"lorem ipsum" inside a longer sentence (an article about filler text). Filler inside a hidden
element (such as Avada's aria-hidden "Page load link") is reported as info.

Visitors and search engines see these leftovers as an unfinished site, and an unrendered token
means a template variable or shortcode did not run.

Bad:  <h2 class="elementor-heading-title">Add Your Heading Text Here</h2>
Good: <h2 class="elementor-heading-title">Couples counseling in Lakeside</h2>`,
	Help: "Replace the placeholder with real copy or remove the element; an unrendered token means a template variable or shortcode did not run.",
	Page: placeholderTextPage,
}

// A placeholderPattern is one kind of leftover.
type placeholderPattern struct {
	re     *regexp.Regexp
	kind   string // what the message calls a hit
	strong bool   // also reported (as info) inside hidden elements
	// hints: the lowercased text must contain one of them for re to be tried
	// (a cheap filter: most text holds none).
	hints []string
	// check, when set, vets a hit at text[start:end] in element n.
	check func(text string, start, end int, n *html.Node) bool
}

// placeholderSEOVars are the %var% names of Rank Math and Yoast.
var placeholderSEOVars = []string{"title", "sep", "sitename", "sitedesc", "excerpt", "excerpt_only", "category", "categories",
	"tag", "tags", "term", "term_description", "date", "modified", "currentyear", "currentdate", "currentmonth", "currentday",
	"page", "pagenumber", "pagetotal", "name", "focuskw", "searchphrase", "pt_single", "pt_plural", "primary_category",
	"parent_title", "post_author", "seo_title", "seo_description", "org_name"}

// placeholderPatterns are tried in order over each run of text.
var placeholderPatterns = []placeholderPattern{
	{hints: []string{"lorem", "dolor sit"}, re: regexp.MustCompile(`(?i)\blorem ipsum(?: dolor sit amet)?|\bdolor sit amet\b`), kind: "filler text", strong: true, check: placeholderFiller},
	{hints: []string{"heading text here", "click edit button"}, re: regexp.MustCompile(`(?i)\badd your heading text here\b|\bI am text block\. Click edit button to change this text\.?|\bclick edit button to change this text\b`), kind: "page-builder default text", strong: true},
	{hints: []string{"goes here", "edit or remove"}, re: regexp.MustCompile(`(?i)\byour content goes here\b(?:\. edit or remove this text inline)?|\bedit or remove this text inline\b|\byour title goes here\b`), kind: "page-builder default text", strong: true},
	{hints: []string{"wordpress", "example page", "first post", "sample page"}, re: regexp.MustCompile(`(?i)\bjust another wordpress site\b|\bthis is an example page\b|\bthis is your first post\. edit or delete it\b|\bSample Page\b`), kind: "WordPress default text", strong: true,
		check: func(text string, start, end int, _ *html.Node) bool {
			hit := text[start:end]
			return !strings.EqualFold(hit, "sample page") || hit == "Sample Page"
		}},
	{hints: []string{"hello world"}, re: regexp.MustCompile(`^Hello world!?$`), kind: "WordPress default post title", strong: true, check: placeholderIsTitle},
	{hints: []string{"page load link"}, re: regexp.MustCompile(`(?i)^page load link$`), kind: "theme artifact", strong: true},
	{hints: []string{"{{"}, re: regexp.MustCompile(`\{\{[^{}\n]{1,80}\}\}`), kind: "unrendered template token", check: placeholderNotClientTemplate},
	{hints: []string{"{%"}, re: regexp.MustCompile(`\{%-?\s*[a-z_]+\b[^%{}\n]{0,80}-?%\}`), kind: "unrendered template tag", check: placeholderNotClientTemplate},
	{hints: []string{"%%"}, re: regexp.MustCompile(`%%[a-z][a-z0-9_]{1,30}%%`), kind: "unrendered SEO-plugin variable"},
	{hints: []string{"%"}, re: regexp.MustCompile(`%(?:` + strings.Join(placeholderSEOVars, "|") + `)%`), kind: "unrendered SEO-plugin variable",
		check: func(text string, start, end int, _ *html.Node) bool {
			// %%title%% is Yoast's form, reported by the pattern above.
			return (start == 0 || text[start-1] != '%') && (end == len(text) || text[end] != '%')
		}},
	{hints: []string{"${"}, re: regexp.MustCompile(`\$\{[A-Za-z_][\w.]{0,40}\}`), kind: "unrendered template token", check: placeholderNotClientTemplate},
	{hints: []string{"["}, re: regexp.MustCompile(`\[/?(?:fusion|vc|et_pb|av)_[a-z0-9_]+(?:\s[^\[\]\n]{0,200})?\]|\[(?:contact-form-7|gravityform|wpforms|elementor-template)\b[^\[\]\n]{0,200}\]`), kind: "unrendered shortcode"},
	{hints: []string{"todo", "fixme"}, re: regexp.MustCompile(`\b(?:TODO|FIXME)\b`), kind: "editing note", check: placeholderStandaloneNote},
	{hints: []string{"tbd"}, re: regexp.MustCompile(`^TBD[.!:]?$`), kind: "editing note", check: placeholderNotInTable},
	{hints: []string{"["}, re: regexp.MustCompile(`(?i)\[\s*(?:insert|add|enter|your|company|client)\s[^\[\]\n/|]{1,60}\]`), kind: "fill-in marker"},
	{hints: []string{"your name", "company name", "your company", "your business"}, re: regexp.MustCompile(`\b(?:Your Name|Company Name|Your Company|Your Business Name)\b`), kind: "stand-in text", check: placeholderNotFormLabel},
	{hints: []string{"@"}, re: regexp.MustCompile(`(?i)\b[\w.+-]+@(?:example\.(?:com|org|net)|(?:your)?domain\.com|yourdomain\.[a-z]{2,4}|yoursite\.com|email\.com)\b`), kind: "placeholder email address", check: placeholderInContact},
	{hints: []string{"555", "123", "000"}, re: regexp.MustCompile(`(?:\(\s*(?:555|123|000)\s*\)\s*|\b(?:555|123|000)[ .-])(?:555|456|000)[ .-](?:5555|7890|0000)\b`), kind: "placeholder phone number"},
}

// placeholderMetas are the metadata read, by name or property.
func placeholderMetaLabel(n *html.Node) string {
	name := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))
	prop := strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "property")))
	switch {
	case name == "description":
		return "the meta description"
	case strings.HasPrefix(prop, "og:") && !strings.HasSuffix(prop, ":url") && !strings.HasSuffix(prop, "image") && !strings.HasSuffix(prop, ":type"):
		return prop
	case strings.HasPrefix(name, "twitter:title"), strings.HasPrefix(name, "twitter:description"):
		return name
	case strings.HasPrefix(name, "og:"):
		return name
	}
	return ""
}

// placeholderExempt are containers whose text quotes rather than says:
// code, quotations, and client-side template sources.
func placeholderExempt(n *html.Node) bool {
	switch n.Data {
	case "blockquote", "q", "script", "style", "template", "noscript", "svg", "math", "head", "iframe", "object":
		return true
	}
	return leftoverCodeLike(n)
}

// A placeholderRun is text read from one element in one visibility state.
type placeholderRun struct {
	node  *html.Node
	text  string
	where string
	state dom.State
}

func placeholderTextPage(p *PagePass) error {
	if !cuesMay(p, cuePlaceholder) {
		return nil // no leftover can be in the text
	}
	root := p.Root()
	var runs []placeholderRun
	head := dom.Find(root, func(n *html.Node) bool { return n.Data == "head" })
	for _, n := range dom.Elements(head, func(n *html.Node) bool {
		return n.Data == "title" || n.Data == "meta"
	}) {
		if dom.Closest(n, func(a *html.Node) bool { return a.Data == "template" }) != nil {
			continue
		}
		switch n.Data {
		case "title":
			runs = append(runs, placeholderRun{node: n, text: dom.Text(n, dom.TextOptions{MaxState: dom.Hidden}), where: "the title"})
		case "meta":
			if label := placeholderMetaLabel(n); label != "" {
				runs = append(runs, placeholderRun{node: n, text: dom.FoldSpace(dom.AttrOr(n, "content")), where: label})
			}
		}
	}
	if body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" }); body != nil {
		c := placeholderCollector{}
		c.collect(body, body, dom.StateOf(body.Parent))
		c.flush()
		runs = append(runs, c.runs...)
		runs = append(runs, c.links...)
	}

	seen := map[string]bool{}
	var buf []byte
	for _, r := range runs {
		// Most runs hold no cue of any pattern (placeholderCues).
		buf = append(buf[:0], r.text...)
		if rawCuesPlaceholder.scan(buf, 0) == 0 {
			continue
		}
		lower := strings.ToLower(r.text)
		for _, pat := range placeholderPatterns {
			if r.state == dom.Hidden && !pat.strong || !placeholderHinted(lower, pat.hints) {
				continue
			}
			for _, loc := range pat.re.FindAllStringIndex(r.text, -1) {
				hit := strings.TrimSpace(r.text[loc[0]:loc[1]])
				key := strings.ToLower(hit)
				if seen[key] || (pat.check != nil && !pat.check(r.text, loc[0], loc[1], r.node)) {
					continue
				}
				seen[key] = true
				is := Issue{Node: r.node, Message: fmt.Sprintf("%s %q in %s", pat.kind, hit, r.where)}
				if r.state == dom.Hidden {
					is.Severity = Info
					is.Message = fmt.Sprintf("%s %q in an element hidden by %s", pat.kind, hit, dom.HiddenBy(r.node))
				}
				p.Report(is)
			}
		}
	}
	return nil
}

func placeholderHinted(lower string, hints []string) bool {
	for _, h := range hints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return false
}

// placeholderCollector gathers the text of a document into runs, one per
// block element (and per change of visibility), as a reader sees it.
type placeholderCollector struct {
	runs  []placeholderRun
	links []placeholderRun // mailto: and tel: targets, read after the text
	cur   placeholderRun
	buf   strings.Builder
	space bool
}

func (c *placeholderCollector) flush() {
	if s := strings.TrimSpace(c.buf.String()); s != "" && c.cur.node != nil {
		c.cur.text = s
		c.runs = append(c.runs, c.cur)
	}
	c.buf.Reset()
	c.space = false
}

func (c *placeholderCollector) write(s string) {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if placeholderSpace(b) {
				c.space = true
				i++
				continue
			}
			j := i + 1 // a stretch of ASCII without spaces, written at once
			for j < len(s) && s[j] < utf8.RuneSelf && !placeholderSpace(s[j]) {
				j++
			}
			c.word(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u00a0':
			c.space = true
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff':
		default:
			c.owe()
			c.buf.WriteRune(r)
		}
	}
}

func placeholderSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f'
}

// word writes text without spaces, after the space owed before it.
func (c *placeholderCollector) word(s string) {
	c.owe()
	c.buf.WriteString(s)
}

// owe writes the space owed before the next character.
func (c *placeholderCollector) owe() {
	if c.space && c.buf.Len() > 0 {
		c.buf.WriteByte(' ')
	}
	c.space = false
}

// start begins a new run owned by n in the given state.
func (c *placeholderCollector) start(n *html.Node, state dom.State) {
	c.flush()
	c.cur = placeholderRun{node: n, state: state, where: placeholderWhere(state)}
}

func placeholderWhere(state dom.State) string {
	if state == dom.ATOnly {
		return "screen-reader text"
	}
	return "visible content"
}

func (c *placeholderCollector) collect(n, owner *html.Node, inherited dom.State) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			if c.cur.node == nil {
				c.cur = placeholderRun{node: owner, state: inherited, where: placeholderWhere(inherited)}
			}
			c.write(ch.Data)
		case html.ElementNode:
			if placeholderExempt(ch) {
				if dom.IsBlock(ch) {
					c.space = true
				}
				continue
			}
			state := max(inherited, dom.OwnState(ch))
			if ch.Data == "a" && state < dom.Hidden {
				href := strings.TrimSpace(dom.AttrOr(ch, "href"))
				if scheme, rest, ok := strings.Cut(href, ":"); ok && (strings.EqualFold(scheme, "mailto") || strings.EqualFold(scheme, "tel")) {
					rest, _, _ = strings.Cut(rest, "?")
					c.links = append(c.links, placeholderRun{node: ch, text: rest, where: "a " + strings.ToLower(scheme) + ": link", state: state})
				}
			}
			if ch.Data == "img" || (ch.Data == "input" && strings.EqualFold(dom.AttrOr(ch, "type"), "image")) {
				if alt := dom.FoldSpace(dom.AttrOr(ch, "alt")); alt != "" && state < dom.Hidden {
					c.runs = append(c.runs, placeholderRun{node: ch, text: alt, where: "image alt text", state: state})
				}
				continue
			}
			if dom.IsBlock(ch) || state != inherited {
				c.start(ch, state)
				c.collect(ch, ch, state)
				c.flush()
				// Text after the block belongs to the enclosing element again.
				c.cur = placeholderRun{node: owner, state: inherited, where: placeholderWhere(inherited)}
				continue
			}
			c.collect(ch, owner, state)
		}
	}
}

// placeholderFiller: "Lorem ipsum dolor sit amet" is filler wherever it is;
// the bare words "lorem ipsum" are filler only when they open a short text
// (a heading or button left as "Lorem Ipsum"), since an article about filler
// text names it in its title and prose.
func placeholderFiller(text string, start, end int, _ *html.Node) bool {
	if strings.Contains(strings.ToLower(text[start:end]), "dolor") {
		return true
	}
	return start == 0 && len(strings.Fields(text)) <= 5
}

// placeholderIsTitle: "Hello world!" is WordPress's first post only as a
// heading or the page title.
func placeholderIsTitle(_ string, _, _ int, n *html.Node) bool {
	switch n.Data {
	case "title", "h1", "h2", "h3":
		return true
	case "meta":
		return strings.HasSuffix(placeholderMetaLabel(n), ":title")
	}
	return dom.Closest(n, func(a *html.Node) bool { return a.Data == "h1" || a.Data == "h2" || a.Data == "h3" }) != nil
}

// placeholderNotClientTemplate: {{ }} and ${ } are the syntax of client-side
// frameworks (Vue, Angular, Alpine, Knockout) that render in the browser; text
// inside an element that carries their attributes is their template.
func placeholderNotClientTemplate(_ string, _, _ int, n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		for _, at := range a.Attr {
			k := at.Key
			if strings.HasPrefix(k, "v-") || strings.HasPrefix(k, "ng-") || strings.HasPrefix(k, "data-ng-") ||
				strings.HasPrefix(k, "x-") || strings.HasPrefix(k, ":") || strings.HasPrefix(k, "@") ||
				k == "data-bind" || k == "data-v-app" {
				return false
			}
		}
	}
	return true
}

// placeholderStandaloneNote: TODO and FIXME count when written as an
// editing note: followed by a colon or "!", alone, opening the text ("TODO
// add prices") or closing it ("Opening hours: TODO"). A name or path (the TODO
// list, TODO.txt, TODO-list, FIXME_LATER) is not a note; the regexp already
// requires capitals.
func placeholderStandaloneNote(text string, start, end int, _ *html.Node) bool {
	if start > 0 {
		switch text[start-1] {
		case '.', '/', '-', '_', '$', '@', '#', '\\', '<':
			return false
		}
	}
	rest := strings.TrimSpace(text[end:])
	if rest != "" {
		switch rest[0] {
		case '-', '_', '/', '\\', '(', '>', '.':
			if !strings.HasPrefix(rest, ". ") && rest != "." {
				return false
			}
		}
	}
	switch {
	case strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "!"):
		return true
	case strings.Trim(rest, ".)]") == "":
		return true // closes the text
	case strings.TrimSpace(strings.TrimLeft(text[:start], "([")) == "":
		return true // opens the text
	}
	return false
}

// placeholderNotInTable: "TBD" alone in a table cell or a list is a real
// value (a date not yet set); alone as a paragraph or heading it stands in
// for the copy.
func placeholderNotInTable(_ string, _, _ int, n *html.Node) bool {
	return dom.Closest(n, func(a *html.Node) bool {
		switch a.Data {
		case "table", "dl", "li":
			return true
		}
		return false
	}) == nil
}

// placeholderNotFormLabel: "Your Name" labels a form field legitimately.
func placeholderNotFormLabel(_ string, _, _ int, n *html.Node) bool {
	return dom.Closest(n, func(a *html.Node) bool {
		switch a.Data {
		case "form", "label", "button", "select", "option", "fieldset", "legend":
			return true
		}
		return false
	}) == nil
}

// placeholderInContact: example addresses are normal in technical writing;
// they are leftovers in a contact block.
func placeholderInContact(_ string, _, _ int, n *html.Node) bool {
	return dom.Closest(n, func(a *html.Node) bool {
		if a.Data == "address" {
			return true
		}
		if a.Data == "a" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(dom.AttrOr(a, "href"))), "mailto:") {
			return true
		}
		id := strings.ToLower(dom.AttrOr(a, "id") + " " + dom.AttrOr(a, "class"))
		return strings.Contains(id, "contact") || strings.Contains(id, "vcard")
	}) != nil
}
