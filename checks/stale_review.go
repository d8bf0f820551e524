package checks

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// StaleReview flags a content review that is too old, whose stated next
// review has passed, or that is dated in the future (rules-research §3).
var StaleReview = &Check{
	ID:       "stale-review",
	Severity: Warning,
	Summary:  "the page's content review is out of date or dated in the future",
	Doc: `Flags a page whose stated review is out of date: the latest review date ("Medically reviewed
by NAME, MD on June 3, 2022", "Page last reviewed: 15 March 2023", "Last reviewed: March 2023",
or lastReviewed in structured data) is older than max-age-days (730 by default), or a stated
"Next review due" date has passed (an explicit next-review date wins over max-age-days, as in
the NHS three-year cycle), or the review date lies more than two days in the future. A review
date promises that an expert checked the content recently; an old one tells readers and
search engines that the advice may be out of date, and a future one looks like a made-up date.
Customer reviews, testimonials and comments are not content reviews and are ignored. Numeric
dates are read in the page's language (en-US month first, others day first); one the language
does not settle is used only when both readings give the same verdict.

Bad:  <p>Page last reviewed: 15 March 2023<br>Next review due: 15 March 2026</p>   (checked in June 2026)
Good: <p>Page last reviewed: 2 June 2026<br>Next review due: 2 June 2029</p>, with lastReviewed
      updated in the page's JSON-LD.`,
	Help: "Have the content re-reviewed, then update the visible review date (and next review date) and lastReviewed in the structured data.",
	Options: []Option{{
		Name:    "max-age-days",
		Default: 730,
		Doc:     "a review older than this many days is stale, unless a stated next review date has not passed yet",
	}},
	Page: staleReview,
}

var (
	// staleReviewCueRe is a cheap test that a page may state a review date.
	staleReviewCueRe = regexp.MustCompile(`(?i)review|geprüft|überprüft|revisad|revisto|révisé|relu|vérifié|revisionat|rivisto|beoordeeld|gecontroleerd|herzien`)
	// staleReviewRawCues are words (lower case) that any review label
	// or lastReviewed property contains.
	staleReviewRawCues = []string{"review", "geprüft", "überprüft", "revisad", "revisto", "révisé", "relu", "vérifié",
		"revisionat", "rivisto", "beoordeeld", "gecontroleerd", "herzien", "révision", "revisión", "revisão", "revisione"}
	// staleReviewNextRe is a label of the next review date ("Next review
	// due:"), matched at the end of the text before a date.
	staleReviewNextRe = regexp.MustCompile(`(?i)(?:next\s*review(?:\s*(?:due|date))?|review\s*due|due\s*for\s*review|nächste\s*überprüfung|prochaine\s*révision|próxima\s*revisión|próxima\s*revisão|prossima\s*revisione|volgende\s*herziening)(?:\s*(?:on|by|am|le|el|em|il|op|in))?\s*[:\-–—]?\s*$`)
)

// staleReviewFutureSlack is how far ahead of now a review date may lie
// (time zones, scheduled publishing) before it counts as in the future.
const staleReviewFutureSlack = 2 * 24 * time.Hour

// A staleReviewDate is a review date stated on the page.
type staleReviewDate struct {
	date dateMatch
	node *html.Node
	next bool // a next-review-due date, not the date of a review
	src  string
}

func staleReview(p *PagePass) error {
	root := p.Root()
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	if body == nil {
		return nil
	}
	// Most pages never mention a review: their text says so without being
	// rendered.
	if !cuesMay(p, cueStaleReview) || len(p.Page.Raw) > 0 && !hasWord(staleReviewWords, p.Page.Raw) {
		return nil
	}
	lang := pageLang(root)
	dates := staleReviewStructured(root, lang)
	ft := staleFlatBylines(p, body)
	if len(dates) == 0 && !staleReviewCueIn(ft.text) {
		return nil
	}
	shown := shownDates(ft, body)
	visible := staleReviewLabelled(ft, shown, lang)
	mainSpan, ok := ft.spanOf(p.Main())
	if !ok || mainSpan.len() == 0 {
		mainSpan = flatSpan{0, len(ft.text)}
	}
	for _, b := range findBylines(ft, mainSpan, shown) {
		if d, ok := staleReviewBylineDate(ft, shown, b, lang); ok {
			visible = append(visible, d)
		}
	}
	if len(visible) == 0 {
		// A "Page last reviewed" line may sit in a footer, which bylines skip.
		all := staleFlatCode(p, body)
		visible = staleReviewLabelled(all, shownDates(all, body), lang)
	}
	dates = append(visible, dates...)
	staleReviewJudge(p, dates)
	return nil
}

