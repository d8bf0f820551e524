package checks

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// TimestampLeak flags machine-format dates in the text of a page: ISO
// date-times, Go time strings, HTTP dates and placeholder dates such as
// 0001-01-01 (rules-research §5.3).
var TimestampLeak = &Check{
	ID:       "timestamp-leak",
	Severity: Warning,
	Summary:  "a raw machine timestamp or a placeholder date shows in the page text",
	Doc: `Flags dates written for machines in the text of a page: ISO 8601 date-times
("2025-06-27T04:50:55-08:00"), Go time strings ("2025-06-27 04:50:55 +0000 UTC"), HTTP dates
("Fri, 27 Jun 2025 12:00:00 GMT"), a date label followed by "Invalid Date", "NaN" or a Unix epoch
number, and the placeholder dates a template prints when its date field is empty: 0001-01-01
(Go's zero time, the Hugo missing-date symptom), 0000-00-00, and January 1, 1970 (the Unix
epoch) when they stand as a date value rather than in a sentence about them. Readers see
a raw timestamp as a glitch, and a placeholder date says the page has no real date at all.
Text hidden by a class (Avada prints the post date as <span class="updated
rich-snippet-hidden">2025-06-27T04:50:55-08:00</span>) is reported as info: browsers hide it,
but text extractors, feed readers and some screen readers still read it, often glued to the
visible date. Code, pre, kbd, samp and .highlight blocks are exempt, and so are attribute values
such as <time datetime>. A plain 2025-06-27 is a date people read and is not flagged.

Bad:  <span class="date">2025-06-27T04:50:55-08:00</span>
Good: <time datetime="2025-06-27T04:50:55-08:00">June 27, 2025</time>`,
	Help: `Format dates for people (<time datetime="2025-06-27T04:50:55-08:00">June 27, 2025</time>) and keep machine dates in attributes or JSON-LD; fill in empty date fields.`,
	Page: timestampLeak,
}

var (
	// timestampLeakGoRe finds Go's time.Time String() output, zero time included.
	timestampLeakGoRe = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{2,5}(?: m=[+-][\d.]+)?`)
	// timestampLeakISORe finds ISO 8601 date-times with a T, any year.
	timestampLeakISORe = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`)
	// timestampLeakHTTPRe finds RFC 1123 dates (HTTP headers, RSS pubDate).
	timestampLeakHTTPRe = regexp.MustCompile(`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})\b`)
	// timestampLeakSentinelRe finds placeholder dates: the zero dates of Go
	// and MySQL and the Unix epoch, written the ways templates print them.
	timestampLeakSentinelRe = regexp.MustCompile(`(?i)\b(?:0001-01-01|0000-00-00|1970-01-01|0{1,2}1/0{1,2}1/0001|01/01/1970|` +
		`(?:jan(?:uary)?\.?\s+1(?:st)?,?\s+(?:0001|1970))|(?:1(?:st)?\s+jan(?:uary)?\.?,?\s+(?:0001|1970))|` +
		`(?:dec(?:ember)?\.?\s+31(?:st)?,?\s+(?:0000|1969))|(?:31(?:st)?\s+dec(?:ember)?\.?,?\s+(?:0000|1969)))\b`)
	// timestampLeakLabelValueRe finds a date label followed by a broken value.
	timestampLeakLabelValueRe = regexp.MustCompile(`(?i)\b(?:updated|published|posted|modified|last\s+updated|date|reviewed)(?:\s+on)?\s*[:\-–]?\s*(Invalid Date|NaN|\d{13}|\d{10})\b`)
	// timestampLeakDateLabelRe is a date label right before a sentinel date.
	timestampLeakDateLabelRe = regexp.MustCompile(`(?i)(?:^|[|·•—–:\-]\s*)(?:last\s+)?(?:updated|published|posted|modified|created|reviewed|date|datum|fecha|data|` +
		`aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|actualizado|publicado|atualizado|pubblicato|aggiornato|bijgewerkt|gepubliceerd)` +
		`(?:\s+(?:on|am|le|el|em|il|op))?\s*[:\-–—|]?\s*$`)
)

