package checks

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// This file is the shared date parser of the date rules (issue 4 item 4):
// it finds calendar dates in rendered text and reads single date values.
// Forms: ISO 8601 dates and date-times, "June 27, 2025", "June 27th, 2025",
// "Sept. 3, 2025", "27 June 2025", month names in en, de, fr, es, pt, it
// and nl, CJK "2025年6月27日", and numeric dates whose order follows the page
// language (parseDates). Two-digit years are never dates.
//
// Entry points: findDates and findMonthYears (text in, matches out, no
// language), parseDates (findDates with numeric dates settled by <html
// lang>), parseDate (one value: a datetime attribute, a JSON-LD date), and
// dateSettle (a verdict that holds under both readings of an ambiguous date).

// A dateMatch is one date found in a text.
type dateMatch struct {
	Start, End int    // byte offsets of the match in the text
	Text       string // the matched text, as written
	Year       int
	Month      time.Month
	Day        int
	// Ambiguous marks a numeric date such as 03/04/2025 whose fields could be
	// month/day or day/month. Year, Month and Day hold the month-first
	// (en-US) reading; DayFirst gives the other.
	Ambiguous bool
	// NoDay marks a month-year match from findMonthYears ("March 2025");
	// Day is then 1.
	NoDay bool
	// ISO marks a date written in ISO 8601 (2025-06-27). Clock is set when it
	// also carries a time of day (2025-06-27T04:50:55-08:00); At is then that
	// instant, and Zoned says whether the text gave its offset (else At is
	// read as UTC).
	ISO, Clock, Zoned bool
	At                time.Time
}

// Time returns the date at midnight UTC.
func (d dateMatch) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// DayFirst returns the day/month reading of an ambiguous numeric date, or the
// date itself when it is not ambiguous.
func (d dateMatch) DayFirst() time.Time {
	if !d.Ambiguous {
		return d.Time()
	}
	return time.Date(d.Year, time.Month(d.Day), int(d.Month), 0, 0, 0, 0, time.UTC)
}

// dateMonthNames maps lower-case month names and abbreviations in en, de, fr, es,
// pt, it and nl to their month. Shared spellings (april, juni, mai) agree.
var dateMonthNames = buildDateMonthNames()

