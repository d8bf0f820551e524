package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// MissingReviewDate flags a reviewer byline, or structured reviewedBy, that
// comes without the date of that review (issue 2, rules-research §3).
var MissingReviewDate = &Check{
	ID:       "missing-review-date",
	Severity: Warning,
	Summary:  "a page names a reviewer but gives no date of that review",
	Doc: `Flags a visible reviewer byline ("Reviewed by", "Medically reviewed by", "Fact-checked by",
"Geprüft von", "Revisado por", …) followed by a name, or a schema.org reviewedBy in JSON-LD or
microdata, when the page gives no date of that review: no date joined to the byline
("… on June 3, 2025"), no "Last reviewed" date, no <time> in the byline, no lastReviewed.
A review is a promise that an expert checked the content at some point; without the date
readers and search engines cannot tell whether that check is still current. An "Updated"
or "Published" date dates the page, not the review, and is named in the message when it
is the only date nearby. Customer reviews, testimonials and comments are not reviewer
bylines, and bylines in site headers, footers, sidebars and listing cards are left to the
pages they belong to. Structured reviewedBy with no visible reviewer and no lastReviewed (often an SEO
plugin copying the author) is reported once, as info.

Bad:  <p>Reviewed by <a href="/team/dana/">Dana Whitfield, MD</a> · Updated on June 27, 2025</p>
Good: <p>Reviewed by <a href="/team/dana/">Dana Whitfield, MD</a> on <time datetime="2025-06-03">June 3, 2025</time></p>
and "lastReviewed": "2025-06-03" next to "reviewedBy" in the page's JSON-LD.`,
	Help: `Show the review date with the reviewer ("Reviewed by NAME on DATE") and add lastReviewed next to reviewedBy in the page's structured data.`,
	Page: missingReviewDate,
	Options: []Option{{
		Name: "extra-labels", Default: []string{},
		Doc: `reviewer labels of a site's theme besides the built-in ones, e.g. ["Checked by", "Approved by"]; matched case-insensitively, each always starts a reviewer byline`,
	}},
}

const (
	bylineScopeMax     = 400 // the byline box: the largest ancestor of the label with at most this much text
	bylineLineMax      = 200 // the line (nearest block) holding the label; longer is prose, not a byline
	reviewerNameWindow = 80  // the reviewer's name starts right after the label and fits in this many bytes
	reviewJoinWindow   = 140 // a date this close after the byline, with no other label between, dates the review
	dateLabelLookback  = 60  // how far before a date its label may start
)

// reviewerLabelRe finds reviewer labels in en, de, fr, es, pt, it and nl.
// Group 1 is set for the weak labels (peer, code review) that count only in
// the byline area at the top or bottom of the main content; group 2 for the
// qualified labels (medically, fact-checked, …) that are bylines wherever
// they stand. The plain ones ("Reviewed by") need some byline context.
var reviewerLabelRe = regexp.MustCompile(`(?i)(?:((?:peer|code)[- ]?reviewed\s*by)|` +
	`((?:medically|clinically|expert|fact|medical|editorially|professionally)[- ]?(?:reviewed|checked)\s*by|` +
	`(?:medizinisch|fachlich|ärztlich|redaktionell)\s+geprüft\s*von|` +
	`revisad[oa]\s*m[ée]dicamente\s*por|` +
	`medisch\s+(?:beoordeeld|gecontroleerd)\s*door|` +
	`(?:medical|expert|clinical)\s+reviewer\s*:)|` +
	`reviewed\s*by|` +
	`geprüft\s*von|` +
	`(?:relu|révisé|revu|vérifié)e?s?\s*par|` +
	`revisad[oa]\s*por|` +
	`revisionat[oa]\s*da|` +
	`(?:beoordeeld|gecontroleerd)\s*door|` +
	`(?:\p{L}+[ -])?reviewers?\s*:)\s*:?`)

