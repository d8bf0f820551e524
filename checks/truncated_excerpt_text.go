package checks

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text helpers of truncated-excerpt: taking the markers off an excerpt,
// spotting broken character references, and aligning the excerpt's words
// with the words of the article it summarizes (rules-research §2).

// cutText is an excerpt with its markers taken off.
type cutText struct {
	core      string // the text itself, markers and whitespace trimmed
	leading   bool   // it opened with an ellipsis: a deliberate mid-text quote
	ellipsis  bool   // it ended with "…" or "..." (not the bracketed WordPress one)
	bracket   bool   // it ended with WordPress's " […]" (or "[...]")
	glued     bool   // the ellipsis touches the last word: "intui…"
	markerLen int    // characters of the ellipsis ("…" 1, "..." 3)
	broken    string // a broken character reference or U+FFFD at its end, "" when none
}

// trailingWords are read-more affordances that themes append to an excerpt,
// lowercase, as they may stand after the text.
var trailingWords = []string{
	"read more", "continue reading", "keep reading", "read the rest", "read full article",
	"read article", "read post", "read the full article", "read the full post", "more",
	"lire la suite", "weiterlesen", "leer más", "continua a leggere", "leia mais", "lees meer",
}

// trailingArrows are read-more glyphs.
var trailingArrows = []string{"»", "›", "→", "->", ">>", "⟶"}

// splitMarkers takes the leading and trailing markers off s (whitespace
// already folded) and says which there were.
func splitMarkers(s string) cutText {
	var c cutText
	s = strings.TrimSpace(s)
	for _, m := range []string{"[…]", "[...]", "…", "..."} {
		if strings.HasPrefix(s, m) {
			c.leading = true
			s = strings.TrimSpace(s[len(m):])
			break
		}
	}
	// Read-more words and arrows come last ("text… Read more »"), the
	// ellipsis before them; only one ellipsis is taken off.
	for changed := true; changed && s != ""; {
		changed = false
		for _, a := range trailingArrows {
			if strings.HasSuffix(s, a) {
				s, changed = strings.TrimSpace(s[:len(s)-len(a)]), true
				break
			}
		}
		lower := strings.ToLower(s)
		for _, w := range trailingWords {
			if changed || !strings.HasSuffix(lower, w) {
				continue
			}
			rest := s[:len(s)-len(w)]
			if rest == "" {
				break
			}
			// A phrase set apart from the text: "… Read more", never the end
			// of a sentence like "to learn more"; a bare "more" only after a marker.
			r := lastRune(strings.TrimRightFunc(rest, unicode.IsSpace))
			if (w == "more" && !isMarkerRune(r)) || (!unicode.IsSpace(lastRune(rest)) && !isMarkerRune(lastRune(rest))) {
				continue
			}
			s, changed = strings.TrimSpace(rest), true
		}
	}
	for _, m := range []string{"[…]", "[...]", "[ … ]", "[ ... ]", "(…)", "(...)"} {
		if strings.HasSuffix(s, m) {
			s, c.bracket = strings.TrimSpace(s[:len(s)-len(m)]), true
			break
		}
	}
	if !c.bracket {
		for _, m := range []string{"…", "..."} {
			if strings.HasSuffix(s, m) {
				rest := s[:len(s)-len(m)]
				c.glued = rest != "" && !unicode.IsSpace(lastRune(rest))
				c.markerLen = utf8.RuneCountInString(m)
				s, c.ellipsis = strings.TrimSpace(rest), true
				break
			}
		}
	}
	c.core = s
	c.broken = brokenEnd(s)
	if c.broken != "" {
		c.core = strings.TrimSpace(strings.TrimSuffix(s, c.broken))
	}
	return c
}

