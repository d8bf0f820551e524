package checks

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// HreflangInvalid reports hreflang annotations that search engines ignore.
var HreflangInvalid = &Check{
	ID:       "hreflang-invalid",
	Severity: Warning,
	Summary:  "an hreflang annotation search engines ignore (bad code, relative URL, no self or return link)",
	Help:     "Use ISO 639-1 language codes with an optional ISO 3166-1 region (en, en-GB) or x-default, absolute URLs, and list every version, itself included, on every version.",
	Doc: `Flags <link rel="alternate" hreflang> annotations that Google ignores:
- a value that is not an ISO 639-1 language with an optional ISO 3166-1 alpha-2 region (or a
  script such as zh-Hant), nor x-default: en_US (underscore), en-UK (the UK's code is GB),
  us (a country alone), eng (a three-letter code), es-419 (a UN M.49 region);
- an alternate with no href, or a relative href (hreflang URLs must be fully qualified);
- one language given twice with different URLs, and an hreflang link in <body>;
- a set of alternates that does not include the page itself;
- return links (site part): when page A lists page B and both were read, B must list A too,
  or Google ignores the pair. B that is noindex or canonicalises elsewhere breaks the cluster too.
An alternate's status (404, redirect) is broken-link's finding.

Why: hreflang is all-or-nothing per pair; one wrong code or missing return link and search engines
show the wrong language version.

Fix: give every version the same complete set of alternates, itself included.

  bad:  <link rel="alternate" hreflang="en_UK" href="/en/">
  good: <link rel="alternate" hreflang="en-GB" href="https://example.com/en/">`,
	Page: hreflangInvalidPage,
	Site: hreflangInvalidSite,
}

func hreflangInvalidPage(p *PagePass) error {
	scan := headLinkCollect(p)
	scan.record(p)
	type seenLang struct {
		url  string
		line int
	}
	seen := map[string]seenLang{}
	valid := 0
	for _, a := range scan.alternates {
		if !a.inHead {
			p.Reportf(a.node, "hreflang link is inside <body>, where search engines ignore it: %s", headLinkBodyNote(p, a.node))
			continue
		}
		if msg := hreflangCodeProblem(a.lang); msg != "" {
			p.Reportf(a.node, "%s", msg)
			continue
		}
		if !a.hasHref || a.raw == "" {
			p.Reportf(a.node, "hreflang %q alternate has no href", a.lang)
			continue
		}
		ref, err := url.Parse(a.raw)
		if err != nil {
			p.Reportf(a.node, "hreflang %q href %q is not a valid URL", a.lang, a.raw)
			continue
		}
		if ref.Scheme == "" || ref.Host == "" {
			p.Reportf(a.node, "hreflang %q href %q is relative; hreflang URLs must be fully qualified", a.lang, a.raw)
		} else if s := strings.ToLower(ref.Scheme); s != "http" && s != "https" {
			p.Reportf(a.node, "hreflang %q href %q is not an http(s) URL", a.lang, a.raw)
			continue
		}
		abs := scan.resolve(a.raw)
		if !page.Fetchable(abs) {
			continue
		}
		valid++
		key := strings.ToLower(a.lang)
		target := page.Normalize(abs)
		if prev, dup := seen[key]; dup {
			if prev.url != target {
				p.Reportf(a.node, "hreflang %q is given twice with different URLs (also line %d); search engines may ignore both", a.lang, prev.line)
			}
			continue
		}
		seen[key] = seenLang{url: target, line: p.Page.Line(a.node)}
	}
	if valid > 0 && !hreflangListsSelf(p, p.Summary.Facts.Alternates) {
		first := scan.alternates[0].node
		for _, a := range scan.alternates {
			if a.inHead {
				first = a.node
				break
			}
		}
		p.Reportf(first, "the %d hreflang alternates do not include this page; each version must list itself", len(seen))
	}
	return nil
}

// hreflangListsSelf reports whether one of the alternates is the page itself.
// In crawl mode an alternate on the page's host must name its URL exactly.
// In check mode files may be served under other names (about.html at
// /about/), so an alternate on the page's host matches by path with
// index.html, .html and the trailing slash ignored. When no alternate is on
// the page's host (check mode without --base-url, or a staging host whose
// pages name the production one), an alternate whose path ends with the
// page's site path matches.
func hreflangListsSelf(p *PagePass, alts []page.Alternate) bool {
	self, err := url.Parse(p.Summary.URL)
	if err != nil {
		return true
	}
	selfKey := hreflangPathKey(self.EscapedPath() + hreflangQuery(self))
	sameHost := false
	for _, a := range alts {
		u, err := url.Parse(a.URL)
		if err != nil || a.URL == "" {
			continue
		}
		if a.URL == p.Summary.URL {
			return true
		}
		if strings.EqualFold(u.Host, self.Host) {
			sameHost = true
			if p.Site.Mode == page.ModeCheck && hreflangPathKey(u.EscapedPath()+hreflangQuery(u)) == selfKey {
				return true
			}
		}
	}
	if sameHost {
		return false
	}
	mine := hreflangPathKey(p.Page.Path)
	if mine == "" {
		return true // the home page: every alternate's path ends with "/"
	}
	for _, a := range alts {
		u, err := url.Parse(a.URL)
		if err != nil || a.URL == "" {
			continue
		}
		theirs := hreflangPathKey(u.EscapedPath() + hreflangQuery(u))
		if theirs == mine || strings.HasSuffix(theirs, "/"+strings.TrimPrefix(mine, "/")) {
			return true
		}
	}
	return false
}

func hreflangQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// hreflangPathKey drops what differs between a file and its pretty URL:
// index.html, an .html extension and the trailing slash.
func hreflangPathKey(p string) string {
	q := ""
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, q = p[:i], p[i:]
	}
	p = strings.TrimSuffix(p, "index.html")
	p = strings.TrimSuffix(p, ".html")
	p = strings.TrimSuffix(p, "/")
	return p + q
}

// hreflangInvalidSite checks return links between pages that were both read.
func hreflangInvalidSite(s *SitePass) error {
	for _, sum := range s.Site.Summaries() {
		for _, a := range sum.Facts.Alternates {
			if a.URL == "" || a.URL == sum.URL || hreflangCodeProblem(a.Lang) != "" {
				continue
			}
			other, ok := s.Site.Page(a.URL)
			if !ok || other == sum {
				continue
			}
			issue := Issue{Line: a.Line, Evidence: a.Evidence, Target: a.URL}
			switch {
			case other.Facts.Noindex:
				issue.Message = fmt.Sprintf("hreflang %q alternate %q is noindex, so the cluster is broken", a.Lang, a.URL)
			case other.Facts.Canonical != "" && s.Site.Internal(other.Facts.Canonical) && !hreflangSamePage(s, other.Facts.Canonical, other):
				issue.Message = fmt.Sprintf("hreflang %q alternate %q canonicalises to %q; list the canonical URL instead", a.Lang, a.URL, other.Facts.Canonical)
			case !hreflangLinksBack(s, other, sum):
				issue.Message = fmt.Sprintf("hreflang %q alternate %q does not link back to this page; Google ignores hreflang without return links", a.Lang, a.URL)
			default:
				continue
			}
			s.Report(sum, issue)
		}
	}
	return nil
}

// hreflangLinksBack reports whether page from lists page to among its alternates.
func hreflangLinksBack(s *SitePass, from, to *page.Summary) bool {
	for _, b := range from.Facts.Alternates {
		if b.URL != "" && hreflangSamePage(s, b.URL, to) {
			return true
		}
	}
	return false
}

func hreflangSamePage(s *SitePass, target string, sum *page.Summary) bool {
	if target == sum.URL {
		return true
	}
	p, ok := s.Site.Page(target)
	return ok && p == sum
}

// hreflangBase returns the lowercased language part of a language tag.
func hreflangBase(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// hreflangCodeProblem says what is wrong with an hreflang value, or "".
// Google accepts an ISO 639-1 language, optionally a script (ISO 15924)
// and an ISO 3166-1 alpha-2 region, or x-default.
func hreflangCodeProblem(v string) string {
	if v == "" {
		return "hreflang is empty"
	}
	low := strings.ToLower(v)
	if low == "x-default" {
		return ""
	}
	if strings.Contains(v, "_") {
		return fmt.Sprintf("hreflang %q uses an underscore; write %q", v, strings.ReplaceAll(v, "_", "-"))
	}
	parts := strings.Split(low, "-")
	lang := parts[0]
	switch {
	case len(lang) == 3 && hreflangAllLetters(lang):
		return fmt.Sprintf("hreflang %q starts with a three-letter code; Google expects an ISO 639-1 two-letter language", v)
	case len(lang) != 2 || !hreflangLanguages[lang]:
		if hreflangRegions[lang] {
			return fmt.Sprintf("hreflang %q is a country code, not a language; give the language first (en-%s)", v, strings.ToUpper(lang))
		}
		return fmt.Sprintf("hreflang %q is not an ISO 639-1 language code", v)
	}
	rest := parts[1:]
	if len(rest) > 0 && len(rest[0]) == 4 && hreflangAllLetters(rest[0]) {
		rest = rest[1:] // a script: zh-Hant, sr-Latn
	}
	switch {
	case len(rest) == 0:
		return ""
	case len(rest) > 1:
		return fmt.Sprintf("hreflang %q has too many parts; use language-REGION", v)
	}
	region := rest[0]
	if len(region) == 3 && strings.Trim(region, "0123456789") == "" {
		return fmt.Sprintf("hreflang %q uses a UN M.49 region (%s); Google accepts only ISO 3166-1 alpha-2 regions", v, region)
	}
	if hreflangRegionFixes[region] != "" {
		return fmt.Sprintf("hreflang %q: %s is not an ISO 3166-1 region; use %s", v, strings.ToUpper(region), hreflangRegionFixes[region])
	}
	if len(region) != 2 || !hreflangRegions[region] {
		return fmt.Sprintf("hreflang %q: %q is not an ISO 3166-1 alpha-2 region", v, rest[0])
	}
	return ""
}

func hreflangAllLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

// hreflangRegionFixes are region codes people write that ISO 3166-1 does not have.
var hreflangRegionFixes = map[string]string{"uk": "GB", "en": "a country code such as GB or US", "eu": "one hreflang per country, or x-default"}

// hreflangLanguages are the ISO 639-1 codes (bh included), plus the
// withdrawn iw and ji that Google still reads as he and yi. The withdrawn
// "in" (Indonesian, now id) is left out: as an hreflang it nearly always
// means India, which needs a language first (en-IN, hi-IN).
var hreflangLanguages = hreflangSet(`
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
iw ji`)

// hreflangRegions are the ISO 3166-1 alpha-2 country codes.
var hreflangRegions = hreflangSet(`
ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br
bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz
ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw
gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky
kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv
mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py
qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg
th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm
zw`)

func hreflangSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(list) {
		m[c] = true
	}
	return m
}
