package checks

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// ExpiredOffer flags promotions whose deadline has passed, in the page text
// or in structured data (rules-research §5.1).
var ExpiredOffer = &Check{
	ID:       "expired-offer",
	Severity: Warning,
	Summary:  "a promotion or offer on the page has passed its deadline",
	Doc: `Flags a visible promotion whose deadline has passed: a sentence with an offer ("50% off",
"discount", "save $20", "free consultation", "promo code", "special offer", "limited time",
"early bird") and a deadline date ("valid until", "ends", "expires", "booked by", "before") that
lies in the past. Also flags structured data past its end: an Offer's priceValidUntil or
validThrough, a JobPosting's validThrough, an Event's endDate. A stale promotion misleads
visitors, who call to claim an offer that no longer exists, and search engines stop showing
time-sensitive rich results once they no longer reflect reality. Past-tense text ("the 2019
sale ended on …") is history, not an offer, and is left alone; an offer inside a dated blog
post is reported as info, since the post is an archive. A date is taken as passed only after
its whole day is over everywhere, and a numeric date whose order the page language does not
settle only when both readings have passed.

Bad:  <p>Get 50% off your first session, booked by June 30th, 2025.</p>   (checked in 2026)
Good: remove the banner when the offer ends, or schedule it to unpublish; keep
      "priceValidUntil" in the future or drop it.`,
	Help: "Remove or update the expired offer (banner, page text and any priceValidUntil, validThrough or endDate), or schedule promotions to unpublish.",
	Page: expiredOffer,
}

var (
	// expiredOfferPromoRe finds an offer in a sentence or a promo box.
	expiredOfferPromoRe = regexp.MustCompile(`(?i)\d+\s?%\s?(?:off|discount|rabatt|de\s+descuento|de\s+réduction|de\s+remise|de\s+desconto|di\s+sconto|sconto|korting)|` +
		`[$€£]\s?\d+(?:[.,]\d+)?\s+off\b|\bdiscount|\bsave\s+(?:up\s+to\s+)?[$€£]?\d|\bfree\s+(?:\d+[- ]minute\s+)?(?:consultation|session|shipping|delivery|trial|gift|class|lesson|assessment|evaluation|month|estimate|quote|upgrade)|` +
		`\b(?:promo|coupon|discount|voucher)\s*codes?|\bcoupon|\bsale\b|\bspecial\s+offer|\blimited[- ]time|\bearly[- ]?bird|\boffer\s+(?:is\s+)?(?:good|valid)|` +
		`\bhalf[- ]price|\bbogo\b|\bbuy\s+one|\bgutschein|\brabatt|\bangebot\s+gilt|\bdescuento|\boferta|\bpromoção|\bsconto|\bofferta|\bkorting|\bactie\b|\bpromo(?:tion)?\b|\bréduction|\bremise|\bsoldes`)
	// expiredOfferDeadlineRe is a deadline cue right before a date.
	expiredOfferDeadlineRe = regexp.MustCompile(`(?i)(?:\buntil|\btill|\bthrough|\bthru|\bby|\bbefore|\bends?|\bending|\bcloses?|\bclosing|\bexpires?|\bexpiring|\bexpiry(?:\s+date)?|\bdeadline|` +
		`\blast\s+day|\bno\s+later\s+than|\bvalid\s+(?:until|through|till|to)|\bbis(?:\s+zum)?|\bgültig\s+bis|\bjusqu'(?:au|à)|\bavant\s+le|\bhasta(?:\s+el)?|\bantes\s+del?|` +
		`\baté|\bfino\s+al|\bentro\s+il|\btot(?:\s+en\s+met)?|\bt/m|\buiterlijk)\s*(?:on\s+|the\s+)?[:\-–—]?\s*(?:\p{L}+day,?\s*)?$`)
	// expiredOfferPastRe marks history rather than an open offer.
	expiredOfferPastRe = regexp.MustCompile(`(?i)\b(?:ended|expired|was|were|had\s+been|closed|ran\s+(?:from|until|through)|lasted|took\s+place|finished|endete|war|terminó|terminou|finì|eindigde|s'est\s+terminée?)\b`)
	// expiredOfferRawCues are words (lower case) that every promotion
	// expiredOfferPromoRe finds contains one of.
	expiredOfferRawCues = []string{"%", " off", "discount", "save", "free", "promo", "coupon", "voucher", "code", "sale",
		"offer", "limited", "early", "half", "bogo", "buy one", "gutschein", "rabatt", "angebot", "descuento", "oferta",
		"promoção", "sconto", "offerta", "korting", "actie", "réduction", "remise", "soldes"}
	// expiredOfferProps are the end-date properties that are checked.
	expiredOfferProps = []struct{ prop, what string }{
		{"priceValidUntil", "priceValidUntil"}, {"validThrough", "validThrough"}, {"endDate", "endDate"},
	}
)

