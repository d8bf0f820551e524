package checks

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// GenericLinkText flags links whose accessible name says nothing about where
// they lead (issue 4, rules-research §5.6).
var GenericLinkText = &Check{
	ID:       "generic-link-text",
	Severity: Warning,
	Summary:  "links whose accessible name is generic, such as \"read more\" or \"click here\"",
	Doc: `Flags links whose accessible name does not say where they lead: Lighthouse's list
("click here", "here", "learn more", "more", "read more", "see more", "this", …, with its
Japanese, Spanish, Portuguese, Korean, Swedish and German entries) plus "continue reading",
"click to learn more", "view more" and "details". The name is computed as a screen reader does:
aria-labelledby, then aria-label, then the link's content including image alt text and
screen-reader-only text, then title. Case, spacing and trailing arrows or ellipses ("READ MORE »",
"Continue reading →") do not matter. All such links of a page make one finding, with the count and
the first examples, on the line of the first. A link whose only text is a bare URL is reported
separately as info. Links with rel=nofollow, javascript: and mailto: links and same-page anchors are
out of scope, as in Lighthouse.

Screen-reader users often browse a page by its list of links, where ten "Read more" entries are
indistinguishable, and search engines read link text as a description of the target page.

Bad:  <a href="/blog/quiet-repair/">READ MORE</a>
Good: <a href="/blog/quiet-repair/">Read more<span class="screen-reader-text"> about the quiet work of repair</span></a>
Good: <a href="/blog/quiet-repair/">Read about the quiet work of repair</a>`,
	Help: "Name the destination in the link text, or add screen-reader text or an aria-label that starts with the visible words and says where the link goes.",
	Options: []Option{{
		Name:    "extra-phrases",
		Default: []string{},
		Doc:     "more link texts to treat as generic (compared lowercase, after trimming trailing arrows and punctuation)",
	}, {
		Name:    "bare-urls",
		Default: true,
		Doc:     "also report links whose text is a bare URL (as info); documentation sites that print URLs on purpose may turn it off",
	}},
	Page: genericLinkTextPage,
}

// genericLinkPhrases are Lighthouse's link-text blocklist by language, plus a
// few equally empty English phrases that themes print under cards.
var genericLinkPhrases = map[string][]string{
	"en": {"click here", "click this", "go", "here", "information", "learn more", "more",
		"more info", "more information", "right here", "read more", "see more", "start", "this",
		"continue reading", "click to learn more", "view more", "details"},
	"ja": {"ここをクリック", "こちらをクリック", "リンク", "続きを読む", "続く", "全文表示"},
	"es": {"click aquí", "click aqui", "clicka aquí", "clicka aqui", "pincha aquí", "pincha aqui",
		"aquí", "aqui", "más", "mas", "más información", "más informacion", "mas información",
		"mas informacion", "este", "enlace", "este enlace", "empezar", "leer más", "leer mas"},
	"pt": {"clique aqui", "ir", "mais informação", "mais informações", "mais", "veja mais", "leia mais", "saiba mais"},
	"ko": {"여기", "여기를 클릭", "클릭", "링크", "자세히", "자세히 보기", "계속", "이동", "전체 보기"},
	"sv": {"här", "klicka här", "läs mer", "mer", "mer info", "mer information"},
	"de": {"klicke hier", "hier klicken", "hier", "mehr", "weiterlesen", "link", "diese seite",
		"dieser link", "mehr erfahren", "mehr lesen"},
}

// genericLinkAll holds every phrase, for links whose language is unknown.
var genericLinkAll = func() map[string]bool {
	all := map[string]bool{}
	for _, list := range genericLinkPhrases {
		for _, p := range list {
			all[p] = true
		}
	}
	return all
}()

// genericLinkByLang holds English plus one language's phrases.
var genericLinkByLang = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for lang, list := range genericLinkPhrases {
		set := map[string]bool{}
		for _, p := range genericLinkPhrases["en"] {
			set[p] = true
		}
		for _, p := range list {
			set[p] = true
		}
		out[lang] = set
	}
	return out
}()

// genericLinkBareURL matches a name that is only a web address.
var genericLinkBareURL = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)

// genericLinkMayBeURL is true for the names genericLinkBareURL may match:
// they start with "http" or "www.".
func genericLinkMayBeURL(name string) bool {
	return strings.HasPrefix(name, "http") || strings.HasPrefix(name, "www.")
}

// genericLinkExamples is how many distinct texts a message quotes.
const genericLinkExamples = 3

type genericLinkTally struct {
	first *html.Node
	count int
	texts []string       // distinct display texts, in order of first use
	times map[string]int // display text -> links
}

func (t *genericLinkTally) add(n *html.Node, text string) {
	if t.first == nil {
		t.first = n
		t.times = map[string]int{}
	}
	t.count++
	if t.times[text] == 0 {
		t.texts = append(t.texts, text)
	}
	t.times[text]++
}