// A timestampLeakHit is one leaked timestamp.
type timestampLeakHit struct {
	node     *html.Node // the element holding the text
	text     string
	sentinel bool
	broken   bool // a label followed by Invalid Date, NaN or an epoch number
	state    dom.State
}

func timestampLeak(p *PagePass) error {
	if !cuesMay(p, cueTimestamp) {
		return nil // no machine date can be in the text
	}
	body := dom.Find(p.Root(), func(n *html.Node) bool { return n.Data == "body" })
	if body == nil {
		return nil
	}
	var hits []timestampLeakHit
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				hits = append(hits, timestampLeakHits(c)...)
			case html.ElementNode:
				if flatSkip[c.Data] || flatCodeTags[c.Data] || c.Data == "dialog" || dom.HasClass(c, "highlight") {
					continue
				}
				walk(c)
			}
		}
	}
	walk(body)
	hiddenReported := 0
	for i, h := range hits {
		what := "raw timestamp"
		switch {
		case h.sentinel:
			what = "placeholder date"
		case h.broken:
			what = "broken date value"
		}
		if h.state <= dom.Collapsed || h.sentinel || h.broken {
			msg := fmt.Sprintf("%s %q in page text", what, h.text)
			if h.sentinel {
				msg += ": the date field is probably empty"
			}
			if h.state > dom.Collapsed {
				msg += fmt.Sprintf(" (%s)", timestampLeakHiddenBy(h.node))
			}
			p.Report(Issue{Node: h.node, Message: msg})
			continue
		}
		// Hidden copies repeat on listing pages (one per post card): the
		// first stands for the others.
		if hiddenReported > 0 {
			continue
		}
		hiddenReported++
		more := 0
		for _, o := range hits[i+1:] {
			if o.state > dom.Collapsed && !o.sentinel && !o.broken {
				more++
			}
		}
		msg := fmt.Sprintf("%s %q in page text (%s): browsers hide it, text extractors and some screen readers still read it", what, h.text, timestampLeakHiddenBy(h.node))
		if more > 0 {
			msg += fmt.Sprintf("; %d more on this page", more)
		}
		p.Report(Issue{Node: h.node, Severity: Info, Message: msg})
	}
	return nil
}

// timestampLeakHits returns the leaks in one text node, with the state of
// its element: the most restrictive of its own and its ancestors', as a
// walk from the body would carry it, found only when there is a leak.
func timestampLeakHits(t *html.Node) []timestampLeakHit {
	out := timestampLeakScan(t, dom.Visible)
	if len(out) > 0 {
		state := dom.StateOf(t.Parent)
		for i := range out {
			out[i].state = state
		}
	}
	return out
}

// timestampLeakScan returns the leaks in one text node.
func timestampLeakScan(t *html.Node, state dom.State) []timestampLeakHit {
	s := t.Data
	if !strings.ContainsAny(s, "0123456789") && !strings.Contains(s, "NaN") && !strings.Contains(s, "Invalid Date") {
		return nil
	}
	var out []timestampLeakHit
	add := func(text string, sentinel, broken bool) {
		out = append(out, timestampLeakHit{node: t.Parent, text: text, sentinel: sentinel, broken: broken, state: state})
	}
	taken := func(start, end int, spans [][2]int) bool {
		for _, sp := range spans {
			if start < sp[1] && sp[0] < end {
				return true
			}
		}
		return false
	}
	// Each regexp runs only when the text holds what all its matches hold
	// (most text with digits holds none of it): a time of day, a
	// placeholder year, a broken value.
	var spans [][2]int
	if timestampLeakHasTime(s) {
		for _, re := range []*regexp.Regexp{timestampLeakGoRe, timestampLeakISORe, timestampLeakHTTPRe} {
			for _, loc := range re.FindAllStringIndex(s, -1) {
				if taken(loc[0], loc[1], spans) || !timestampLeakEdges(s, loc[0], loc[1]) {
					continue
				}
				spans = append(spans, [2]int{loc[0], loc[1]})
				text := s[loc[0]:loc[1]]
				add(text, timestampLeakZero(text), false)
			}
		}
	}
	if strings.Contains(s, "0001") || strings.Contains(s, "0000") || strings.Contains(s, "1970") || strings.Contains(s, "1969") {
		for _, loc := range timestampLeakSentinelRe.FindAllStringIndex(s, -1) {
			if taken(loc[0], loc[1], spans) {
				continue
			}
			if !timestampLeakStandsAlone(s, loc[0], loc[1]) {
				continue // "seconds since January 1, 1970" explains the epoch
			}
			spans = append(spans, [2]int{loc[0], loc[1]})
			add(s[loc[0]:loc[1]], true, false)
		}
	}
	if timestampLeakHasFold(s, "nan") || timestampLeakHasFold(s, "invalid date") || timestampLeakDigitRun(s, 10) {
		for _, m := range timestampLeakLabelValueRe.FindAllStringSubmatchIndex(s, -1) {
			if taken(m[2], m[3], spans) {
				continue
			}
			add(strings.TrimSpace(s[m[0]:m[1]]), false, true)
		}
	}
	return out
}

