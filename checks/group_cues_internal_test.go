package checks

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// cueSamples are texts that the rules' patterns match, or nearly match.
var cueSamples = []string{
	// expired-offer
	"Get 50% off your first session", "50 %off", "$20 off", "€ 15,50 off today", "a discount of 10", "SAVE $20 now",
	"save up to 30%", "Save  £5", "FREE shipping", "free 30-minute consultation", "Free\u00a0trial", "promo code SPRING",
	"promocode", "Promotion ends", "the promotions", "promoção", "Coupon", "our sale ends", "wholesale prices",
	"Special   offer", "offer is valid until", "Offer good through", "limited-time deal", "Limited time", "early-bird",
	"earlybird", "Half price", "bogo", "BOGO!", "buy  one get one", "Gutschein", "Rabatt", "Angebot gilt bis",
	"30% de descuento", "oferta", "10% di sconto", "offerta", "korting", "actie", "acties", "RÉDUCTION de 20%",
	"remise", "soldes", "dis\u00adcount", "Free<b>", "an optional offset", "free software", "side-effect-free",
	"valid until June 30, 2025", "Offer ends 2025-06-30", "book by 30.06.2025", "expires on: Friday, 6/27/2025",
	"gültig bis 27. Juni 2025", "Gültig bis zum 27.06.2025", "jusqu'au 27 juin 2025", "jusqu'à 1er juillet 2025",
	"hasta el 27 de junio de 2025", "t/m 27-06-2025", "last day 2025-06-27", "no later than June 1st, 2025",
	"valid to 1/1/2026", "antes del 5 de mayo de 2025", "fino al 27/06/2025", "entro il 27 giugno 2025",
	"tot en met 27 juni 2025", "uiterlijk 27 juni 2025", "ends the 27th June 2025", "closing — June 27, 2025",
	"Expiry date: 2025-06-27", "before 2025-06-27T10:00", "until Sept. 3, 2025", "by MÄRZ 3, 2025", "till 2025年6月27日",
	"before 3.8", "by 2 days", "to 0", "Deadline: 5 août 2025",
	// timestamp-leak
	"2025-06-27T04:50:55-08:00", "2025-06-27T04:50", "2025-06-27 04:50:55 +0000 UTC", "2025-06-27 04:50:55.123 -0700 PDT",
	"Fri, 27 Jun 2025 12:00:00 GMT", "Fri, 27 Jun 2025 12:00:00 +0200", "0001-01-01", "0000-00-00", "1970-01-01",
	"1/1/0001", "01/01/0001", "01/01/1970", "Jan 1, 1970", "January 1st 1970", "1 Jan 0001", "1st January, 1970",
	"Dec. 31, 1969", "31 December 0000", "Updated: NaN", "Posted on 1700000000", "last updated - Invalid Date",
	"Date: 1700000000000", "modified – nan", "Reviewed on: 1234567890", "bpo-31970", "30000-byte", "between 1970 and 2038",
	"1970-01-01 00:00:00", "candidate 1", "Date:", "12:00",
	// placeholder-text
	"Lorem ipsum dolor sit amet", "lorem ipsum", "Dolor sit amet", "Add Your Heading Text Here",
	"I am text block. Click edit button to change this text.", "click edit button to change this text",
	"Your content goes here. Edit or remove this text inline.", "Your Title Goes Here", "edit or remove this text inline",
	"Just another WordPress site", "This is an example page", "This is your first post. Edit or delete it", "Sample Page",
	"Hello world!", "Hello world", "Page load link", "{{ post.title }}", "{% if user %}", "%%title%%",
	"%title% %sep% %sitename%", "%excerpt_only%", "${name}", "${ name }", "[fusion_text]", "[/vc_row]",
	"[et_pb_section fullwidth=\"on\"]", "[contact-form-7 id=\"1\"]", "[gravityform id=1]", "[ insert client name ]",
	"[Your logo here]", "[add   your\n  name ]", "[insert \u00e9l\u00e9ments de la liste en fran\u00e7ais ici, s'il vous pla\u00eet, vite]", "TODO: add the map", "FIXME", "TBD", "TBD.", "Your Name", "Company Name", "Your Company",
	"Your Business Name", "name@example.com", "info@yourdomain.com", "me@yourdomain.co", "a@domain.com",
	"x@yoursite.com", "x@email.com", "555-555-5555", "(123) 456-7890", "000 000 0000", "123.456.7890", "( 555 ) 555 5555",
	"your name", "the TODO list", "an example", "m_reload", "exitonclick", "81.0%",
	// stale-copyright
	"© 2011 - 2023 Clinic Name", "(c) 2020", "Copyright 2021", "copr. 2019", "COPYRIGHT © 2019",
	// stale-review
	"Page last reviewed: 15 March 2023", "Last reviewed", "Reviewed by Dr. Jane Doe", "Medically reviewed by",
	"Next review due: 15 March 2026", "review date: 1 May 2024", "Date of review", "due for review in", "reviewer:",
	"Medical reviewer:", "fact-checked by", "Nächste Überprüfung", "prochaine révision", "volgende herziening",
	"geprüft von", "Relu par", "revisado por", "preview", "code review", "reviews", "REVIEW", "RÉVISÉ", "Überprüft",
	"GEPRÜFT", "Herzien", "fact checkedby",
}

