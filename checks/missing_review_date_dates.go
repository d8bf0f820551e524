package checks

import (
	"slices"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// Dates for missing-review-date, read only where its questions look.
// shownDates runs the date parser over the whole page text, which costs
// milliseconds on a page of archive links and cards; the rule asks about
// three kinds of places only: the few dozen bytes after a review-date label
// (hasVisibleReviewDate), the byline boxes (bylineContext,
// judgeBylineScope), and the <time> elements. The parser reads the text in
// segments around year-like numbers (dateSegments) and no date crosses a
// segment, so the dates of one segment are the same whether the other
// segments are read or not: a lazyDates reads only the segments near those
// places, and its list holds every date of shownDates that lies there, with
// the same <time> marks, in the same order.

// dateMaxLen bounds the length of a date: every date form holds a year at
// most dateYearBefore bytes after the date's start and dateYearAfter bytes
// before its end.
const dateMaxLen = dateYearBefore + 4 + dateYearAfter

// A lazyDates is the dates of one flattened text, read on demand.
type lazyDates struct {
	ft    *flatText
	segs  [][2]int
	done  []bool        // per segment: read
	full  [][]dateMatch // per segment: findDates' matches
	month [][]dateMatch // per segment: findMonthYears' matches
	marks map[[2]int]*html.Node
	times []shownDate // <time> elements that became dates of their own
	wins  [][2]int    // the stretches of text the questions read
}

// newLazyDates prepares the dates of ft; none is read yet.
func newLazyDates(ft *flatText) *lazyDates {
	segs := dateSegments(ft.text)
	return &lazyDates{
		ft: ft, segs: segs, done: make([]bool, len(segs)),
		full: make([][]dateMatch, len(segs)), month: make([][]dateMatch, len(segs)),
	}
}

// readRange reads the segments that meet [lo, hi).
func (ld *lazyDates) readRange(lo, hi int) {
	i, _ := slices.BinarySearchFunc(ld.segs, lo, func(s [2]int, lo int) int {
		if s[1] <= lo {
			return -1
		}
		return 1
	})
	for ; i < len(ld.segs) && ld.segs[i][0] < hi; i++ {
		if ld.done[i] {
			continue
		}
		ld.done[i] = true
		seg := [][2]int{ld.segs[i]}
		// As findDates and findMonthYears do, on this segment alone.
		ld.full[i] = matchFormsIn(ld.ft.text, seg, dateForms)
		for _, d := range matchFormsIn(ld.ft.text, seg, monthYearForms) {
			inside := false
			for _, f := range ld.full[i] {
				if d.Start < f.End && f.Start < d.End {
					inside = true
					break
				}
			}
			if !inside {
				d.NoDay = true
				ld.month[i] = append(ld.month[i], d)
			}
		}
	}
}

// want registers a stretch of text a question will read.
func (ld *lazyDates) want(lo, hi int) {
	ld.wins = append(ld.wins, [2]int{lo, hi})
}

// read reads the segments that meet the stretches wanted, then matches the
// <time> elements below root with the text dates, as shownDates does: in
// document order, a <time> whose datetime is a date marks the first text
// date it overlaps (dates, then month-years, then earlier <time> dates), or
// becomes a date of its own. Only the <time> elements near a wanted
// stretch, or marked up as lastReviewed, are read: no other can touch a
// date that a question reads (a date is at most dateMaxLen long, so a
// <time> that marks a date near a stretch, or one that a lastReviewed
// <time> marks, lies within 2*dateMaxLen of it).
func (ld *lazyDates) read(root *html.Node) {
	near := func(s flatSpan) bool {
		for _, w := range ld.wins {
			if s.start < w[1]+2*dateMaxLen && w[0]-2*dateMaxLen < s.end {
				return true
			}
		}
		return false
	}
	var times []*html.Node
	dom.Walk(root, func(n *html.Node) bool {
		if !dom.IsElement(n, "time") {
			return true
		}
		if s, ok := ld.ft.spanOf(n); ok && s.len() > 0 && mdHasItemprop(n, "lastReviewed") {
			ld.want(s.start, s.end)
		}
		times = append(times, n)
		return false
	})
	for _, w := range ld.wins {
		ld.readRange(w[0], w[1])
	}
	for _, n := range times {
		s, ok := ld.ft.spanOf(n)
		if !ok || s.len() == 0 || !near(s) {
			continue
		}
		if dt, _ := dom.Attr(n, "datetime"); len(findDates(dt)) == 0 {
			continue
		}
		ld.readRange(s.start, s.end)
		if k, found := ld.firstOverlap(s); found {
			if ld.marks == nil {
				ld.marks = map[[2]int]*html.Node{}
			}
			ld.marks[k] = n
			continue
		}
		marked := false
		for i, d := range ld.times {
			if d.start < s.end && s.start < d.end {
				ld.times[i].time = n
				marked = true
				break
			}
		}
		if !marked {
			ld.times = append(ld.times, shownDate{flatSpan: s, text: ld.ft.text[s.start:s.end], time: n})
		}
	}
}

// firstOverlap returns the span of the first text date (dates, then
// month-years, each by start) that overlaps s.
func (ld *lazyDates) firstOverlap(s flatSpan) ([2]int, bool) {
	for _, list := range [][][]dateMatch{ld.full, ld.month} {
		for i, seg := range ld.segs {
			if seg[1] <= s.start || seg[0] >= s.end {
				continue
			}
			for _, d := range list[i] {
				if d.Start < s.end && s.start < d.End {
					return [2]int{d.Start, d.End}, true
				}
			}
		}
	}
	return [2]int{}, false
}

// list returns the dates read so far with the <time> dates, sorted by
// start, as shownDates would list them.
func (ld *lazyDates) list() []shownDate {
	var out []shownDate
	for i := range ld.segs {
		for _, d := range ld.full[i] {
			out = append(out, shownDate{flatSpan: flatSpan{d.Start, d.End}, text: d.Text, time: ld.marks[[2]int{d.Start, d.End}]})
		}
	}
	for i := range ld.segs {
		for _, d := range ld.month[i] {
			out = append(out, shownDate{flatSpan: flatSpan{d.Start, d.End}, text: d.Text, time: ld.marks[[2]int{d.Start, d.End}]})
		}
	}
	out = append(out, ld.times...)
	sortShownDates(out)
	return out
}

// reviewDateStems are pieces of every label of reviewDateLabelRe, with
// ASCII letters in lower case and the other letters in both cases.
var reviewDateStems = newCueSet(
	"review", "prüft", "prÜft", "revisado", "revisto", "révisé", "rÉvisé", "révisÉ", "rÉvisÉ", "relu",
	"vérifié", "vÉrifié", "vérifiÉ", "vÉrifiÉ", "revisionato", "rivisto", "beoordeeld", "gecontroleerd", "herzien",
)

// wantLabelWindows asks for the segments that hasVisibleReviewDate needs: a
// date matters there only when a review-date label stands in the
// dateLabelLookback bytes before it, and then so does the end of the date
// before it, if that one ends in those bytes. The labels are looked for in
// the text with its ASCII letters lowered (offsets kept); reviewDateLabelRe
// folds é, ü and ASCII letters as that does, but for the Kelvin sign (k)
// and the long s, and then every segment is read. Any date with a
// lastReviewed <time> counts too, which read takes care of.
func (ld *lazyDates) wantLabelWindows() {
	text := ld.ft.text
	if strings.ContainsAny(text, "\u212a\u017f") {
		ld.want(0, len(text))
		return
	}
	lower := []byte(text)
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	reviewDateStems.each(lower, func(p int) {
		ld.want(p-dateLabelLookback-1, p+dateLabelLookback+1)
	})
}

// wantScopes asks for the segments of the byline boxes that findBylines
// builds around the labels (bylineScope of the element holding each).
func (ld *lazyDates) wantScopes(labels [][]int) {
	for _, loc := range labels {
		if ts, ok := ld.ft.textNodeAt(loc[0]); ok && ts.node.Parent != nil {
			_, scope := bylineScope(ld.ft, ts.node.Parent)
			ld.want(scope.start, scope.end)
		}
	}
}

// reviewDatesOf returns what missing-review-date reads of the dates of ft
// (elements below root): whether a labelled review date is shown
// (hasVisibleReviewDate), and the dates a byline box may hold, with
// scopes naming the labels whose boxes are asked about (nil: none).
func reviewDatesOf(ft *flatText, root *html.Node, scopes [][]int) (reviewed bool, dates []shownDate) {
	ld := newLazyDates(ft)
	ld.wantLabelWindows()
	ld.wantScopes(scopes)
	ld.read(root)
	dates = ld.list()
	return hasVisibleReviewDate(ft, dates), dates
}
