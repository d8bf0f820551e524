package checks

import "strings"

// staleReviewWords is the rule's first filter: a page without any of
// staleReviewRawCues was never read, and still is not.
var staleReviewWords = rawCueWords(staleReviewRawCues)

// staleReviewCues are the words of the page source that let stale-review
// render the page text: a word of a review label (reviewDateLabelRe,
// staleReviewNextRe, reviewerLabelRe or a lastReviewed property) where a
// label can stand: "reviewed", "reviewer", "review date", "next review",
// not "preview" or "code review".
var staleReviewCues = func() []rawCue {
	var out []rawCue
	// reviewerLabelRe's labels that staleReviewRawCues lacks ("fact checked
	// by") count too: a page with one of them and a word of
	// staleReviewRawCues was always read.
	for _, w := range append([]string{"revu", "überprüf"}, staleReviewRawCues...) {
		if w != "review" {
			out = append(out, rawCue{word: w, rule: cueStaleReview})
		}
	}
	return append(out,
		rawCue{word: "checked", rule: cueStaleReview, accept: func(src []byte, _, end int) bool { return cueNextWord(src, end, "", "by") }},
		rawCue{word: "review", rule: cueStaleReview, accept: staleReviewCueAt})
}()

// staleReviewCueWords are the words of staleReviewCueRe.
var staleReviewCueWords = rawCueWords([]string{"review", "geprüft", "überprüft", "revisad", "revisto", "révisé", "relu",
	"vérifié", "revisionat", "rivisto", "beoordeeld", "gecontroleerd", "herzien"})

// staleReviewCueIn reports whether staleReviewCueRe matches text, without
// running the regexp over all of a long page. The regexp also folds the
// long s (ſ) and the Kelvin sign (K) as s and k: for those it runs.
func staleReviewCueIn(text string) bool {
	if strings.Contains(text, "ſ") || strings.Contains(text, "\u212a") {
		return staleReviewCueRe.MatchString(text)
	}
	return hasWord(staleReviewCueWords, text)
}

// staleReviewCueAt accepts "review" as a label can use it: reviewed,
// reviewer(s), review date, review due, next review, date of review, due
// for review.
func staleReviewCueAt(src []byte, start, end int) bool {
	if cueMayStart(src, end, "ed") || cueMayStart(src, end, "er") {
		return true
	}
	if cueNextWord(src, end, "", "date", "due") {
		return true
	}
	return cuePrevWord(src, start, "next", "of", "for")
}