// expiredOfferBlockMax is the most text a promo box may hold: past that a
// block is a page section, and an offer word in it says nothing about a
// date in another paragraph.
const expiredOfferBlockMax = 400

func expiredOffer(p *PagePass) error {
	root := p.Root()
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	lang := pageLang(root)
	raw := p.Page.Raw
	known := len(raw) > 0
	var items []staleGroupLDItem
	if !known || rawContains(raw, "ld+json", 2) {
		items = staleGroupJSONLD(root)
	}
	// Most pages hold no offer: their text says so without being rendered.
	if body != nil && cuesMay(p, cueExpiredOffer) && cuesMay(p, cueExpiredDeadline) && (!known || hasWord(expiredOfferWords, raw)) {
		expiredOfferText(p, body, lang, expiredOfferPostDate(root, items, lang))
	}
	if !known || rawContains(raw, "priceValidUntil", 5) || rawContains(raw, "validThrough", 5) || rawContains(raw, "endDate", 3) {
		expiredOfferStructured(p, root, items, lang)
	}
	return nil
}

// rawContains reports whether src contains word, looking first for its
// byte at k: one that is rare in HTML (+, an upper-case letter), where
// bytes.Contains would stop at every "l" or "p".
func rawContains(src []byte, word string, k int) bool {
	c := word[k]
	for i := k; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], c)
		if j < 0 {
			return false
		}
		i += j
		if start := i - k; start+len(word) <= len(src) && string(src[start:start+len(word)]) == word {
			return true
		}
	}
	return false
}

// expiredOfferPassed reports whether a deadline written as d is over: for
// a date, once its day has ended in every time zone; for a date-time, once
// that instant is past (12 hours later when no offset was given).
func expiredOfferPassed(d dateMatch, now time.Time) (bool, bool) {
	if d.Clock {
		at := d.At
		if !d.Zoned {
			at = at.Add(12 * time.Hour)
		}
		return now.After(at), true
	}
	return dateSettle(d, func(t time.Time) bool {
		return !now.Before(t.Add(36 * time.Hour))
	})
}

// expiredOfferText reports the visible promotions whose deadline passed.
func expiredOfferText(p *PagePass, body *html.Node, lang string, posted time.Time) {
	ft := staleFlatCode(p, body) // without code, customer reviews and comments
	seen := map[*html.Node]bool{}
	prev := 0
	for _, d := range parseDates(ft.text, lang) {
		pre := ft.text[max(prev, d.Start-40):d.Start]
		prev = d.End
		if !expiredOfferDeadlineRe.MatchString(pre) {
			continue
		}
		passed, ok := expiredOfferPassed(d, p.Now)
		if !ok || !passed {
			continue
		}
		ts, ok := ft.textNodeAt(d.Start)
		if !ok || ts.node.Parent == nil {
			continue
		}
		line := dom.Closest(ts.node.Parent, dom.IsBlock)
		if line == nil {
			continue
		}
		ls, ok := ft.spanOf(line)
		if !ok {
			continue
		}
		sentence := expiredOfferSentence(ft.text, ls, d.Start, d.End)
		if expiredOfferPastRe.MatchString(sentence) {
			continue // "the 2019 sale ended on June 30, 2019"
		}
		if !expiredOfferPromoRe.MatchString(sentence) && !expiredOfferPromoRe.MatchString(expiredOfferBox(ft, line)) {
			continue
		}
		if seen[line] {
			continue
		}
		seen[line] = true
		deadline := d.Time()
		msg := fmt.Sprintf("promotion expired on %s: %q", deadline.Format(time.DateOnly), expiredOfferQuote(sentence))
		sev := Severity(0)
		if !posted.IsZero() && !dom.InChrome(line) && posted.Before(deadline) {
			sev = Info
			msg += fmt.Sprintf(" (in a post published %s, which may be an archive)", posted.Format(time.DateOnly))
		}
		p.Report(Issue{Node: line, Severity: sev, Message: msg})
	}
}

// expiredOfferSentence returns the sentence of line span ls that holds
// start:end.
func expiredOfferSentence(text string, ls flatSpan, start, end int) string {
	from := ls.start
	for i := start - 1; i > ls.start; i-- {
		if strings.ContainsRune(".!?", rune(text[i])) && i+1 < len(text) && text[i+1] == ' ' && !unicode.IsDigit(rune(text[i-1])) {
			from = i + 2
			break
		}
	}
	to := ls.end
	for i := end; i < ls.end-1; i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' {
			to = i + 1
			break
		}
	}
	return strings.TrimSpace(text[from:to])
}