func buildDateMonthNames() map[string]time.Month {
	table := map[time.Month][]string{
		time.January:   {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januari"},
		time.February:  {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "fevereiro", "fev", "febbraio", "februari"},
		time.March:     {"march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt"},
		time.April:     {"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		time.May:       {"may", "mai", "mayo", "maio", "maggio", "mag", "mei"},
		time.June:      {"june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu"},
		time.July:      {"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug"},
		time.August:    {"august", "aug", "août", "aout", "agosto", "ago", "augustus"},
		time.September: {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre"},
		time.October:   {"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "ottobre", "ott"},
		time.November:  {"november", "nov", "novembre", "noviembre", "novembro"},
		time.December:  {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dezembro", "dicembre"},
	}
	names := map[string]time.Month{}
	for m, list := range table {
		for _, n := range list {
			names[n] = m
		}
	}
	return names
}

// dateMonthPrefixes holds the first three bytes of every month name: a
// text holds a month name only where it holds one of them.
var dateMonthPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for n := range dateMonthNames {
		m[n[:3]] = true
	}
	return m
}()

// hasMonthName reports whether lower, a lowercased text, may hold a month
// name: the regexps of the named forms (a long alternation) run only then.
func hasMonthName(lower string) bool {
	for i := 0; i+3 <= len(lower); i++ {
		if dateMonthPrefixes[lower[i:i+3]] {
			return true
		}
	}
	return false
}

// dateMonthAlt is a regexp alternation of every month name, longest first so
// "june" wins over "jun" and "mayo" over "may".
func dateMonthAlt() string {
	names := make([]string, 0, len(dateMonthNames))
	for n := range dateMonthNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return strings.Join(names, "|")
}

type dateForm struct {
	re    *regexp.Regexp
	parse func(m []string) (y int, mo time.Month, d int, ambiguous bool, ok bool)
	named bool // starts with a month name (letter boundary rules differ)
	iso   bool // ISO 8601: read the time of day too
	// What any match must contain, checked before the regexp runs: one of
	// the characters of anyOf, and a month name when month is set.
	anyOf string
	month bool
	// startsWith, when set, tells where a match can start (a month name, a
	// digit): the regexp is then tried, anchored, only there. A long
	// case-folded alternation is slow to run along a whole text.
	startsWith func(lower string, i int) bool
	anchored   *regexp.Regexp
}

// withStarts sets where f's matches can start and anchors its regexp.
func (f dateForm) withStarts(at func(lower string, i int) bool) dateForm {
	f.startsWith = at
	f.anchored = regexp.MustCompile(`^(?:` + f.re.String() + `)`)
	return f
}

// startsMonth reports whether a month name may start at byte i of lower.
func startsMonth(lower string, i int) bool {
	return i+3 <= len(lower) && dateMonthPrefixes[lower[i:i+3]]
}

// startsDigit reports whether byte i of lower is a digit.
func startsDigit(lower string, i int) bool { return lower[i] >= '0' && lower[i] <= '9' }

// findAllAnchored finds what f.re.FindAllStringSubmatchIndex(sub, -1) finds:
// the leftmost match, then the leftmost after its end, and so on; but it
// tries the regexp only where startsWith allows a match to begin. lower is
// sub lowercased.
func (f dateForm) findAllAnchored(sub, lower string) [][]int {
	// The regexp folds case by Unicode's simple folding: the long s folds
	// to s and the Kelvin sign to k, which ToLower leaves or resizes. Such a
	// text is searched the slow way.
	if len(lower) != len(sub) || strings.ContainsAny(sub, "\u017f\u212a") {
		return f.re.FindAllStringSubmatchIndex(sub, -1)
	}
	var out [][]int
	for i := 0; i < len(sub); i++ {
		if !f.startsWith(lower, i) {
			continue
		}
		loc := f.anchored.FindStringSubmatchIndex(sub[i:])
		if loc == nil {
			continue
		}
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] += i
			}
		}
		out = append(out, loc)
		i = max(loc[1], i+1) - 1
	}
	return out
}

// anchorForms sets where the matches of the month-name forms can start: at
// the month name, or at the day before it.
func anchorForms(forms []dateForm) []dateForm {
	for i, f := range forms {
		switch {
		case f.month && f.named:
			forms[i] = f.withStarts(startsMonth)
		case f.month:
			forms[i] = f.withStarts(startsDigit)
		}
	}
	return forms
}

var dateForms = func() []dateForm {
	months := dateMonthAlt()
	ord := `(?:st|nd|rd|th|er|º|°)?`
	return anchorForms([]dateForm{
		{ // ISO 8601 date or date-time: 2025-06-27, 2025-06-27T04:50:55-08:00
			anyOf: "-",
			re:    regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`),
			iso:   true,
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[1]), time.Month(dateAtoi(m[2])), dateAtoi(m[3]), false, true
			},
		},
		{ // year first with slashes or dots: 2025/06/27, 2025.06.27
			anyOf: "/.",
			re:    regexp.MustCompile(`(\d{4})([/.])(\d{1,2})([/.])(\d{1,2})`),
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[1]), time.Month(dateAtoi(m[3])), dateAtoi(m[5]), false, m[2] == m[4]
			},
		},
		{ // CJK: 2025年6月27日
			anyOf: "年",
			re:    regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`),
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[1]), time.Month(dateAtoi(m[2])), dateAtoi(m[3]), false, true
			},
		},
		{ // month first: June 27, 2025; Jun 27 2025; June 27th, 2025; Sept. 3, 2025
			month: true,
			re:    regexp.MustCompile(`(?i)(` + months + `)\.?\s*(\d{1,2})` + ord + `\.?,?\s*(\d{4})`),
			named: true,
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[3]), dateMonthNames[strings.ToLower(m[1])], dateAtoi(m[2]), false, true
			},
		},
		{ // day first: 27 June 2025; 27. Juni 2025; 1er juin 2025; 27 de junio de 2025
			month: true,
			re:    regexp.MustCompile(`(?i)(\d{1,2})` + ord + `\.?\s*(?:de\s+)?(` + months + `)\.?,?\s*(?:(?:de|del)\s+)?(\d{4})`),
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[3]), dateMonthNames[strings.ToLower(m[2])], dateAtoi(m[1]), false, true
			},
		},
		{ // numeric: 06/27/2025 (M/D), 27/06/2025 or 27.06.2025 (D/M)
			anyOf: "/.-",
			re:    regexp.MustCompile(`(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4})`),
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				if m[2] != m[4] {
					return 0, 0, 0, false, false
				}
				a, b, y := dateAtoi(m[1]), dateAtoi(m[3]), dateAtoi(m[5])
				switch {
				case m[2] == ".": // 27.06.2025 is day first wherever dots are used
					return y, time.Month(b), a, false, true
				case a > 12:
					return y, time.Month(b), a, false, true
				case b > 12 || a == b:
					return y, time.Month(a), b, false, true
				default:
					return y, time.Month(a), b, true, true
				}
			},
		},
	})
}()

func dateAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// findDates returns the dates written in text, in order, without overlaps.
// Labels may touch the date with no space between ("Updated OnJune 27,
// 2025"), since inline elements render that way; two-digit years are not
// dates.
func findDates(text string) []dateMatch {
	return matchForms(text, dateForms)
}

// matchForms runs every form over text and keeps the earliest, longest
// matches that do not overlap.
func matchForms(text string, forms []dateForm) []dateMatch {
	return matchFormsIn(text, dateSegments(text), forms)
}

// matchFormsIn is matchForms on the given segments of text.
func matchFormsIn(text string, segs [][2]int, forms []dateForm) []dateMatch {
	var out []dateMatch
	for _, f := range forms {
		for _, seg := range segs {
			out = matchFormIn(text, seg, f, out)
		}
	}
	slices.SortFunc(out, func(a, b dateMatch) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	kept := out[:0]
	last := -1
	for _, d := range out {
		if d.Start < last {
			continue
		}
		kept = append(kept, d)
		last = d.End
	}
	return kept
}

// Every date form holds a four-digit year, at most dateYearBefore bytes
// after the start of the date ("27 de septiembre de 2025") and
// dateYearAfter bytes before its end (an ISO date-time with fractions and
// offset). Running the forms' regexps only on windows around the years
// keeps the parser fast on long pages: month-name alternations are slow
// over hundreds of kilobytes of text.
const (
	dateYearBefore = 48
	dateYearAfter  = 48
)

// dateSegments returns the windows of text around the year-like numbers
// (four digits from 1900 to 2199, not part of a longer number), merged
// where they overlap.
func dateSegments(text string) [][2]int {
	var segs [][2]int
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		// A year is a run of four digits, or the last four of a run of five
		// or six: a day glued to it ("Jan12000" reads as January 1, 2000).
		if y := j - 4; j-i >= 4 && j-i <= 6 && (text[y:y+2] == "19" || text[y:y+2] == "20" || text[y:y+2] == "21") {
			a, b := max(0, i-dateYearBefore), min(len(text), j+dateYearAfter)
			if n := len(segs); n > 0 && a <= segs[n-1][1] {
				segs[n-1][1] = b
			} else {
				segs = append(segs, [2]int{a, b})
			}
		}
		i = j
	}
	return segs
}