// timestampLeakHasTime reports whether s holds a digit, a colon and a
// digit: every match of the Go, ISO and HTTP regexps has a time of day.
func timestampLeakHasTime(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		if i+1 < len(s) && cueIsDigit(s[i-1]) && cueIsDigit(s[i+1]) {
			return true
		}
	}
	return false
}

// timestampLeakHasFold reports whether s holds word (lower-case ASCII),
// ignoring ASCII case: the regexp's (?i) folds no other letter into these.
func timestampLeakHasFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if cueHasFold(s, i, word) {
			return true
		}
	}
	return false
}

// timestampLeakDigitRun reports whether s holds n digits in a row.
func timestampLeakDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if cueIsDigit(s[i]) {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// timestampLeakEdges rejects matches inside a longer token (an id, a path).
func timestampLeakEdges(s string, start, end int) bool {
	if start > 0 {
		r := rune(s[start-1])
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_/-.:", r)) {
			return false
		}
	}
	if end < len(s) {
		r := rune(s[end])
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '/') {
			return false
		}
	}
	return true
}

// timestampLeakStandsAlone reports whether a sentinel date is a date value
// rather than a date talked about: it is the whole text of its element,
// or it follows a date label ("Posted on", "Updated:").
func timestampLeakStandsAlone(s string, start, end int) bool {
	if !timestampLeakEdges(s, start, end) {
		return false
	}
	before := strings.TrimSpace(s[:start])
	after := strings.TrimFunc(s[end:], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if after == "" && strings.Trim(before, " |·•—–-:,()[]") == "" {
		return true
	}
	if after == "" || strings.HasPrefix(strings.ToLower(after), "00:00") || strings.HasPrefix(strings.ToLower(after), "at ") {
		return timestampLeakDateLabelRe.MatchString(s[:start]) && !strings.ContainsAny(strings.TrimSpace(s[:start]), ".!?")
	}
	return false
}

// timestampLeakHiddenBy describes what hides a node, for messages.
func timestampLeakHiddenBy(n *html.Node) string {
	by := dom.HiddenBy(n)
	state := dom.StateOf(n)
	switch {
	case by == "":
		return "hidden"
	case state == dom.ATOnly:
		return "screen-reader only, " + by
	}
	return "hidden by " + by
}

// timestampLeakZero reports whether a machine timestamp is a zero value:
// Go's zero time, the Unix epoch, MySQL's zero date.
func timestampLeakZero(ts string) bool {
	for _, zero := range []string{"0001-01-01", "1970-01-01", "0000-00-00", "01 Jan 1970 00:00:00", "01 Jan 0001 00:00:00", "31 Dec 1969"} {
		if strings.HasPrefix(ts, zero) || strings.Contains(ts, ", "+zero) {
			return true
		}
	}
	return false
}
