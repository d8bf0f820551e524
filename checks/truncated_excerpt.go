package checks

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// TruncatedExcerpt flags excerpts and descriptions that were cut badly
// (issue 2, rules-research §2).
var TruncatedExcerpt = &Check{
	ID:       "truncated-excerpt",
	Severity: Warning,
	Summary:  "an excerpt, summary or description is cut mid-word, mid-sentence or has lost its first letters",
	Doc: `Flags text that summarizes a page and was cut badly: the excerpt on a blog card, teaser or
related-post block, and the meta description, og:description and twitter:description of a page.
An excerpt is compared with the start of the article it links to (or a description with its own
page), so the rule can tell that it has lost its first letters (a drop-cap shortcode stripped
before trimming turns "Trusting your intuition" into "rusting your intuition"), or that it stops
inside a word ("a delicate da…"). It also reports text ending in a broken character reference
("&hellip" without its semicolon, U+FFFD), and text cut mid-sentence and closed with "…" or
"...": a warning for descriptions, which search and social cards show as they are, and info for
teaser cards, whose link leads to the full text. WordPress's own " […]" after a whole word,
hand-written excerpts that paraphrase the post, and CSS line clamping (the full text is in the
HTML) are not reported.

Bad:  <p>rusting your intuition while balancing the need for evidence is a delicate da...</p>
Good: <p>Trusting your intuition while balancing the need for evidence is a delicate dance. […]</p>

Fix it with a manual excerpt or description, or make the theme build excerpts from the rendered
text (apply the_content or do_shortcode before trimming) and cut at a word or sentence boundary.`,
	Help: "Write a manual excerpt or description, or have the theme trim rendered text at a word or sentence boundary so drop caps keep their letter.",
	Page: truncatedExcerptPage,
	Site: truncatedExcerptSite,
	Options: []Option{{
		Name: "extra-selectors", Default: []string{},
		Doc: `CSS selectors of a theme's excerpt elements on cards and teasers, besides the usual classes, e.g. [".news-tile__summary"]`,
	}},
}

// descriptionMetas are the metadata that describe a page, by the name or
// property that marks them, with how messages call them.
var descriptionMetas = map[string]string{
	"description":         "meta description",
	"og:description":      "og:description",
	"twitter:description": "twitter:description",
}

// minDescriptionWords: shorter descriptions are labels, not cut prose.
const minDescriptionWords = 3

func truncatedExcerptPage(p *PagePass) error {
	// The lead is recorded even when the option is bad: pages elsewhere
	// compare their excerpts with it.
	extra, err := excerptSelectors(p)
	scan := scanExcerpts(p.Root(), extra)
	lead, dropCap := leadOf(p, scan.hooks)
	p.Summary.Lead, p.Summary.LeadDropCap = lead, dropCap
	if err != nil {
		return err
	}
	p.Summary.Excerpts = append(p.Summary.Excerpts, cardExcerpts(p, scan.cands)...)

	// Descriptions describe the page itself, so they are judged here, against
	// its own text. The same text in several tags is one finding, on the first.
	type desc struct {
		node   *html.Node
		text   string
		labels []string
	}
	var descs []*desc
	byText := map[string]*desc{}
	for _, n := range scan.metas {
		label := descriptionMetas[strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "name")))]
		if label == "" {
			label = descriptionMetas[strings.ToLower(strings.TrimSpace(dom.AttrOr(n, "property")))]
		}
		text := dom.FoldSpace(dom.AttrOr(n, "content"))
		if label == "" || len(strings.Fields(text)) < minDescriptionWords {
			continue
		}
		if d, ok := byText[text]; ok {
			if !slices.Contains(d.labels, label) {
				d.labels = append(d.labels, label)
			}
			continue
		}
		d := &desc{node: n, text: text, labels: []string{label}}
		byText[text] = d
		descs = append(descs, d)
	}
	if len(descs) == 0 {
		return nil
	}
	own := words(lead)
	for _, d := range descs {
		v := judgeExcerpt(d.text, own, false, true, "page")
		if len(v.clauses) == 0 {
			continue
		}
		msg := d.labels[0] + " " + strings.Join(v.clauses, " and ")
		if len(d.labels) > 1 {
			msg += " (same text in " + strings.Join(d.labels[1:], " and ") + ")"
		}
		p.Report(Issue{Node: d.node, Message: msg, Severity: v.sev})
	}
	return nil
}