// matchFormIn appends the matches of form f in text[seg[0]:seg[1]].
func matchFormIn(text string, seg [2]int, f dateForm, out []dateMatch) []dateMatch {
	sub := text[seg[0]:seg[1]]
	if f.anyOf != "" && !strings.ContainsAny(sub, f.anyOf) {
		return out
	}
	lower := sub
	if f.month || f.anchored != nil {
		lower = strings.ToLower(sub) // once for the month test and the anchors
	}
	if f.month && !hasMonthName(lower) {
		return out
	}
	var locs [][]int
	if f.anchored != nil {
		locs = f.findAllAnchored(sub, lower)
	} else {
		locs = f.re.FindAllStringSubmatchIndex(sub, -1)
	}
	for _, loc := range locs {
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += seg[0]
			}
		}
		start, end := loc[0], loc[1]
		if !dateBoundaries(text, start, end, f.named) {
			continue
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = text[loc[2*i]:loc[2*i+1]]
			}
		}
		y, mo, d, amb, ok := f.parse(m)
		if !ok || !dateValid(y, mo, d) {
			continue
		}
		if amb && !dateValid(y, time.Month(d), int(mo)) {
			amb = false
		}
		dm := dateMatch{Start: start, End: end, Text: text[start:end], Year: y, Month: mo, Day: d, Ambiguous: amb, ISO: f.iso}
		if f.iso {
			dm.At, dm.Clock, dm.Zoned = dateISOInstant(dm.Text)
		}
		out = append(out, dm)
	}
	return out
}

var monthYearForms = func() []dateForm {
	months := dateMonthAlt()
	return anchorForms([]dateForm{
		{ // March 2025, Mar. 2025, März 2025, marzo de 2025
			month: true,
			re:    regexp.MustCompile(`(?i)(` + months + `)\.?,?\s*(?:(?:de|del)\s+)?(\d{4})`),
			named: true,
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[2]), dateMonthNames[strings.ToLower(m[1])], 1, false, true
			},
		},
		{ // 03/2025
			anyOf: "/",
			re:    regexp.MustCompile(`(\d{1,2})/(\d{4})`),
			parse: func(m []string) (int, time.Month, int, bool, bool) {
				return dateAtoi(m[2]), time.Month(dateAtoi(m[1])), 1, false, true
			},
		},
	})
}()

// findMonthYears returns the month-year dates written in text ("Last
// reviewed: March 2025"), leaving out those inside a full date that
// findDates would return. They have NoDay set.
func findMonthYears(text string) []dateMatch {
	full := findDates(text)
	var out []dateMatch
	for _, d := range matchForms(text, monthYearForms) {
		inside := false
		for _, f := range full {
			if d.Start < f.End && f.Start < d.End {
				inside = true
				break
			}
		}
		if !inside {
			d.NoDay = true
			out = append(out, d)
		}
	}
	return out
}

// dateBoundaries rejects matches glued to other digits (a version number,
// a phone number) or, for month names, in the middle of a word ("dismay 3,
// 2025"). A capitalised month after a lower-case letter is accepted: that is
// two inline elements rendered without a space ("OnJune 27, 2025").
func dateBoundaries(text string, start, end int, named bool) bool {
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsDigit(r) || dateContinuesNumber(text[end:]) {
			return false // "3.12.2025.1" is a version, "…2025-1234" a reference
		}
	}
	if start == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:start])
	first, _ := utf8.DecodeRuneInString(text[start:])
	if strings.ContainsRune("./-", prev) && start >= 2 {
		if pp, _ := utf8.DecodeLastRuneInString(text[:start-1]); unicode.IsDigit(pp) {
			return false
		}
	}
	switch {
	case unicode.IsDigit(prev):
		return false
	case named && unicode.IsLetter(prev):
		return unicode.IsLower(prev) && unicode.IsUpper(first)
	case !named && unicode.IsLetter(prev) && unicode.IsUpper(prev):
		return false // "A12/03/2025"-style codes
	}
	return true
}

// dateContinuesNumber reports whether rest starts with a separator and a digit.
func dateContinuesNumber(rest string) bool {
	if len(rest) < 2 || !strings.ContainsRune("./-", rune(rest[0])) {
		return false
	}
	return rest[1] >= '0' && rest[1] <= '9'
}

func dateValid(y int, m time.Month, d int) bool {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Month() == m && t.Day() == d
}

// dateISOInstant reads the time of day of an ISO 8601 date-time. For a
// plain date it returns midnight UTC and clock false.
func dateISOInstant(s string) (at time.Time, clock, zoned bool) {
	if len(s) <= len("2006-01-02") {
		t, _ := time.Parse(time.DateOnly, s)
		return t, false, false
	}
	s = s[:10] + "T" + s[11:]
	// A numeric offset without a colon (-0800) becomes -08:00.
	if n := len(s); n > 5 && (s[n-5] == '+' || s[n-5] == '-') && !strings.Contains(s[n-5:], ":") && strings.Count(s[10:], ":") >= 1 {
		s = s[:n-2] + ":" + s[n-2:]
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, false
		}
	}
	t, _ := time.Parse(time.DateOnly, s[:10])
	return t, false, false
}

