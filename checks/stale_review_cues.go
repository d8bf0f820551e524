package checks

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
	for _, w := range append([]string{"checked", "revu", "überprüf"}, staleReviewRawCues...) {
		if w != "review" {
			out = append(out, rawCue{word: w, rule: cueStaleReview})
		}
	}
	return append(out, rawCue{word: "review", rule: cueStaleReview, accept: staleReviewCueAt})
}()

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
