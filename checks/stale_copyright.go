package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// StaleCopyright flags a site copyright notice whose end year is behind
// the current year (rules-research §5.2).
var StaleCopyright = &Check{
	ID:       "stale-copyright",
	Severity: Warning,
	Summary:  "the site's copyright notice ends in a past year",
	Doc: `Flags the site's own copyright notice in the footer ("© 2011 - 2023 Clinic Name",
"Copyright 2021") when its end year is behind the current year: info when it is last year
(fine in the first weeks of January), warning when it is two or more years behind. A stale
year tells visitors, and anyone judging whether the business is still active, that nobody
has touched the site in years. Only the first notice in the footer counts; map credits
("© 2019 Google", "© OpenStreetMap contributors"), photo credits in figure captions and other
third-party notices are not the site's, and "present" or a current or future year is fine. A
page whose own "Last updated" date (or dateModified) is no later than the notice's year was
built then, and is left alone: the notice was right when the page was last published. So is
a single year in the footer of generated documentation (Sphinx, MkDocs, Docusaurus, …), which
states the project's first year.

Bad:  <footer><p>© 2011 - 2023 Clinic Name</p></footer>   (checked in 2026)
Good: <footer><p>© 2011–2026 Clinic Name</p></footer>, with the year rendered at build or request time`,
	Help: "Render the copyright year from the build or server date, or drop the end year.",
	Page: staleCopyright,
}

var (
	// staleCopyrightRe finds a copyright notice and its years: group 1 the
	// first year, group 2 the range end (a year or "present").
	staleCopyrightRe = regexp.MustCompile(`(?i)(?:(?:©|\(c\)|\bcopyright\b|\bcopr\.)[\s:]*)+(\d{4})(?:\s*(?:[-–—‒]|\bto\b|\bbis\b)\s*(\d{4}\b|present\b|now\b|today\b|heute\b|aujourd'hui\b|hoy\b|presente\b|oggi\b|heden\b|nu\b))?`)
	// staleCopyrightThirdPartyRe names the usual third-party notices in
	// footers: map tiles, stock photos, fonts, themes.
	staleCopyrightThirdPartyRe = regexp.MustCompile(`(?i)\b(?:google|openstreetmap|osm\b|mapbox|maptiler|here\b|tomtom|microsoft|bing|apple|esri|maxar|airbus|inegi|navteq|digitalglobe|` +
		`carto|stamen|leaflet|yandex|getty|shutterstock|istock|adobe|unsplash|pexels|depositphotos|font\s*awesome|github|wordpress|automattic|` +
		`elementor|themefusion|avada|astra|brainstorm|elegant\s*themes|sphinx|map\s*data|imagery|tiles?|photo|image|icons?)\b`)
	// staleCopyrightDocsRe names documentation generators, in a footer
	// credit or a generator meta tag.
	staleCopyrightDocsRe = regexp.MustCompile(`(?i)\b(?:sphinx|mkdocs|docusaurus|docbook|doxygen|javadoc|rustdoc|pdoc|jsdoc|typedoc|antora|gitbook|vitepress|read\s*the\s*docs)\b`)
	// staleCopyrightUpdatedRe is the label of a page's own last-updated date.
	staleCopyrightUpdatedRe = regexp.MustCompile(`(?i)(?:last\s*updated|updated|last\s*modified|modified|last\s*built|built|generated|zuletzt\s*aktualisiert|aktualisiert|stand|mis\s*à\s*jour|actualizado|atualizado|aggiornato|bijgewerkt)(?:\s*(?:on|am|le|el|em|il|op))?\s*[:\-–—]?\s*$`)
)

// staleCopyrightFooter reports whether n is a site footer region: a footer
// that is not an article's own, role=contentinfo, or a theme's footer hook.
func staleCopyrightFooter(n *html.Node) bool {
	if n.Type != html.ElementNode || !staleCopyrightHook(n) {
		return false
	}
	// An article's own footer, or a notice on a title page inside the
	// content, belongs to that content.
	inContent := dom.Closest(n.Parent, func(a *html.Node) bool {
		return a.Data == "article" || a.Data == "main" || strings.EqualFold(dom.AttrOr(a, "role"), "main")
	})
	return inContent == nil
}

// staleCopyrightHook reports whether element n is a footer by its name, its
// role or a theme's id or class for it.
func staleCopyrightHook(n *html.Node) bool {
	if n.Data == "footer" {
		return true
	}
	var seen [3]bool // role, id, class: as dom.Attr, the first of each counts
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		k := slices.Index([]string{"role", "id", "class"}, a.Key)
		if k < 0 || seen[k] {
			continue
		}
		seen[k] = true
		switch a.Key {
		case "role":
			if strings.EqualFold(a.Val, "contentinfo") {
				return true
			}
		case "id":
			switch a.Val {
			case "footer", "colophon", "site-footer", "footer-bottom":
				return true
			}
		case "class":
			// Every hook class holds "footer", but site-info.
			if !strings.Contains(a.Val, "footer") && !strings.Contains(a.Val, "site-info") {
				continue
			}
			for c := range strings.FieldsSeq(a.Val) {
				switch c {
				case "footer", "site-footer", "fusion-footer", "fusion-footer-copyright-area", "et-footer", "elementor-location-footer",
					"footer-bottom", "site-info", "footer-copyright":
					return true
				}
			}
		}
	}
	return false
}

// staleCopyrightSkip leaves out what cannot hold the site's own notice:
// code, image captions and map widgets.
func staleCopyrightSkip(n *html.Node) bool {
	if flatCodeTags[n.Data] || n.Data == "figcaption" || n.Data == "figure" {
		return true
	}
	for _, c := range dom.Classes(n) {
		switch c {
		case "highlight", "wp-caption", "wp-caption-text", "gm-style", "gm-style-cc", "leaflet-control-attribution",
			"mapboxgl-ctrl-attrib", "maplibregl-ctrl-attrib", "ol-attribution", "fusion-google-map", "elementor-widget-google_maps":
			return true
		}
	}
	return false
}