// A dateOrder is how a language writes numeric dates such as 03/04/2025.
type dateOrder int

const (
	dateOrderUnknown    dateOrder = iota // no language, or one used with both orders ("en")
	dateOrderMonthFirst                  // en-US: 03/04/2025 is March 4
	dateOrderDayFirst                    // everywhere else: 03/04/2025 is 3 April
)

// dateOrderOf returns the numeric date order of a BCP 47 language tag, as
// found in <html lang>. American English (and the few English variants
// that follow it) writes month first; a bare "en" says nothing, since
// sites in every English-speaking country use it; every other language
// writes day first.
func dateOrderOf(lang string) dateOrder {
	l := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	base, region, _ := strings.Cut(l, "-")
	region, _, _ = strings.Cut(region, "-")
	switch {
	case base == "":
		return dateOrderUnknown
	case base == "en" && region == "":
		return dateOrderUnknown
	case base == "en" && (region == "us" || region == "ph" || region == "um" || region == "as" || region == "gu"):
		return dateOrderMonthFirst
	}
	return dateOrderDayFirst
}

// settle resolves an ambiguous numeric date by the language's order; it
// stays ambiguous when the order is unknown.
func (d dateMatch) settle(order dateOrder) dateMatch {
	if !d.Ambiguous {
		return d
	}
	switch order {
	case dateOrderMonthFirst:
		d.Ambiguous = false
	case dateOrderDayFirst:
		d.Month, d.Day = time.Month(d.Day), int(d.Month)
		d.Ambiguous = false
	}
	return d
}

// parseDates returns the dates written in text, like findDates, with the
// numeric ones whose order is ambiguous settled by the page language lang
// (the <html lang> value). Those it cannot settle keep Ambiguous set: use
// them through dateSettle.
func parseDates(text, lang string) []dateMatch {
	ds := findDates(text)
	order := dateOrderOf(lang)
	for i := range ds {
		ds[i] = ds[i].settle(order)
	}
	return ds
}

// parseDate reads a single date value (a datetime attribute, a JSON-LD
// date, a label's value): text, give or take surrounding spaces and
// punctuation, must be exactly one date. Month-year values ("March 2025")
// are accepted with NoDay set.
func parseDate(text, lang string) (dateMatch, bool) {
	trimmed := strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '(' && r != ')')
	})
	if trimmed == "" {
		return dateMatch{}, false
	}
	if ds := parseDates(trimmed, lang); len(ds) == 1 && ds[0].Start == 0 && ds[0].End == len(trimmed) {
		return ds[0], true
	}
	if ms := findMonthYears(trimmed); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(trimmed) {
		return ms[0], true
	}
	return dateMatch{}, false
}

// dateSettle applies judge to a date and returns its verdict. For a date
// still ambiguous after parseDates it judges both readings and returns the
// verdict only when they agree: "03/04/2019" is more than two years old
// either way, "03/04/2026" may not be.
func dateSettle[T comparable](d dateMatch, judge func(time.Time) T) (T, bool) {
	v := judge(d.Time())
	if !d.Ambiguous {
		return v, true
	}
	if judge(d.DayFirst()) != v {
		var zero T
		return zero, false
	}
	return v, true
}

// pageLang returns the language of a document: the lang attribute of its
// <html> element ("" when absent).
func pageLang(root *html.Node) string {
	if root == nil {
		return ""
	}
	htmlEl := root
	if root.Type == html.DocumentNode {
		htmlEl = nil
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "html" {
				htmlEl = c
				break
			}
		}
	}
	if htmlEl == nil || htmlEl.Data != "html" {
		return ""
	}
	if l, ok := dom.Attr(htmlEl, "lang"); ok {
		return l
	}
	return dom.AttrOr(htmlEl, "xml:lang")
}