func (t *genericLinkTally) examples() string {
	var parts []string
	for i, s := range t.texts {
		if i == genericLinkExamples {
			parts = append(parts, fmt.Sprintf("and %d more", len(t.texts)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%q ×%d", s, t.times[s]))
	}
	return strings.Join(parts, ", ")
}

func genericLinkTextPage(p *PagePass) error {
	extra := map[string]bool{}
	for _, s := range p.StringsOption("extra-phrases") {
		if s = genericLinkNormalize(s); s != "" {
			extra[s] = true
		}
	}
	root := p.Root()
	var anchors []*html.Node
	labelled := false
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "template", "script", "style", "noscript":
			return false
		case "a":
			if _, ok := dom.Attr(n, "href"); ok {
				anchors = append(anchors, n)
				if _, ok := dom.Attr(n, "aria-labelledby"); ok {
					labelled = true
				}
			}
		}
		return true
	})
	// Ids are only needed to resolve aria-labelledby, which few pages use.
	var ids map[string]*html.Node
	if labelled {
		ids = map[string]*html.Node{}
		dom.Walk(root, func(n *html.Node) bool {
			if id := dom.AttrOr(n, "id"); id != "" && n.Type == html.ElementNode {
				if _, seen := ids[id]; !seen {
					ids[id] = n
				}
			}
			return true
		})
	}
	pageLang := genericLinkLang(root)
	bareURLs := p.BoolOption("bare-urls")
	var generic, bare genericLinkTally
	for _, a := range anchors {
		// The name is cheap and rarely generic, so it is judged first; the
		// scope checks (visibility, same-page targets) run only on suspects.
		name := genericLinkName(a, ids)
		norm := genericLinkNormalize(name)
		if norm == "" {
			continue
		}
		// Every language's phrases are in genericLinkAll: the link's language
		// is looked up only for a phrase of some language.
		isGeneric := genericLinkAll[norm] && genericLinkIsGeneric(norm, genericLinkLangOf(a, pageLang)) || extra[norm]
		isBare := !isGeneric && bareURLs && genericLinkMayBeURL(name) && genericLinkBareURL.MatchString(name)
		if !isGeneric && !isBare || !genericLinkInScope(p, a) || genericLinkIsCode(a) || genericLinkNamesSection(a, norm) {
			continue
		}
		if isGeneric {
			generic.add(a, name)
		} else {
			bare.add(a, name)
		}
	}
	if generic.count > 0 {
		p.Report(Issue{Node: generic.first, Message: fmt.Sprintf("%d %s generic text (%s); a link's text should name its destination",
			generic.count, genericLinkPlural(generic.count, "link uses", "links use"), generic.examples())})
	}
	if bare.count > 0 {
		p.Report(Issue{Node: bare.first, Severity: Info, Message: fmt.Sprintf("%d %s a bare URL as text (%s)",
			bare.count, genericLinkPlural(bare.count, "link has", "links have"), bare.examples())})
	}
	return nil
}

func genericLinkPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// genericLinkInScope mirrors Lighthouse: hidden links, nofollow links,
// javascript: and mailto: links and same-page anchors are not judged.
func genericLinkInScope(p *PagePass, a *html.Node) bool {
	if dom.StateOf(a) == dom.Hidden || dom.HasToken(a, "rel", "nofollow") {
		return false
	}
	href := strings.TrimSpace(dom.AttrOr(a, "href"))
	lower := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "mailto:") {
		return false
	}
	if u, err := p.Page.URL.Parse(href); err == nil && u.Fragment != "" {
		here := *p.Page.URL
		here.Fragment, here.RawFragment = "", ""
		there := *u
		there.Fragment, there.RawFragment = "", ""
		if there.String() == here.String() {
			return false
		}
	}
	return true
}

// genericLinkIsCode: a link inside code, or whose text is all code, names
// an API ("start()", "--details"), not a destination.
func genericLinkIsCode(a *html.Node) bool {
	if dom.Closest(a, leftoverCodeLike) != nil {
		return true
	}
	var prose strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				prose.WriteString(c.Data)
			case c.Type == html.ElementNode && !leftoverCodeLike(c):
				visit(c)
			}
		}
	}
	visit(a)
	return strings.TrimSpace(prose.String()) == "" && dom.Find(a, leftoverCodeLike) != nil
}

// genericLinkNamesSection: a table-of-contents entry whose text is the
// title of the section it points to ("Details" -> page.html#details) names
// that section, however plain the word.
func genericLinkNamesSection(a *html.Node, norm string) bool {
	_, frag, ok := strings.Cut(dom.AttrOr(a, "href"), "#")
	if !ok || frag == "" {
		return false
	}
	slug := strings.Trim(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '-'
	}, norm), "-")
	return strings.EqualFold(frag, slug)
}

