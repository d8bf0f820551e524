package checks

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"github.com/pagelint/pagelint/page"
	"golang.org/x/net/html"
)

// Soft404 reports links to pages that answer 200 but say they are not found.
var Soft404 = &Check{
	ID:       "soft-404",
	Severity: Warning,
	Summary:  "a link to a page that answers 200 but says it is not found (a soft 404)",
	Help:     "Link to the page that replaced it, or make the server answer 404 or 410 for missing pages.",
	Doc: `Flags links whose target answers 200 OK but is an error page: its title or h1 says "not found"
("Page not found", "404", "Nothing found", "Seite nicht gefunden", "Page introuvable", …) and a
second signal agrees: the page asks not to be indexed (noindex), or its main text is almost empty
(under 250 characters). Two signals are required so that an article about 404 pages is never
flagged. The finding is on each page that links to the soft 404, with the target. It covers the
site's own pages, and pages of other sites that were checked (crawl, or check --check-external).

Why: a link checker that trusts the status calls these links fine, but readers land on an error
page; search engines treat soft 404s as low-quality pages and may drop them.

Fix: point the link at the page that replaced the missing one, or remove it; configure the server
or CMS to answer 404 (or 410) for missing pages instead of 200.

  bad:  GET /pricing-2021/ -> 200, <title>Page not found</title>, <meta name="robots" content="noindex">
  good: GET /pricing-2021/ -> 404, or the link points at /pricing/`,
	Page: soft404Facts,
	Site: soft404,
}

// notFoundTitle matches titles and headings of error pages, in the main
// languages of the web.
var notFoundTitle = regexp.MustCompile(`(?i)(\bnot found\b|^\s*404\b|\b404\s*(error|-|–|—|:|\|)|\berror\s*404\b|\bpage (does not|doesn't|doesn’t|did not|didn't) (seem to )?exist|\b(page|content) (could not|couldn't|couldn’t|cannot|can't|can’t) be found|\bnothing (was )?found\b|\bpage not available\b|` +
	`seite nicht gefunden|nicht gefunden|page introuvable|page non trouvée|página no encontrada|no se encontró la página|pagina non trovata|pagina niet gevonden|página não encontrada|strony nie znaleziono)`)

// soft404TitleWords are words of which every match of notFoundTitle holds
// one: a title with none is not run through the regexp.
var soft404TitleWords = rawCueWords([]string{"found", "404", "exist", "available", "gefunden", "introuvable", "trouv",
	"encontr", "trovata", "gevonden", "znaleziono"})

// soft404Title reports whether notFoundTitle matches s. The regexp also
// reads the long s (ſ) as s, which the word table does not.
func soft404Title(s string) bool {
	if !hasWord(soft404TitleWords, s) && !strings.Contains(s, "ſ") {
		return false
	}
	return notFoundTitle.MatchString(s)
}

// soft404MaxText is the main-text length under which an error title is believed.
const soft404MaxText = 250

// soft404Facts records the signals of a soft 404 on the page's summary, for
// pages whose title or first h1 looks like an error page.
func soft404Facts(p *PagePass) error {
	root := p.Root()
	if h1 := soft404FirstH1(p); h1 != nil {
		p.Summary.H1 = dom.FoldSpace(dom.Text(h1, dom.TextOptions{MaxState: dom.Hidden, Limit: 300}))
	}
	if !soft404Title(p.Summary.Title) && !soft404Title(p.Summary.H1) {
		return nil
	}
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "meta" && robotsNoindex(n) {
			p.Summary.NoIndex = true
		}
		return true
	})
	p.Summary.TextLen = utf8.RuneCountInString(dom.Text(p.Main(), dom.TextOptions{MaxState: dom.Collapsed, Limit: 4 * soft404MaxText}))
	return nil
}

// soft404FirstH1 returns the first h1 of the page: the first one the page
// SEO rules' walk found, unless that walk left a template or an SVG
// drawing unread, which may hold an earlier one.
func soft404FirstH1(p *PagePass) *html.Node {
	h := seoHeadOf(p)
	if h.pruned {
		return dom.Find(p.Root(), func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "h1" && n.Namespace == "" })
	}
	for _, n := range h.h1s {
		if n.Data == "h1" {
			return n
		}
	}
	return nil
}

func robotsNoindex(n *html.Node) bool {
	name := strings.ToLower(dom.AttrOr(n, "name"))
	if name != "robots" && name != "googlebot" {
		return false
	}
	for _, tok := range strings.FieldsFunc(strings.ToLower(dom.AttrOr(n, "content")), func(r rune) bool { return r == ',' || r == ' ' }) {
		if tok == "noindex" || tok == "none" {
			return true
		}
	}
	return false
}

// soft404Signals returns what makes a page a soft 404 ("title \"Page not
// found\", noindex"), or "" when it is not one.
func soft404Signals(title, h1 string, noindex bool, textLen int) string {
	var said string
	switch {
	case soft404Title(title):
		said = fmt.Sprintf("title %q", title)
	case soft404Title(h1):
		said = fmt.Sprintf("heading %q", h1)
	default:
		return ""
	}
	var second []string
	if noindex {
		second = append(second, "noindex")
	}
	if textLen < soft404MaxText {
		second = append(second, fmt.Sprintf("%d characters of text", textLen))
	}
	if len(second) == 0 {
		return ""
	}
	return said + ", " + strings.Join(second, ", ")
}

func soft404(s *SitePass) error {
	judged := map[string]string{} // target -> signals: each target is judged once
	for _, sum := range s.Site.Summaries() {
		seen := map[string]bool{}
		for _, l := range sum.Links {
			if !l.Fetch || l.Target == "" || seen[l.Target] || l.Target == sum.URL {
				continue
			}
			signals, ok := judged[l.Target]
			if !ok {
				signals = targetSoft404(s.Site, l.Target)
				judged[l.Target] = signals
			}
			if signals == "" {
				continue
			}
			seen[l.Target] = true
			what := "link"
			if !l.Follow {
				what = l.Tag + " " + l.Attr
			}
			s.Report(sum, Issue{
				Line: l.Line, Evidence: l.Evidence, Target: l.Target,
				Message: fmt.Sprintf("%s to %s looks like a soft 404: it answers 200 but the page says not found (%s)", what, shortTarget(s.Site, l.Target), signals),
			})
		}
	}
	return nil
}

// targetSoft404 returns the soft-404 signals of a target that answered 2xx:
// a page of the site that was read, else an HTML target whose body was read.
func targetSoft404(site *page.Site, target string) string {
	if p, read := site.Page(target); read {
		if p.Status != 0 && (p.Status < 200 || p.Status > 299) {
			return ""
		}
		if f, ok := site.Fetch(target); ok && !f.OK() {
			return ""
		}
		return soft404Signals(p.Title, p.H1, p.NoIndex, p.TextLen)
	}
	f, ok := site.Fetch(target)
	if !ok || !f.OK() || f.Target == nil {
		return ""
	}
	return soft404Signals(f.Target.Title, f.Target.H1, f.Target.NoIndex, f.Target.TextLen)
}