// staleReviewJudge reports the first problem of a page's review dates: a
// passed next review, else a latest review older than the limit; and a
// review dated in the future.
func staleReviewJudge(p *PagePass, dates []staleReviewDate) {
	now := p.Now
	maxAge := p.IntOption("max-age-days")
	var next, last *staleReviewDate
	var lastEnd time.Time
	for i := range dates {
		d := &dates[i]
		if d.next {
			if next == nil || d.date.Time().After(next.date.Time()) {
				next = d
			}
			continue
		}
		end := staleReviewEnd(d.date)
		if last == nil || end.After(lastEnd) {
			last, lastEnd = d, end
		}
		future, ok := dateSettle(d.date, func(t time.Time) bool {
			return t.After(now.Add(staleReviewFutureSlack))
		})
		if ok && future {
			p.Report(Issue{Node: d.node, Message: fmt.Sprintf("review date %s is in the future (now %s)", staleReviewShow(d.date), now.Format(time.DateOnly))})
			return
		}
	}
	if next != nil {
		passed, ok := dateSettle(next.date, func(t time.Time) bool {
			if next.date.NoDay {
				return !now.Before(t.AddDate(0, 1, 0)) // "due March 2026": all of March
			}
			return !now.Before(t.AddDate(0, 0, 1))
		})
		if ok && passed {
			msg := fmt.Sprintf("next review was due %s and has passed (now %s)", staleReviewShow(next.date), now.Format(time.DateOnly))
			if last != nil {
				msg += fmt.Sprintf("; last reviewed %s", staleReviewShow(last.date))
			}
			p.Report(Issue{Node: next.node, Message: msg})
		}
		return // a stated next review overrides max-age-days
	}
	if last == nil {
		return
	}
	stale, ok := dateSettle(last.date, func(t time.Time) bool {
		if last.date.NoDay {
			t = t.AddDate(0, 1, -1) // "March 2023": the end of March, to be fair
		}
		return staleReviewDays(now, t) > maxAge
	})
	if !ok || !stale {
		return
	}
	age := staleReviewDays(now, staleReviewEnd(last.date))
	p.Report(Issue{Node: last.node, Message: fmt.Sprintf("review is %s old (last reviewed %s%s; limit %d days)", staleReviewAge(age), staleReviewShow(last.date), last.src, maxAge)})
}

// staleReviewDays counts whole days from t to now.
func staleReviewDays(now, t time.Time) int {
	return int(now.Sub(t).Hours() / 24)
}

// staleReviewEnd is the latest day a date may mean: the end of the month
// for "March 2023", the later reading of an ambiguous numeric date.
func staleReviewEnd(d dateMatch) time.Time {
	t := d.Time()
	if d.NoDay {
		return t.AddDate(0, 1, -1)
	}
	if d.Ambiguous && d.DayFirst().After(t) {
		return d.DayFirst()
	}
	return t
}

// staleReviewShow writes a date for a message: ISO when known, as written
// when ambiguous or month-only.
func staleReviewShow(d dateMatch) string {
	switch {
	case d.NoDay:
		return d.Time().Format("2006-01")
	case d.Ambiguous:
		return fmt.Sprintf("%q", d.Text)
	}
	return d.Time().Format(time.DateOnly)
}

// staleReviewAge writes an age in days as a person would say it.
func staleReviewAge(days int) string {
	if days >= 730 {
		return fmt.Sprintf("%d years", days/365)
	}
	return fmt.Sprintf("%d days", days)
}