func staleCopyright(p *PagePass) error {
	if !cuesMay(p, cueCopyright) {
		return nil // no copyright notice in the text
	}
	root := p.Root()
	footers := staleCopyrightFooters(p, cueWalkOf(p).footers)
	now := p.Now.Year()
	for _, f := range footers {
		ft := flatten(f, staleCopyrightSkip)
		for _, m := range staleCopyrightRe.FindAllStringSubmatchIndex(ft.text, -1) {
			start, end := m[0], m[1]
			if staleCopyrightThirdParty(ft, start, end) {
				continue
			}
			first, _ := strconv.Atoi(ft.text[m[2]:m[3]])
			last := first
			ranged := m[4] >= 0
			if ranged {
				y, convErr := strconv.Atoi(ft.text[m[4]:m[5]])
				if convErr != nil {
					return nil //nolint:nilerr // "2011 - present": a range that never ends is current
				}
				last = y
			}
			if first < 1980 || first > now+1 || last < first {
				continue // not a copyright year
			}
			// This is the site's notice; it alone is judged.
			behind := now - last
			if behind <= 0 {
				return nil
			}
			if !ranged && staleCopyrightDocs(root, ft) {
				return nil // a docs project's "© Copyright 2019, Authors" is its first year
			}
			if built, ok := staleCopyrightBuiltYear(p, ft); ok && last >= built {
				return nil // the page was last published in the notice's year
			}
			node := f
			if ts, ok := ft.textNodeAt(start); ok && ts.node.Parent != nil {
				node = ts.node.Parent
			}
			what := fmt.Sprintf("footer copyright year is %d", last)
			if ranged {
				what = fmt.Sprintf("footer copyright ends in %d", last)
			}
			sev := Warning
			if behind == 1 {
				sev = Info
			}
			p.Report(Issue{Node: node, Severity: sev, Message: fmt.Sprintf("%s (now %d, %d year%s behind): %q", what, now, behind, pluralS(behind), strings.TrimSpace(ft.text[start:end]))})
			return nil
		}
	}
	return nil
}

// staleCopyrightFooters returns the site footers among hooks (the
// elements staleCopyrightHook takes, in document order): as a walk of the
// page that stops at a footer it takes, and never enters head, scripts,
// styles and templates, would find them. A hook that is not the site's
// footer (an article's, one inside the main content) is passed by, and
// the hooks inside it are not.
func staleCopyrightFooters(p *PagePass, hooks []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range hooks {
		if slices.ContainsFunc(out, func(f *html.Node) bool { return dom.Contains(f, n) }) {
			continue
		}
		if dom.Closest(n, func(a *html.Node) bool {
			switch a.Data {
			case "head", "script", "style", "template":
				return true
			}
			return false
		}) != nil || !staleCopyrightFooter(n) {
			continue
		}
		if mainEl := p.Main(); mainEl.Type != html.ElementNode || mainEl.Data == "body" || mainEl.Data == "html" || !dom.Contains(mainEl, n) {
			out = append(out, n)
		}
	}
	return out
}

// pluralS returns "s" unless n is 1.
func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// staleCopyrightThirdParty reports whether the notice at start:end credits
// someone else: a map provider, a photographer, a theme.
func staleCopyrightThirdParty(ft *flatText, start, end int) bool {
	after := ft.text[end:min(len(ft.text), end+50)]
	if i := strings.IndexAny(after, "|•·"); i >= 0 {
		after = after[:i]
	}
	if i := strings.Index(after, ". "); i >= 0 {
		after = after[:i] // "… Foundation. Created using Sphinx" credits the next sentence
	}
	before := ft.text[max(0, start-25):start]
	if i := strings.LastIndexAny(before, "|•·.;"); i >= 0 {
		before = before[i+1:]
	}
	return staleCopyrightThirdPartyRe.MatchString(before + " " + after)
}

// staleCopyrightBuiltYear returns the year of the page's own last-updated
// date: a labelled date in the footer ("Last updated on Oct 07, 2024", as
// Sphinx prints it), or dateModified in its structured data.
func staleCopyrightBuiltYear(p *PagePass, ft *flatText) (int, bool) {
	lang := pageLang(p.Root())
	best := 0
	prev := 0
	for _, d := range parseDates(ft.text, lang) {
		pre := ft.text[max(prev, d.Start-40):d.Start]
		prev = d.End
		if staleCopyrightUpdatedRe.MatchString(pre) && d.Year > best {
			best = d.Year
		}
	}
	if best == 0 {
		for _, v := range staleGroupJSONLDValues(p.Root(), "dateModified") {
			if d, ok := parseDate(v, lang); ok && d.Year > best {
				best = d.Year
			}
		}
	}
	return best, best > 0
}

// staleCopyrightDocs reports whether the page is generated documentation
// (Sphinx, MkDocs, Docusaurus, …), whose single-year notice is the
// project's first year, set once in its configuration, rather than a year
// someone forgot to update.
func staleCopyrightDocs(root *html.Node, footer *flatText) bool {
	if staleCopyrightDocsRe.MatchString(footer.text) {
		return true
	}
	gen := dom.Find(root, func(n *html.Node) bool {
		return n.Data == "meta" && strings.EqualFold(dom.AttrOr(n, "name"), "generator")
	})
	return gen != nil && staleCopyrightDocsRe.MatchString(dom.AttrOr(gen, "content"))
}