// cueFoldFlat folds text as flatten does: spaces to one space, zero-width
// characters dropped.
func cueFoldFlat(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
		case flatInvisible(r):
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cueRulePatterns are, per rule, the regexps whose matches the cues must
// not miss, and whether they read folded text.
var cueRulePatterns = func() map[cueRule][]*regexp.Regexp {
	m := map[cueRule][]*regexp.Regexp{
		cueExpiredOffer: {expiredOfferPromoRe},
		cueTimestamp:    {timestampLeakGoRe, timestampLeakISORe, timestampLeakHTTPRe, timestampLeakSentinelRe, timestampLeakLabelValueRe},
		cueCopyright:    {staleCopyrightRe},
		cueStaleReview: {
			regexp.MustCompile(strings.TrimSuffix(reviewDateLabelRe.String(), "$")),
			regexp.MustCompile(strings.TrimSuffix(staleReviewNextRe.String(), "$")),
			reviewerLabelRe, regexp.MustCompile(`lastReviewed`),
		},
	}
	for _, pat := range placeholderPatterns {
		m[cuePlaceholder] = append(m[cuePlaceholder], pat.re)
	}
	return m
}()

// checkCues fails when a rule's pattern matches text but the cues of the
// rule are not found in it.
func checkCues(t *testing.T, text string) {
	t.Helper()
	if got, want := staleReviewCueIn(text), staleReviewCueRe.MatchString(text); got != want {
		t.Errorf("%q: staleReviewCueIn = %v, staleReviewCueRe matches: %v", text, got, want)
	}
	run := cueAppend(nil, text)
	found := rawCues.scan(run, 0) | rawCuesPlaceholder.scan(run, 0)
	flat := cueFoldFlat(text)
	prev := 0
	for _, d := range parseDates(flat, "") {
		pre := flat[max(prev, d.Start-40):d.Start]
		prev = d.End
		if expiredOfferDeadlineRe.MatchString(pre) && found&cueExpiredDeadline == 0 {
			t.Errorf("%q: a deadline before %q, but its cue is not found", text, d.Text)
		}
	}
	for rule, res := range cueRulePatterns {
		in := flat
		if rule == cueTimestamp {
			in = text // read one text node as it is
		}
		for _, re := range res {
			if re.MatchString(in) && found&rule == 0 {
				t.Errorf("%q: %v matches, but the cues of rule %b are not found", text, re, rule)
			}
		}
	}
}

func TestCuesFindWhatPatternsMatch(t *testing.T) {
	for _, s := range cueSamples {
		checkCues(t, s)
		// In a longer text, and at both ends of one.
		checkCues(t, "Intro text, then "+s+" and more text.")
	}
}

func TestStaleReviewCueIn(t *testing.T) {
	for _, s := range append([]string{"reviſado", "REVIſTO", "no cue here", "prévisé"}, cueSamples...) {
		if got, want := staleReviewCueIn(s), staleReviewCueRe.MatchString(s); got != want {
			t.Errorf("%q: staleReviewCueIn = %v, staleReviewCueRe matches: %v", s, got, want)
		}
	}
}

func TestCuesSkipPlainText(t *testing.T) {
	for _, s := range []string{"preview", "code review", "an optional offset", "free software",
		"bpo-31970", "30000-byte", "candidate 1", "sample page", "m_reload", "side-effect-free", "before 3.8, by 2 days, set to 0",
		"the end 2025 plan"} {
		text := "Some words " + s + " and more words."
		run := cueAppend(nil, text)
		if got := rawCues.scan(run, 0) | rawCuesPlaceholder.scan(run, 0); got&^cueCopyright != 0 {
			t.Errorf("%q: cues %b found, want none", text, got)
		}
	}
}

func FuzzCues(f *testing.F) {
	for _, s := range cueSamples {
		f.Add(s)
	}
	f.Fuzz(checkCues)
}

func TestRawContains(t *testing.T) {
	for _, c := range []struct {
		src, word string
		k         int
		want      bool
	}{
		{`<script type="application/ld+json">`, "ld+json", 2, true},
		{`a+json ld+jso`, "ld+json", 2, false},
		{`"priceValidUntil": "2020"`, "priceValidUntil", 5, true},
		{`priceValidUntiL`, "priceValidUntil", 5, false},
		{`endDate`, "endDate", 3, true},
		{`Date`, "endDate", 3, false},
	} {
		if got := rawContains([]byte(c.src), c.word, c.k); got != c.want {
			t.Errorf("rawContains(%q, %q) = %v, want %v", c.src, c.word, got, c.want)
		}
	}
}

func TestCueWalk(t *testing.T) {
	for _, c := range []struct {
		html string
		want cueRule // the rules whose cues must be found
		none cueRule // and those that must not
	}{
		// Hidden or skipped text between two words: a rule's rendering
		// may join them, so the walk must not read them apart.
		{`<p>Get 50%<span class="sr-only">percent</span> off</p>`, cueExpiredOffer, 0},
		{`<p>Get 50%<code>x</code>off</p>`, cueExpiredOffer, 0},
		{`<p>Our sale<span hidden></span>s</p>`, cueExpiredOffer, 0},
		{`<p>free <span style="display:none">x</span> shipping</p>`, cueExpiredOffer, 0},
		// Joined across left-out code, as flatten joins it (with a space).
		{`<p>Get 50% off, valid until <code>x</code> June 30, 2025</p>`, cueExpiredOffer | cueExpiredDeadline, 0},
		{`<p>prepared by <code>X</code>. Free <code>y</code> software, the <kbd>end</kbd> 2025</p>`, 0, cueExpiredOffer | cueExpiredDeadline},
		// A word split by an element that may be shown, or by code that
		// placeholder-text's collector drops without a space.
		{`<p>F<span role="presentation">ree</span> shipping</p>`, cueExpiredOffer, 0},
		{`<p><span role="presentation">L</span>orem ipsum</p>`, cuePlaceholder, 0},
		{`<p>TO<code>x</code>DO: the map</p>`, cuePlaceholder, 0},
		{`<p>dis<span style="color:red">c</span><span role="none">o</span>unt</p>`, cueExpiredOffer, 0},
		// The rules' regexps also read parts of the text: a promo box may
		// start or end inside a word, a text node too, and the deadline
		// label is read from the end of an earlier date on.
		{`<p>x<a href="#">sale</a>s: 50% off until June 30, 2020</p>`, cueExpiredOffer | cueExpiredDeadline, 0},
		{`<p>June 1, 2024<span>until June 30, 2025</span></p>`, cueExpiredDeadline, 0},
		{`<p>byJune 30, 2025</p>`, cueExpiredDeadline, 0},
		{`<p>x<b>0001-01-01</b>z</p>`, cueTimestamp, 0},
		{`<p>x<b>01/01/1970</b>z</p>`, cueTimestamp, 0},
		{`<p>x<i>Updated: NaN</i>z</p>`, cueTimestamp, 0},
		// Plain markup joins as rendered: these say nothing.
		{`<p>an optional <em>offset</em> and <a class="reference internal" href="#x">free</a> software</p>`, 0, cueExpiredOffer},
		{`<p>Read the <em>preview</em>, a code review.</p>`, 0, cueStaleReview},
		{`<p>See [1], add it to [the list/of things], your name [x].</p>`, 0, cuePlaceholder},
		{`<pre>TODO: 2025-06-27T04:50:55Z</pre><p>Nothing here.</p>`, 0, cuePlaceholder | cueTimestamp},
		{`<div class="highlight"><p>Lorem ipsum</p></div>`, 0, cuePlaceholder},
		// Text the rules read outside the body text.
		{`<html><head><title>Hello world!</title></head><body></body></html>`, cuePlaceholder, 0},
		{`<p><img alt="Lorem ipsum" src="a.png"></p>`, cuePlaceholder, 0},
		{`<p><a href="tel:555-555-5555">Call</a></p>`, cuePlaceholder, 0},
		{`<script type="application/ld+json">{"lastReviewed": "2020-01-01"}</script>`, cueStaleReview, 0},
		{`<footer>© 2019 Clinic</footer>`, cueCopyright, 0},
		// What the rules read apart from the text: microdata, JSON-LD and
		// footers, also inside code, templates and drawings.
		{`<div itemscope><meta itemprop="lastReviewed" content="2019-01-01"></div>`, cueStaleReview, 0},
		{`<html><head><meta itemprop="LastReviewed" content="2019-01-01"></head><body></body></html>`, cueStaleReview, 0},
		{`<pre><script type="application/ld+json">{"lastReviewed": "2019-01-01"}</script></pre>`, cueStaleReview, 0},
		{`<template><div itemprop="lastReviewed">2019</div></template>`, cueStaleReview, 0},
		{`<pre><footer>© 2019</footer></pre>`, cueCopyright, 0},
		{`<p>Updated: <span class="date">NaN</span></p>`, cueTimestamp, 0},
	} {
		doc, err := html.Parse(strings.NewReader(c.html))
		if err != nil {
			t.Fatal(err)
		}
		var w cueWalk
		w.page(doc)
		if w.found&c.want != c.want || w.found&c.none != 0 {
			t.Errorf("%s: found cues %05b, want %05b and not %05b", c.html, w.found, c.want, c.none)
		}
	}
}

func TestCueClassRisky(t *testing.T) {
	for class, want := range map[string]bool{
		"reference internal": false, "optional": false, "sig-param": false,
		"sr-only": true, "rich-snippet-hidden": true, "pre": true, "highlight-python3": true,
		"testimonial": true, "comment-body": true, "site-footer": true, "wp-caption-text": true,
	} {
		if got := cueClassRisky(class); got != want {
			t.Errorf("cueClassRisky(%q) = %v, want %v", class, got, want)
		}
	}
	for id, want := range map[string]bool{"intro": false, "comments": true, "colophon": true} {
		if got := cueIDRisky(id); got != want {
			t.Errorf("cueIDRisky(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestCueAppend(t *testing.T) {
	for _, inv := range []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"} {
		for _, pre := range []string{"", "ab", "abcdefghijk", "caf\u00e9 \u2019 abcdefgh"} {
			s := pre + "dis" + inv + "count"
			if got, want := string(cueAppend([]byte("x"), s)), "x"+pre+"discount"; got != want {
				t.Errorf("cueAppend(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"plain ascii text, long enough", "caf\u00e9 \u2014 \u00a9 \u00a0 ok"} {
		if got := string(cueAppend(nil, s)); got != s {
			t.Errorf("cueAppend(%q) = %q", s, got)
		}
	}
}