// truncatedExcerptSite judges every card excerpt against the article it
// links to, or by its own text when that article was not read.
func truncatedExcerptSite(s *SitePass) error {
	leads := map[*page.Summary][]word{}
	for _, sum := range s.Site.Summaries() {
		for _, ex := range sum.Excerpts {
			var art []word
			dropCap := false
			if a, ok := s.Site.Page(ex.Target); ok && a != sum && a.Status < 400 {
				if _, done := leads[a]; !done {
					leads[a] = words(a.Lead)
				}
				art, dropCap = leads[a], a.LeadDropCap
			}
			v := judgeExcerpt(ex.Text, art, dropCap, false, "article")
			if len(v.clauses) == 0 {
				continue
			}
			subject := "excerpt of " + s.Site.DisplayURL(ex.Target)
			if ex.Title != "" {
				subject = fmt.Sprintf("excerpt for %q", ex.Title)
			}
			s.Report(sum, Issue{
				Line:     ex.Line,
				Evidence: ex.Evidence,
				Target:   ex.Target,
				Severity: v.sev,
				Message:  subject + " " + strings.Join(v.clauses, " and "),
			})
		}
	}
	return nil
}

// A verdict is what is wrong with one excerpt: clauses of one message, and
// the severity of the worst.
type verdict struct {
	sev     Severity
	clauses []string
}

func (v *verdict) add(sev Severity, format string, args ...any) {
	v.sev = max(v.sev, sev)
	v.clauses = append(v.clauses, fmt.Sprintf(format, args...))
}

// roundCuts are the character counts that themes and plugins cut text at;
// a glued ellipsis at one of them is a cut inside a word (rules-research §2 step 4).
var roundCuts = map[int]bool{100: true, 150: true, 155: true, 160: true}

// judgeExcerpt looks at one excerpt or description. art is the text it
// summarizes, as words (nil when unknown); artDropCap says that text opens
// with a drop cap; meta marks a description, whose mid-sentence cut is a
// warning rather than info; artName names the summarized text in messages.
func judgeExcerpt(text string, art []word, artDropCap, meta bool, artName string) verdict {
	var v verdict
	c := splitMarkers(text)
	switch {
	case c.broken == "\uFFFD":
		v.add(Warning, "ends in a broken character: %q", tailQuote(text))
	case c.broken != "":
		v.add(Warning, "ends in a broken character reference %q: %q", c.broken, tailQuote(text))
	}
	ws := words(c.core)
	if len(ws) == 0 {
		return v
	}

	var al alignment
	aligned := false
	if art != nil && !c.leading {
		al, aligned = alignWords(ws, art)
	}
	lostAt := -1
	switch {
	case aligned && al.lost != "":
		lostAt = al.start
	case !aligned && artDropCap && !c.leading:
		lostAt = dropCapMatch(ws, art)
	}
	if lostAt >= 0 {
		whole := strings.TrimPrefix(artQuote(art, lostAt, lostAt+quoteWords-1), "…")
		v.add(Warning, "has lost its first letter(s): %q (%s: %q)", headQuote(c.core), artName, whole)
	}

	// Chinese, Japanese, Thai: cuts inside words and sentences are how
	// excerpts are made there; only lost letters and broken characters count.
	if noSpaceScript(c.core) {
		return v
	}
	endKnown := aligned && al.end >= 0
	midWord := false
	switch {
	case endKnown && al.midWord:
		midWord = true
		v.add(Warning, "is cut mid-word: %q (%s: %q)", tailQuote(text), artName, artQuote(art, al.end-2, al.end))
	case !endKnown && c.ellipsis && c.glued && latinWord(ws[len(ws)-1].raw) && roundCut(c) > 0:
		midWord = true
		v.add(Info, "looks cut mid-word at %d characters: %q", roundCut(c), tailQuote(text))
	}
	// A broken reference before the ellipsis is the cut already reported.
	if c.ellipsis && !midWord && c.broken == "" && len(ws) >= minDescriptionWords && !sentenceFinal(c.core) &&
		!(endKnown && sentenceFinal(art[al.end].raw)) {
		sev := Info // a teaser card links to the full text
		if meta {
			sev = Warning // search and social cards show it as it is
		}
		if endKnown {
			v.add(sev, "ends mid-sentence with an ellipsis: %q (%s: %q)", tailQuote(text), artName, artQuote(art, al.end-2, al.end+3))
		} else {
			v.add(sev, "ends mid-sentence with an ellipsis: %q", tailQuote(text))
		}
	}
	return v
}

// roundCut returns the round number of characters the excerpt is long,
// with or without its ellipsis, or 0.
func roundCut(c cutText) int {
	n := utf8.RuneCountInString(c.core)
	switch {
	case roundCuts[n]:
		return n
	case roundCuts[n+c.markerLen]:
		return n + c.markerLen
	}
	return 0
}

// dropCapMatch handles an article that opens with a drop cap but whose
// text does not align with the excerpt word for word: the excerpt must start
// lowercase and its first two words must be an article word without its
// first letter or two, and the word after it. It returns that article word, or -1.
func dropCapMatch(ex, art []word) int {
	if len(ex) < 2 {
		return -1
	}
	if !startsLower(ex[0].raw) {
		return -1
	}
	for k := 0; k+1 < len(art) && k < 60; k++ {
		if p, ok := lostPrefix(ex[0].norm, art[k].norm); ok && utf8.RuneCountInString(p) <= 2 && art[k+1].norm == ex[1].norm {
			return k
		}
	}
	return -1
}