// authorCueRe finds another byline part (the author) in a byline box.
var authorCueRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:by|written\s*by|author|autor|auteur|autore|von|par|por|door|di)\s`)

// bylineHintRe finds class or id names that theme authors give byline boxes.
var bylineHintRe = regexp.MustCompile(`(?i)review|byline|author|meta|credit|expert|medical|fact`)

// Date labels, matched at the end of the text just before a date. Review
// labels date the review; page labels date the page.
var (
	reviewDateLabelRe = regexp.MustCompile(`(?i)(?:last\s*reviewed|reviewed|review\s*date|date\s*of\s*review|next\s*review(?:\s*due)?|` +
		`zuletzt\s*geprüft|geprüft|überprüft|revisado|revisto|révisé|relu|vérifié|revisionato|rivisto|beoordeeld|gecontroleerd|herzien)` +
		`(?:\s*(?:on|am|le|el|em|il|op|in))?\s*[:\-–—]?\s*$`)
	pageDateLabelRe = regexp.MustCompile(`(?i)(?:last\s*updated|updated|last\s*modified|modified|published|posted|written|created|edited|` +
		`zuletzt\s*aktualisiert|aktualisiert|veröffentlicht|geändert|erstellt|\bstand|mis\s*à\s*jour|publié|modifié|` +
		`actualizado|publicado|atualizado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|gewijzigd)` +
		`(?:\s*(?:on|am|le|el|em|il|op|in))?\s*[:\-–—]?\s*$`)
	// betweenLabelRe finds another label between a byline and a later date:
	// the date then belongs to that label ("— Written by X — Updated on …").
	betweenLabelRe = regexp.MustCompile(`(?i)(?:updated|modified|published|posted|written|created|edited|aktualisiert|veröffentlicht|` +
		`geändert|erstellt|geschrieben|stand:|mis\s*à\s*jour|publié|modifié|écrit|actualizado|publicado|atualizado|escrito|` +
		`aggiornato|pubblicato|scritto|bijgewerkt|gepubliceerd|gewijzigd|geschreven|(?:^|[^\p{L}])(?:by|par|por|door|author|autor|auteur)\s)`)
	testimonialRe = regexp.MustCompile(`(?i)[★☆]|\bverified\s+(?:buyer|purchase|customer|patient)\b|\b[0-5](?:\.[0-9])?\s*(?:out of|/)\s*5\b`)
)

// bylineSeparators may precede a label at the start of its text node.
const bylineSeparators = "|•·—–-/:;()[]*"

// Words that start or end a byline phrase but are never part of a name.
var reviewerStopwords = map[string]bool{
	"updated": true, "published": true, "posted": true, "written": true, "last": true, "modified": true,
	"date": true, "on": true, "by": true, "and": true, "or": true, "the": true, "a": true, "an": true,
	"this": true, "share": true, "read": true, "more": true, "min": true, "edited": true, "author": true,
	"reviewed": true, "medically": true, "fact": true, "checked": true, "aktualisiert": true,
	"veröffentlicht": true, "am": true, "stand": true, "publié": true, "actualizado": true,
	"publicado": true, "atualizado": true, "aggiornato": true, "pubblicato": true, "bijgewerkt": true,
	"gepubliceerd": true, "customers": true, "users": true, "verified": true, "we": true,
}

var reviewerTitles = map[string]bool{
	"dr": true, "dr.": true, "prof": true, "prof.": true, "mr": true, "mr.": true, "mrs": true, "mrs.": true,
	"ms": true, "ms.": true, "mx": true, "mx.": true, "pd": true, "mag.": true, "univ.-prof.": true,
	"med.": true, "dent.": true, "phil.": true, "nat.": true, "rer.": true, "dra.": true, "drs.": true,
}

var reviewerParticles = map[string]bool{
	"van": true, "von": true, "de": true, "da": true, "del": true, "der": true, "den": true, "du": true,
	"la": true, "le": true, "di": true, "dos": true, "das": true, "do": true, "ter": true, "zu": true,
	"y": true, "e": true, "bin": true, "al": true,
}

var reviewerCredentials = map[string]bool{
	"md": true, "do": true, "phd": true, "rn": true, "rd": true, "lmft": true, "lcsw": true, "psyd": true,
	"mph": true, "facp": true, "faap": true, "msc": true, "bsc": true, "ma": true, "ms": true, "np": true,
	"pa-c": true, "dnp": true, "cnm": true, "ibclc": true, "pharmd": true, "dds": true, "dmd": true,
	"lpc": true, "mbbs": true, "frcp": true, "cpt": true, "cde": true, "ldn": true, "aprn": true,
}

// A reviewByline is a visible reviewer label with a name after it.
type reviewByline struct {
	label   *html.Node // the element holding the label: the finding's node
	name    string
	start   int // label in the page text
	end     int
	scope   flatSpan // the byline box
	scopeEl *html.Node
}

// A shownDate is a date shown in the page text, from its words or a <time>.
type shownDate struct {
	flatSpan
	text string
	time *html.Node // the <time> element, when the date came from one
}

// reviewerHints are byte strings one of which every reviewer label or
// reviewedBy property contains. Most pages have none, and a look for them in
// the source is far cheaper than the label regexp over the page's text.
var reviewerHints = [][]byte{
	[]byte("eview"), []byte("EVIEW"), []byte("hecked by"), []byte("hecked By"), []byte("HECKED BY"),
	[]byte("gepr"), []byte("GEPR"), []byte("relu"), []byte("RELU"), []byte("revu"), []byte("REVU"),
	[]byte("vis\xc3\xa9"), []byte("VIS\xc3\x89"), []byte("vis&eacute;"),
	[]byte("rifi\xc3\xa9"), []byte("RIFI\xc3\x89"), []byte("rifi&eacute;"),
	[]byte("evisad"), []byte("EVISAD"), []byte("evisionat"), []byte("EVISIONAT"),
	[]byte("eoordeeld"), []byte("EOORDEELD"), []byte("econtroleerd"), []byte("ECONTROLEERD"),
}

func mayNameReviewer(raw []byte) bool {
	return reviewerHintSet.in(raw)
}

// reviewerLabelStems are lowercase pieces of every reviewer label; the label
// regexp runs only on windows around them. Over a whole long page the
// case-insensitive alternation costs more than all the other rules together.
var reviewerLabelStems = []string{
	"review", "checked", "geprüft", "relu", "révisé", "revu", "vérifié", "revisad", "revisionat", "beoordeeld", "gecontroleerd",
}

// reviewerLabelWindow is how far a window reaches around a stem: far enough
// for the longest label ("professionally reviewed by", "medizinisch geprüft von").
const reviewerLabelWindow = 40

// reviewerLabels returns the submatch indices of reviewerLabelRe in text, as
// FindAllStringSubmatchIndex would, looking only near the label stems.
func reviewerLabels(text string) [][]int {
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		// Lowering changed byte lengths (rare scripts): offsets would not map.
		return reviewerLabelRe.FindAllStringSubmatchIndex(text, -1)
	}
	var out [][]int
	next := 0 // no match may start before this: matches do not overlap
	var starts []int
	for _, stem := range reviewerLabelStems {
		for from := 0; ; {
			i := strings.Index(lower[from:], stem)
			if i < 0 {
				break
			}
			starts = append(starts, from+i)
			from += i + len(stem)
		}
	}
	slices.Sort(starts)
	for _, at := range starts {
		lo := max(at-reviewerLabelWindow, next)
		hi := min(at+reviewerLabelWindow, len(text))
		if lo >= hi {
			continue
		}
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		for _, m := range reviewerLabelRe.FindAllStringSubmatchIndex(text[lo:hi], -1) {
			if m[0]+lo < next {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			out = append(out, m)
			next = m[1]
		}
	}
	return out
}

// extraLabelRe compiles the extra-labels option into one case-insensitive
// pattern, any run of spaces in a label matching any whitespace (or none,
// as between inline elements). nil when the option is empty.
func extraLabelRe(labels []string) *regexp.Regexp {
	var alts []string
	for _, l := range labels {
		if words := strings.Fields(l); len(words) > 0 {
			for i, w := range words {
				words[i] = regexp.QuoteMeta(w)
			}
			alts = append(alts, strings.Join(words, `\s*`))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
}

// labels returns the reviewer labels of the flattened text: the built-in
// ones and the site's extra labels, which count as qualified (group 2),
// sorted by position, overlaps dropped.
func (ft *flatText) labels() [][]int {
	out := reviewerLabels(ft.text)
	if ft.extraLabels == nil {
		return out
	}
	width := 2 * (reviewerLabelRe.NumSubexp() + 1)
	for _, m := range ft.extraLabels.FindAllStringIndex(ft.text, -1) {
		loc := make([]int, width)
		for k := range loc {
			loc[k] = -1
		}
		loc[0], loc[1], loc[4], loc[5] = m[0], m[1], m[0], m[1]
		out = append(out, loc)
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	kept := out[:0]
	end := -1
	for _, loc := range out {
		if loc[0] >= end {
			kept = append(kept, loc)
			end = loc[1]
		}
	}
	return kept
}

func missingReviewDate(p *PagePass) error {
	extra := extraLabelRe(p.StringsOption("extra-labels"))
	if extra == nil && !mayNameReviewer(p.Page.Raw) {
		return nil
	}
	root := p.Root()
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	if body == nil {
		body = root
	}
	rd := readReviewData(root)
	if extra == nil && len(rd.reviewers) == 0 && !mayHoldReviewerLabel(body) {
		return nil // most pages past the hints: "preview", "overview" in the source
	}
	ft := flatten(body, skipForBylines)
	ft.extraLabels = extra
	if len(rd.reviewers) == 0 && len(ft.labels()) == 0 {
		return nil
	}
	// The dates are read only where the questions below look (lazyDates).
	shown, dates := reviewDatesOf(ft, body, ft.labels())
	reviewed := rd.lastReviewed || shown

	mainSpan, ok := ft.spanOf(p.Main())
	if !ok || mainSpan.len() == 0 {
		mainSpan = flatSpan{0, len(ft.text)}
	}
	bylines := findBylines(ft, mainSpan, dates)
	if !reviewed && (len(bylines) > 0 || len(rd.reviewers) > 0) {
		// A "Page last reviewed" line may sit in a footer, which bylines skip.
		all := flatten(body, skipForReviewDates)
		reviewed, _ = reviewDatesOf(all, body, nil)
	}
	if reviewed {
		return nil
	}
	// One finding per reviewer: a byline repeated in an author box or a
	// sticky header counts once, and a dated copy covers the others.
	verdicts := make([]bylineVerdict, len(bylines))
	done := map[string]bool{}
	for i, b := range bylines {
		verdicts[i] = judgeBylineScope(ft, dates, b)
		if verdicts[i].reviewDate {
			done[b.name] = true
		}
	}
	for i, b := range bylines {
		if done[b.name] {
			continue
		}
		done[b.name] = true
		j := verdicts[i]
		msg := fmt.Sprintf("names reviewer %q but gives no review date", b.name)
		switch {
		case j.pageLabel != "":
			msg += fmt.Sprintf("; the nearby date is labelled %q (%s)", j.pageLabel, j.pageDate)
		case j.pageDate != "":
			msg += fmt.Sprintf("; the nearby date (%s) is marked up as the page's own date", j.pageDate)
		}
		p.Report(Issue{Node: b.label, Message: msg})
	}
	if len(bylines) > 0 {
		return nil
	}
	// Structured data alone: report the first undated reviewer, once.
	for _, r := range rd.reviewers {
		if r.dated {
			continue
		}
		what := "a reviewer (reviewedBy)"
		switch {
		case r.author:
			what = fmt.Sprintf("its author %q as reviewer (reviewedBy)", r.name)
		case r.name != "":
			what = fmt.Sprintf("a reviewer (reviewedBy %q)", r.name)
		}
		p.Report(Issue{
			Node:     r.node,
			Severity: Info,
			Message:  fmt.Sprintf("structured data names %s but gives no lastReviewed date, and the page shows no review date", what),
			Help:     "Add lastReviewed with the date of the review and show the reviewer on the page, or drop reviewedBy if no one reviewed the content.",
		})
		break
	}
	return nil
}

// skipForBylines leaves out of the page text what cannot hold the page's
// own reviewer byline: site navigation, headers, footers and sidebars (but
// not an article's own header or footer), code, and customer reviews,
// testimonials and comments.
func skipForBylines(n *html.Node) bool {
	if flatCodeTags[n.Data] || dom.HasClass(n, "highlight") {
		return true
	}
	if n.Data == "nav" {
		return true
	}
	if dom.IsChrome(n) {
		switch n.Data {
		case "header", "footer", "aside":
			inContent := dom.Closest(n.Parent, func(a *html.Node) bool {
				return a.Data == "article" || a.Data == "main" || strings.EqualFold(dom.AttrOr(a, "role"), "main")
			})
			return inContent == nil
		}
		return true
	}
	return isCustomerReview(n)
}

// skipForReviewDates leaves out what cannot date the page's review: code,
// and customer reviews ("Reviewed in Canada on June 3, 2025").
func skipForReviewDates(n *html.Node) bool {
	return flatCodeTags[n.Data] || dom.HasClass(n, "highlight") || isCustomerReview(n)
}

// isCustomerReview reports whether n is a review, rating, testimonial or
// comment written by a customer or visitor rather than the page's reviewer.
func isCustomerReview(n *html.Node) bool {
	switch n.Data {
	case "body", "html":
		return false
	case "blockquote", "q":
		return true
	}
	itemtype := strings.ToLower(dom.AttrOr(n, "itemtype"))
	if strings.Contains(itemtype, "schema.org/review") || strings.Contains(itemtype, "rating") {
		return true
	}
	if mdHasItemprop(n, "review") || mdHasItemprop(n, "aggregateRating") {
		return true
	}
	switch strings.ToLower(dom.AttrOr(n, "id")) {
	case "reviews", "comments", "tab-reviews", "respond":
		return true
	}
	for _, c := range dom.Classes(n) {
		c = strings.ToLower(c)
		switch {
		case strings.Contains(c, "testimonial"), strings.Contains(c, "woocommerce-review"),
			strings.Contains(c, "customer-review"), strings.Contains(c, "product-review"),
			strings.Contains(c, "rating"), strings.HasPrefix(c, "comment"), strings.Contains(c, "user-review"),
			strings.HasPrefix(c, "jdgm"), strings.Contains(c, "yotpo"), strings.Contains(c, "trustpilot"),
			strings.Contains(c, "okendo"), strings.HasPrefix(c, "stamped"), strings.HasPrefix(c, "loox"),
			c == "review", c == "reviews", c == "review-list", c == "reviews-list", strings.HasSuffix(c, "-reviews"):
			return true
		}
	}
	return false
}

// findBylines returns the visible reviewer bylines of the page text.
func findBylines(ft *flatText, mainSpan flatSpan, dates []shownDate) []reviewByline {
	var out []reviewByline
	seen := map[*html.Node]bool{}
	for _, loc := range ft.labels() {
		start, end := loc[0], loc[1]
		weak, strong := loc[2] >= 0, loc[4] >= 0
		ts, ok := ft.textNodeAt(start)
		if !ok || ts.node.Parent == nil {
			continue
		}
		prefix := ft.text[ts.start:start]
		if strings.Trim(prefix, " "+bylineSeparators) != "" {
			continue // mid-sentence: "Patch by X, reviewed by Y"
		}
		first, _ := utf8.DecodeRuneInString(ft.text[start:])
		label := strings.TrimSpace(ft.text[start:end])
		if !unicode.IsUpper(first) && !strings.HasSuffix(label, ":") && strings.Trim(prefix, " ") == "" {
			continue // lower-case with nothing marking it as a byline
		}
		el := ts.node.Parent
		if seen[el] || inTeaserCard(el) {
			continue
		}
		if line := reviewBlockOf(el); line != nil {
			s, ok := ft.spanOf(line)
			if ok && s.len() > bylineLineMax {
				continue
			}
			if rest := strings.TrimSpace(ft.text[min(end, s.end):s.end]); ok && rest != "" && strings.HasSuffix(rest, ":") {
				continue // "Reviewed by A and B:" introduces a list, as in a changelog
			}
		}
		atEdge := true
		if mainSpan.len() > 0 {
			rel := float64(start-mainSpan.start) / float64(mainSpan.len())
			atEdge = rel <= 0.15 || rel >= 0.85
		}
		if weak && !atEdge {
			continue // peer/code review credit inside the body of the text
		}
		name := reviewerName(ft, el, end)
		if name == "" {
			continue
		}
		scopeEl, scope := bylineScope(ft, el)
		if looksLikeTestimonial(ft, scope, ts.start) {
			continue
		}
		if !strong && !weak && !atEdge && !bylineContext(ft, dates, el, scopeEl, scope, start, end) {
			continue
		}
		seen[el] = true
		out = append(out, reviewByline{label: el, name: name, start: start, end: end, scope: scope, scopeEl: scopeEl})
	}
	return out
}

// inTeaserCard reports whether n sits in a post card of a listing (blog
// index, archive, related posts): an <article> whose h2-h6 title links
// elsewhere. The card's byline belongs to the article it links to, which is
// checked on its own page.
func inTeaserCard(n *html.Node) bool {
	card := dom.Closest(n, func(a *html.Node) bool { return a.Data == "article" })
	if card == nil {
		return false
	}
	linked := dom.Find(card, func(h *html.Node) bool {
		switch h.Data {
		case "h2", "h3", "h4", "h5", "h6":
			return dom.Find(h, func(a *html.Node) bool {
				_, ok := dom.Attr(a, "href")
				return a.Data == "a" && ok
			}) != nil
		}
		return false
	})
	return linked != nil
}

// bylineContext reports whether a plain "Reviewed by" label stands in
// something built as a byline: a box that also dates the page or names an
// author, or one whose class or id says so. A credit in the middle of a
// document ("Reviewed by the core team" in a changelog) has none of these.
func bylineContext(ft *flatText, dates []shownDate, el, scopeEl *html.Node, scope flatSpan, start, end int) bool {
	for _, d := range dates {
		if d.start >= scope.start && d.end <= scope.end {
			return true
		}
	}
	rest := ft.text[scope.start:start] + " " + ft.text[end:scope.end]
	if authorCueRe.MatchString(rest) {
		return true
	}
	for n := el; n != nil && n.Type == html.ElementNode; n = n.Parent {
		if bylineHintRe.MatchString(dom.AttrOr(n, "class") + " " + dom.AttrOr(n, "id")) {
			return true
		}
		if n == scopeEl {
			break
		}
	}
	return false
}

// reviewBlockOf returns the nearest block element holding n (n included).
func reviewBlockOf(n *html.Node) *html.Node {
	return dom.Closest(n, dom.IsBlock)
}

// bylineScope climbs from the label to the largest ancestor whose text
// stays within bylineScopeMax: the byline box. It never leaves the main
// content element or the body.
func bylineScope(ft *flatText, el *html.Node) (*html.Node, flatSpan) {
	cur := el
	s, _ := ft.spanOf(el)
	for p := cur.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if p.Data == "body" || p.Data == "html" || p.Data == "main" || strings.EqualFold(dom.AttrOr(p, "role"), "main") {
			break
		}
		ps, ok := ft.spanOf(p)
		if !ok || ps.len() > bylineScopeMax {
			break
		}
		cur, s = p, ps
	}
	return cur, s
}

// looksLikeTestimonial spots customer quotes that no markup gives away:
// stars, "verified buyer", a rating, or a quotation closing right before
// the label.
func looksLikeTestimonial(ft *flatText, scope flatSpan, labelNodeStart int) bool {
	if testimonialRe.MatchString(ft.text[scope.start:scope.end]) {
		return true
	}
	before := strings.TrimRight(ft.text[scope.start:max(scope.start, labelNodeStart)], " "+bylineSeparators)
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("\"”»“'’", r) && before != ""
}

// reviewerName reads the reviewer's name right after a label ending at
// end: the text of a link that starts there, or two or more capitalised
// words (titles, initials and particles allowed), cut at the first element
// edge with no space ("Dana WhitfieldUpdated On …") or block boundary.
func reviewerName(ft *flatText, labelEl *html.Node, end int) string {
	start := end
	for start < len(ft.text) && strings.ContainsRune(" :–—-", rune(ft.text[start])) {
		start++
	}
	if start >= len(ft.text) {
		return ""
	}
	stop := min(ft.nextCut(start), start+reviewerNameWindow, len(ft.text))
	if ts, ok := ft.textNodeAt(start); ok {
		for a := ts.node.Parent; a != nil && a != labelEl.Parent; a = a.Parent {
			if a.Data != "a" {
				continue
			}
			if _, hasHref := dom.Attr(a, "href"); !hasHref {
				break
			}
			if s, ok := ft.spanOf(a); ok && s.start == start {
				linked := strings.TrimSpace(ft.text[s.start:min(s.end, start+reviewerNameWindow)])
				if name := reviewerNameTokens(linked, true); name != "" {
					return name
				}
			}
			break
		}
	}
	return reviewerNameTokens(ft.text[start:stop], false)
}

// reviewerNameTokens returns the leading person or organisation name of s, or ""
// when s does not start with one. linked relaxes the two-word minimum: a
// link to an author page is a name even when it is one word.
func reviewerNameTokens(s string, linked bool) string {
	var kept []string
	caps := 0
	for _, tok := range strings.Fields(s) {
		last := false
		if t := strings.TrimRight(tok, ",;|·•)"); t != tok {
			tok, last = t, true
		}
		if tok == "" {
			break
		}
		low := strings.ToLower(tok)
		first, _ := utf8.DecodeRuneInString(tok)
		switch {
		case len(kept) > 0 && reviewerCredentials[strings.Trim(low, ".")] && tok != low:
			last = true // "MD", "PhD"; a lower-case "do" is a particle
		case reviewerTitles[low]:
			kept = append(kept, tok)
			caps++
		case len(kept) > 0 && reviewerParticles[low] && !last:
			kept = append(kept, tok)
		case unicode.IsUpper(first) && reviewerNameWord(tok) && !reviewerStopwords[strings.Trim(low, ".:")]:
			if strings.HasSuffix(tok, ".") && utf8.RuneCountInString(tok) > 2 {
				tok, last = strings.TrimSuffix(tok, "."), true // "Haas." ends a sentence; "K." is an initial
			}
			kept = append(kept, tok)
			caps++
		default:
			last = true
		}
		if last || strings.HasSuffix(tok, ":") {
			break
		}
	}
	for len(kept) > 0 && reviewerParticles[strings.ToLower(kept[len(kept)-1])] {
		kept = kept[:len(kept)-1]
		caps--
	}
	if caps < 2 && !(linked && caps == 1) {
		return ""
	}
	return strings.Join(kept, " ")
}

// reviewerNameWord accepts letters with inner apostrophes, hyphens and a final
// period (initials).
func reviewerNameWord(tok string) bool {
	tok = strings.TrimSuffix(tok, ".")
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

// shownDates returns every date shown in the page text: dates written out in
// words or digits (a month and year is enough), and <time datetime> elements
// whose own text is not one.
func shownDates(ft *flatText, root *html.Node) []shownDate {
	var out []shownDate
	for _, d := range findDates(ft.text) {
		out = append(out, shownDate{flatSpan: flatSpan{d.Start, d.End}, text: d.Text})
	}
	// "Last reviewed: March 2025" dates a review too.
	for _, d := range findMonthYears(ft.text) {
		out = append(out, shownDate{flatSpan: flatSpan{d.Start, d.End}, text: d.Text})
	}
	dom.Walk(root, func(n *html.Node) bool {
		if !dom.IsElement(n, "time") {
			return true
		}
		s, ok := ft.spanOf(n)
		dt, _ := dom.Attr(n, "datetime")
		if !ok || s.len() == 0 || len(findDates(dt)) == 0 {
			return false
		}
		for i, d := range out {
			if d.start < s.end && s.start < d.end {
				out[i].time = n
				return false
			}
		}
		out = append(out, shownDate{flatSpan: s, text: ft.text[s.start:s.end], time: n})
		return false
	})
	sortShownDates(out)
	return out
}

func sortShownDates(ds []shownDate) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].start < ds[j-1].start; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// hasVisibleReviewDate reports whether the page shows a labelled review
// date anywhere ("Page last reviewed: 15 March 2025", "Review date: …").
func hasVisibleReviewDate(ft *flatText, dates []shownDate) bool {
	prevEnd := 0
	for _, d := range dates {
		if d.time != nil && mdHasItemprop(d.time, "lastReviewed") {
			return true
		}
		pre := ft.text[max(prevEnd, d.start-dateLabelLookback):d.start]
		if reviewDateLabelRe.MatchString(pre) {
			return true
		}
		prevEnd = d.end
	}
	return false
}

// A bylineVerdict is what the dates in a byline's box say.
type bylineVerdict struct {
	reviewDate bool   // a date of the review is there
	pageLabel  string // else the label of the first page date ("Updated On"), if any
	pageDate   string // and that date as written
}

// judgeBylineScope looks at the dates in a byline's box: a date labelled as
// a review date, or joined to the reviewer phrase with no other label
// between, dates the review; a date labelled or marked up as the page's is
// remembered for the message.
func judgeBylineScope(ft *flatText, dates []shownDate, b reviewByline) bylineVerdict {
	var v bylineVerdict
	prevEnd := b.scope.start
	for _, d := range dates {
		if d.start < b.scope.start || d.end > b.scope.end {
			continue
		}
		from := max(prevEnd, d.start-dateLabelLookback, b.scope.start)
		if d.start > b.start && from < b.end {
			from = b.end // the reviewer label is not this date's label
		}
		pre := ft.text[min(from, d.start):d.start]
		prevEnd = d.end
		switch {
		case reviewDateLabelRe.MatchString(pre) || (d.time != nil && mdHasItemprop(d.time, "lastReviewed")):
			return bylineVerdict{reviewDate: true}
		case pageDateLabelRe.MatchString(pre):
			if v.pageLabel == "" {
				v.pageLabel = strings.TrimSpace(strings.TrimRight(pageDateLabelRe.FindString(pre), " :-–—"))
				v.pageDate = d.text
			}
		case d.start >= b.end && d.start-b.end <= reviewJoinWindow && !betweenLabelRe.MatchString(ft.text[b.end:d.start]):
			// "Reviewed by NAME, MD on June 3, 2025": readers take it as the
			// review date, even when the theme marks it up as the post date.
			return bylineVerdict{reviewDate: true}
		case d.time != nil && isPageDateMarkup(d.time):
			if v.pageDate == "" {
				v.pageDate = d.text
			}
		}
	}
	return v
}

// isPageDateMarkup reports whether a <time> is marked up as the page's
// publication or update date.
func isPageDateMarkup(n *html.Node) bool {
	for _, prop := range []string{"datePublished", "dateModified", "dateCreated", "uploadDate"} {
		if mdHasItemprop(n, prop) {
			return true
		}
	}
	for _, c := range dom.Classes(n) {
		c = strings.ToLower(c)
		if strings.Contains(c, "updated") || strings.Contains(c, "published") || strings.Contains(c, "modified") || c == "entry-date" || c == "post-date" {
			return true
		}
	}
	return false
}