// genericLinkName computes the accessible name of a link in the order of
// accname: aria-labelledby, aria-label, content, title.
func genericLinkName(a *html.Node, ids map[string]*html.Node) string {
	if refs := strings.Fields(dom.AttrOr(a, "aria-labelledby")); len(refs) > 0 {
		var parts []string
		for _, id := range refs {
			if n := ids[id]; n != nil {
				if s := dom.Text(n, dom.TextOptions{MaxState: dom.Hidden}); s != "" {
					parts = append(parts, s)
				}
			}
		}
		if s := dom.FoldSpace(strings.Join(parts, " ")); s != "" {
			return s
		}
	}
	if s := dom.FoldSpace(dom.AttrOr(a, "aria-label")); s != "" {
		return s
	}
	var b strings.Builder
	genericLinkContent(&b, a, true)
	if s := dom.FoldSpace(b.String()); s != "" {
		return s
	}
	return dom.FoldSpace(dom.AttrOr(a, "title"))
}

// genericLinkContent appends the name a link's content gives: text (screen
// reader only text included, hidden text left out), image alt text and the
// aria-label of nested elements.
func genericLinkContent(b *strings.Builder, n *html.Node, top bool) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if !top {
		if dom.OwnState(n) == dom.Hidden || genericLinkSkip[n.Data] {
			return
		}
		if label := strings.TrimSpace(dom.AttrOr(n, "aria-label")); label != "" {
			b.WriteString(" " + label + " ")
			return
		}
	}
	switch n.Data {
	case "img", "area":
		b.WriteString(" " + dom.AttrOr(n, "alt") + " ")
		return
	case "svg":
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if dom.IsElement(c, "title") {
				b.WriteString(" " + dom.Text(c, dom.TextOptions{MaxState: dom.Hidden}) + " ")
			}
		}
		return
	case "input":
		if strings.EqualFold(dom.AttrOr(n, "type"), "image") {
			b.WriteString(" " + dom.AttrOr(n, "alt") + " ")
		}
		return
	}
	block := dom.IsBlock(n)
	if block {
		b.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		genericLinkContent(b, c, false)
	}
	if block {
		b.WriteByte(' ')
	}
}

// genericLinkSkip lists elements whose text is never part of a name.
var genericLinkSkip = map[string]bool{"script": true, "style": true, "template": true, "noscript": true}

// genericLinkNormalize lowercases a name, folds its spaces and strips the
// arrows, ellipses and punctuation themes put around "read more" ("READ MORE
// »", "Continue reading →", "[more]"). Parentheses and dashes that belong to
// the text ("start()", "--details") stay, so code names never match.
func genericLinkNormalize(s string) string {
	s = strings.ToLower(dom.FoldSpace(s))
	for {
		before := s
		s = strings.TrimRightFunc(s, genericLinkTrailing)
		s = strings.TrimLeftFunc(s, genericLinkLeading)
		for _, pair := range genericLinkPairs {
			open, close := pair[0], pair[1]
			if strings.HasPrefix(s, open) && strings.HasSuffix(s, close) && len(s) > len(open)+len(close) {
				s = s[len(open) : len(s)-len(close)]
			}
		}
		if s == before {
			return dom.FoldSpace(s)
		}
	}
}

// genericLinkPairs are the brackets and quotes taken off around a name.
var genericLinkPairs = [][2]string{{"(", ")"}, {"[", "]"}, {"{", "}"}, {"<", ">"}, {"«", "»"}, {`"`, `"`}, {"“", "”"}}

func genericLinkTrailing(r rune) bool {
	switch r {
	case '»', '›', '>', '…', ':', '.', '!', '?', ',', ';', '-', '–', '—', '|', '·', '•', '\'', '"', '’', '”', '*':
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.So) || (unicode.In(r, unicode.Sm) && r != '+' && r != '=')
}

func genericLinkLeading(r rune) bool {
	switch r {
	case '«', '‹', '<', '|', '·', '•', '\'', '"', '‘', '“', '*':
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.So) || (unicode.In(r, unicode.Sm) && r != '+' && r != '-' && r != '=')
}

func genericLinkIsGeneric(norm, lang string) bool {
	if set, ok := genericLinkByLang[lang]; ok {
		return set[norm]
	}
	return genericLinkAll[norm]
}

// genericLinkLang is the primary language subtag of the page.
func genericLinkLang(root *html.Node) string {
	if h := dom.Find(root, func(n *html.Node) bool { return n.Data == "html" }); h != nil {
		return genericLinkPrimary(dom.AttrOr(h, "lang"))
	}
	return ""
}

// genericLinkLangOf is the language of a link: its nearest lang attribute
// below <html>, else the page's.
func genericLinkLangOf(a *html.Node, pageLang string) string {
	for n := a; n != nil && !dom.IsElement(n, "html"); n = n.Parent {
		if l, ok := dom.Attr(n, "lang"); ok {
			return genericLinkPrimary(l)
		}
	}
	return pageLang
}

func genericLinkPrimary(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