// staleReviewLabelled returns the dates of a text labelled as review or
// next-review dates ("Page last reviewed: 15 March 2023", "Next review
// due: 15 March 2026"), using missing-review-date's labels. A label must
// start its line, follow a separator, be capitalised or end in a colon:
// "books I reviewed in March 2019" is prose, not a review date.
func staleReviewLabelled(ft *flatText, shown []shownDate, lang string) []staleReviewDate {
	var out []staleReviewDate
	prevEnd := 0
	for _, d := range shown {
		pre := ft.text[max(prevEnd, d.start-dateLabelLookback):d.start]
		prevEnd = d.end
		next := staleReviewNextRe.FindStringIndex(pre)
		loc := next
		if loc == nil {
			if d.time != nil && mdHasItemprop(d.time, "lastReviewed") {
				if dm, ok := staleReviewParseShown(d, lang); ok {
					out = append(out, staleReviewDate{date: dm, node: d.time})
				}
				continue
			}
			loc = reviewDateLabelRe.FindStringIndex(pre)
		}
		if loc == nil || !staleReviewLabelStarts(pre, loc[0]) {
			continue
		}
		dm, ok := staleReviewParseShown(d, lang)
		if !ok {
			continue
		}
		out = append(out, staleReviewDate{date: dm, node: staleReviewNodeAt(ft, d), next: next != nil})
	}
	return out
}

// staleReviewLabelStarts reports whether the label at pre[i:] is a label:
// capitalised, or ending in a colon, or at the start of pre or after a
// separator.
func staleReviewLabelStarts(pre string, i int) bool {
	label := pre[i:]
	first, _ := utf8.DecodeRuneInString(label)
	if unicode.IsUpper(first) || strings.Contains(label, ":") {
		return true
	}
	before := strings.TrimRight(pre[:i], " ")
	if before == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(bylineSeparators+".,", last)
}

// staleReviewBylineDate returns the date joined to a reviewer byline
// ("Medically reviewed by NAME, MD on June 3, 2022"), as
// judgeBylineScope accepts it: after the byline, within reviewJoinWindow,
// with no other label between.
func staleReviewBylineDate(ft *flatText, shown []shownDate, b reviewByline, lang string) (staleReviewDate, bool) {
	for _, d := range shown {
		if d.start < b.end || d.end > b.scope.end {
			continue
		}
		if d.start-b.end > reviewJoinWindow || betweenLabelRe.MatchString(ft.text[b.end:d.start]) {
			return staleReviewDate{}, false
		}
		pre := ft.text[max(b.end, d.start-dateLabelLookback):d.start]
		if pageDateLabelRe.MatchString(pre) || staleReviewNextRe.MatchString(pre) {
			return staleReviewDate{}, false
		}
		dm, ok := staleReviewParseShown(d, lang)
		if !ok {
			return staleReviewDate{}, false
		}
		return staleReviewDate{date: dm, node: staleReviewNodeAt(ft, d)}, true
	}
	return staleReviewDate{}, false
}

// staleReviewParseShown reads a shown date: the datetime of its <time>
// when it has one, else its text.
func staleReviewParseShown(d shownDate, lang string) (dateMatch, bool) {
	if d.time != nil {
		if dm, ok := parseDate(dom.AttrOr(d.time, "datetime"), lang); ok {
			return dm, true
		}
	}
	return parseDate(d.text, lang)
}

// staleReviewNodeAt returns the element showing a date.
func staleReviewNodeAt(ft *flatText, d shownDate) *html.Node {
	if d.time != nil {
		return d.time
	}
	if ts, ok := ft.textNodeAt(d.start); ok && ts.node.Parent != nil {
		return ts.node.Parent
	}
	return nil
}

// staleReviewStructured returns lastReviewed values from JSON-LD and
// microdata.
func staleReviewStructured(root *html.Node, lang string) []staleReviewDate {
	var out []staleReviewDate
	for _, it := range staleGroupJSONLD(root) {
		for _, v := range staleGroupStrings(it.obj["lastReviewed"]) {
			if dm, ok := parseDate(v, lang); ok {
				out = append(out, staleReviewDate{date: dm, node: it.script, src: " in structured data (lastReviewed)"})
			}
		}
	}
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && mdHasItemprop(n, "lastReviewed") {
			if dm, ok := parseDate(microdataValue(n), lang); ok {
				out = append(out, staleReviewDate{date: dm, node: n, src: " in microdata (lastReviewed)"})
			}
		}
		return true
	})
	return out
}