func isMarkerRune(r rune) bool { return r == '…' || r == '.' || r == ']' || r == ')' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// brokenRefRe matches a character reference cut short, or one escaped twice
// and so shown as written, at the end of a text.
var brokenRefRe = regexp.MustCompile(`&(#[0-9]*;?|#[xX][0-9a-fA-F]*;?|[a-z]{1,8};?)$`)

// entityNames are the character references that excerpts and descriptions
// usually carry; a cut one leaves a prefix of one of them.
var entityNames = []string{
	"amp", "hellip", "nbsp", "quot", "apos", "rsquo", "lsquo", "rdquo", "ldquo", "ndash",
	"mdash", "laquo", "raquo", "lt", "gt", "copy", "reg", "trade", "eacute", "egrave",
	"agrave", "uuml", "ouml", "auml", "szlig", "ccedil", "bull", "middot", "deg", "euro",
}

// brokenEnd returns the broken character reference or replacement character
// that s ends with, or "".
func brokenEnd(s string) string {
	if strings.HasSuffix(s, "\uFFFD") {
		return "\uFFFD"
	}
	m := brokenRefRe.FindString(s)
	if m == "" {
		return ""
	}
	name := strings.TrimSuffix(m[1:], ";")
	if strings.HasPrefix(name, "#") {
		return m
	}
	if len(name) < 2 { // "Q&a": too little to tell a cut reference from text
		return ""
	}
	for _, e := range entityNames {
		if strings.HasPrefix(e, name) && (!strings.HasSuffix(m, ";") || e == name) {
			return m
		}
	}
	return ""
}

// A word of an excerpt or article: as shown, and normalized for matching
// (case folded, curly quotes and dashes made ASCII, outer punctuation trimmed).
type word struct {
	raw, norm string
}

var asciiPunct = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-",
)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// normWord normalizes one whitespace-separated token; "" when it holds no letter or digit.
func normWord(s string) string {
	if !excerptASCII(s) { // asciiPunct replaces only non-ASCII characters
		s = asciiPunct.Replace(s)
	}
	s = strings.ToLower(s)
	return strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// excerptASCII reports whether s is all ASCII.
func excerptASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// words splits text into words, dropping tokens that are only punctuation.
func words(text string) []word {
	var out []word
	for _, f := range strings.Fields(text) {
		if n := normWord(f); n != "" {
			out = append(out, word{raw: f, norm: n})
		}
	}
	return out
}

// noSpaceScript reports whether s is written in a script without spaces
// between words (Chinese, Japanese, Thai and neighbours) or Korean, where
// WordPress counts characters and cuts land inside words by design.
func noSpaceScript(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
			unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// latinWord reports whether w has a Latin letter.
func latinWord(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// sentenceFinal reports whether s ends a sentence: a full stop, question or
// exclamation mark, possibly followed by closing quotes or brackets.
func sentenceFinal(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune(`"')]}’”»`, r)
	})
	if s == "" {
		return false
	}
	return strings.ContainsRune(".?!…。！？", lastRune(s))
}

// Alignment ---------------------------------------------------------------

// minAlignWords is the fewest words an excerpt needs before it is aligned
// with an article: shorter ones match common phrases by chance.
const minAlignWords = 5

// headWords is how many of the excerpt's first words must match the article.
const headWords = 8

// tailWords is how many words before the excerpt's last one locate its end in the article.
const tailWords = 4

// An alignment places an excerpt in the article it summarizes.
type alignment struct {
	start int    // article word where the excerpt begins
	lost  string // letters the excerpt's first word has lost, "" when none
	// end: the article word the excerpt's last word stands for, -1 when it
	// could not be placed (the article text kept is too short, or the words differ).
	end     int
	midWord bool // the excerpt's last word is a strict prefix of that article word
}

// alignWords finds the excerpt in the article. ok is false when the excerpt
// is not a run of the article's words (a hand-written excerpt).
func alignWords(ex, art []word) (al alignment, ok bool) {
	n := len(ex)
	if n < minAlignWords || len(art) == 0 {
		return al, false
	}
	// The last word may be the cut one, so the head stops before it.
	h := min(headWords, n-1)
	start, lost := -1, ""
	for pass := 0; pass < 2 && start < 0; pass++ {
		for k := 0; k+h <= len(art); k++ {
			if !restMatches(ex[1:h], art[k+1:k+h]) {
				continue
			}
			if pass == 0 && art[k].norm == ex[0].norm {
				start = k
				break
			}
			if pass == 1 && startsMidWord(ex[0].raw) {
				if p, ok := lostPrefix(ex[0].norm, art[k].norm); ok && (startsLower(ex[0].raw) || utf8.RuneCountInString(p) <= 2) {
					start, lost = k, p
					break
				}
			}
		}
	}
	if start < 0 {
		return al, false
	}
	al = alignment{start: start, end: -1}
	if lost != "" {
		al.lost = lostDisplay(art[start].raw, ex[0].raw)
		if al.lost == "" {
			al.lost = lost
		}
	}
	// Place the end: the words before the last one, found at or after the
	// start; of several places, the one nearest to where it would be if no
	// word was left out or added.
	t := min(tailWords, n-1)
	tail := ex[n-1-t : n-1]
	expect, best := start+n-1-t, -1
	for j := start; j+t < len(art); j++ {
		if tailMatches(tail, art[j:j+t], n-1-t == 0, lost != "") && (best < 0 || absInt(j-expect) < absInt(best-expect)) {
			best = j
		}
	}
	if best < 0 {
		return al, true
	}
	last, aw := ex[n-1].norm, art[best+t].norm
	switch {
	case last == aw:
		al.end = best + t
	case strings.HasPrefix(aw, last):
		// A letter goes on: "da" of "dance". A digit is more often a
		// footnote mark glued to the word ("dance<sup>1</sup>").
		// And the excerpt's word must stop on a letter: "couple." was ended
		// by its writer, even where the article says "couples".
		next, _ := utf8.DecodeRuneInString(aw[len(last):])
		if unicode.IsLetter(next) && isWordRune(lastRune(ex[n-1].raw)) {
			al.end, al.midWord = best+t, true
		}
	}
	return al, true
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func restMatches(ex, art []word) bool {
	if len(ex) != len(art) {
		return false
	}
	for i := range ex {
		if ex[i].norm != art[i].norm {
			return false
		}
	}
	return true
}

// tailMatches compares the words before an excerpt's last one; when they
// include its first word and that one lost letters, a suffix match is enough.
func tailMatches(ex, art []word, hasFirst, firstLost bool) bool {
	for i := range ex {
		if ex[i].norm == art[i].norm {
			continue
		}
		if i == 0 && hasFirst && firstLost {
			if _, ok := lostPrefix(ex[0].norm, art[0].norm); ok {
				continue
			}
		}
		return false
	}
	return true
}

// startsMidWord reports whether word w may be the rest of a longer word: its
// first letter is lowercase, or from a script without case. "Trusting" after
// an inline label ("New" + "Trusting") is a whole word, "rusting" is not.
func startsMidWord(w string) bool {
	r := firstLetter(w)
	return r != 0 && !unicode.IsUpper(r) && !unicode.IsTitle(r)
}

// startsLower reports whether the first letter of w is lowercase.
func startsLower(w string) bool { return unicode.IsLower(firstLetter(w)) }

func firstLetter(w string) rune {
	for _, r := range w {
		if isWordRune(r) {
			return r
		}
	}
	return 0
}

// lostPrefix reports whether excerpt word e is article word a without its
// first letters, and returns them. Only letters count: "being" after
// "well-being" lost a word, not letters.
func lostPrefix(e, a string) (string, bool) {
	if len(a) <= len(e) || !strings.HasSuffix(a, e) {
		return "", false
	}
	p := a[:len(a)-len(e)]
	for _, r := range p {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	return p, true
}

// lostDisplay returns the missing letters as the article shows them
// ("T" of "Trusting"), from the raw words.
func lostDisplay(artRaw, exRaw string) string {
	a := strings.TrimFunc(asciiPunct.Replace(artRaw), func(r rune) bool { return !isWordRune(r) })
	e := strings.TrimFunc(asciiPunct.Replace(exRaw), func(r rune) bool { return !isWordRune(r) })
	if len(a) > len(e) && strings.EqualFold(a[len(a)-len(e):], e) {
		return a[:len(a)-len(e)]
	}
	return ""
}

// Quoting -----------------------------------------------------------------

const quoteWords = 5

// headQuote is the first words of text, closed with "…".
func headQuote(text string) string {
	f := strings.Fields(text)
	if len(f) <= quoteWords {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:quoteWords], " ") + "…"
}

// tailQuote is the last words of text as shown, markers included, opened with "…".
func tailQuote(text string) string {
	f := strings.Fields(text)
	if len(f) <= quoteWords+1 {
		return strings.Join(f, " ")
	}
	return "…" + strings.Join(f[len(f)-quoteWords-1:], " ")
}

// artQuote quotes article words [from, to] (clamped), with "…" where it cuts.
func artQuote(art []word, from, to int) string {
	from, to = max(from, 0), min(to, len(art)-1)
	if from > to {
		return ""
	}
	raw := make([]string, 0, to-from+1)
	for _, w := range art[from : to+1] {
		raw = append(raw, w.raw)
	}
	q := strings.Join(raw, " ")
	if from > 0 {
		q = "…" + q
	}
	if to < len(art)-1 && !sentenceFinal(q) {
		q += "…"
	}
	return q
}