// expiredOfferBox returns the text of the promo box around a line: its
// largest ancestor whose text stays short, stopping at main and body.
func expiredOfferBox(ft *flatText, line *html.Node) string {
	box, _ := ft.spanOf(line)
	for a := line.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.Data == "body" || a.Data == "main" || a.Data == "article" {
			break
		}
		s, ok := ft.spanOf(a)
		if !ok || s.len() > expiredOfferBlockMax {
			break
		}
		box = s
	}
	return ft.text[box.start:box.end]
}

// expiredOfferQuote shortens a sentence for a message.
func expiredOfferQuote(s string) string {
	const limit = 120
	if len(s) <= limit {
		return s
	}
	cut := strings.LastIndex(s[:limit], " ")
	if cut < limit/2 {
		cut = limit
	}
	return s[:cut] + "…"
}

// expiredOfferPostDate returns the publication date of a blog or news
// post (article:published_time, or datePublished of an Article-type item),
// or zero for pages that are not posts.
func expiredOfferPostDate(root *html.Node, items []staleGroupLDItem, lang string) time.Time {
	var out time.Time
	dom.Walk(root, func(n *html.Node) bool {
		if !out.IsZero() || (n.Type == html.ElementNode && n.Data == "body") {
			return false
		}
		if n.Data == "meta" && dom.AttrOr(n, "property") == "article:published_time" {
			if d, ok := parseDate(dom.AttrOr(n, "content"), lang); ok {
				out = d.Time()
			}
		}
		return true
	})
	if !out.IsZero() {
		return out
	}
	for _, it := range items {
		for _, t := range staleGroupTypes(it.obj) {
			switch t {
			case "Article", "BlogPosting", "NewsArticle", "Report", "ScholarlyArticle", "LiveBlogPosting":
				for _, v := range staleGroupStrings(it.obj["datePublished"]) {
					if d, ok := parseDate(v, lang); ok {
						return d.Time()
					}
				}
			}
		}
	}
	return time.Time{}
}

// expiredOfferStructured reports the first structured offer, job posting
// or event past its end, and how many more there are.
func expiredOfferStructured(p *PagePass, root *html.Node, items []staleGroupLDItem, lang string) {
	type expired struct {
		node      *html.Node
		what, val string
	}
	var found []expired
	for _, it := range items {
		types := staleGroupTypes(it.obj)
		kind := expiredOfferKind(types)
		if kind == "" {
			continue
		}
		for _, pr := range expiredOfferProps {
			if pr.prop == "endDate" && kind != "Event" {
				continue
			}
			for _, v := range staleGroupStrings(it.obj[pr.prop]) {
				d, ok := parseDate(v, lang)
				if !ok {
					continue // structured-data reports unparsable dates
				}
				if passed, ok := expiredOfferPassed(d, p.Now); ok && passed {
					found = append(found, expired{it.script, types[0] + " " + pr.what, v})
				}
			}
		}
	}
	// Microdata: itemprop values inside an item of the right type.
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		for _, pr := range expiredOfferProps {
			if !mdHasItemprop(n, pr.prop) {
				continue
			}
			item := dom.Closest(n.Parent, func(a *html.Node) bool { _, ok := dom.Attr(a, "itemscope"); return ok })
			if item == nil {
				continue
			}
			it := dom.AttrOr(item, "itemtype")
			typ := it[strings.LastIndex(it, "/")+1:]
			kind := expiredOfferKind([]string{typ})
			if kind == "" || (pr.prop == "endDate" && kind != "Event") {
				continue
			}
			v := microdataValue(n)
			d, ok := parseDate(v, lang)
			if !ok {
				continue
			}
			if passed, ok := expiredOfferPassed(d, p.Now); ok && passed {
				found = append(found, expired{n, typ + " " + pr.what, v})
			}
		}
		return true
	})
	if len(found) == 0 {
		return
	}
	f := found[0]
	msg := fmt.Sprintf("structured data: %s %q has passed", f.what, f.val)
	if len(found) > 1 {
		msg += fmt.Sprintf(" (and %d more expired date%s on this page)", len(found)-1, pluralS(len(found)-1))
	}
	p.Report(Issue{Node: f.node, Message: msg})
}

// expiredOfferKind sorts schema.org types into the kinds whose end dates
// matter: "Offer" (Offer, AggregateOffer, Demand), "JobPosting", "Event"
// (every *Event type), or "".
func expiredOfferKind(types []string) string {
	for _, t := range types {
		switch {
		case t == "Offer" || t == "AggregateOffer" || t == "Demand":
			return "Offer"
		case t == "JobPosting":
			return "JobPosting"
		case strings.HasSuffix(t, "Event"):
			return "Event"
		}
	}
	return ""
}
