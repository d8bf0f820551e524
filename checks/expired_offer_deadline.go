package checks

import (
	"unicode"
	"unicode/utf8"
)

// expiredOfferDeadlineCues are the deadline labels of
// expiredOfferDeadlineRe, each where the label can stand: at the start of a
// word, or right after the end of an earlier date (the regexp reads the
// text from there), and before a date ("until June 30", "by 30.06.2025",
// "ends Friday, 6/27/2025", "byJune 30"). A page whose text has a promotion
// but no such label has no expired offer.
var expiredOfferDeadlineCues = func() []rawCue {
	var out []rawCue
	add := func(w string, accept func(src []byte, end int) bool) {
		out = append(out, rawCue{word: w, rule: cueExpiredDeadline, accept: func(src []byte, start, end int) bool {
			return expiredOfferLabelStart(src, start) && accept(src, end)
		}})
	}
	for _, w := range []string{"until", "till", "through", "thru", "by", "before", "end", "ends", "ending", "close", "closes",
		"closing", "expire", "expires", "expiring", "deadline", "até", "uiterlijk"} {
		add(w, expiredOfferDateAfter)
	}
	// Labels of two words or more, found by their first word.
	then := func(words ...string) func(src []byte, end int) bool { // the label goes on with one of words
		return func(src []byte, end int) bool {
			for _, w := range words {
				if expiredOfferDateAfterWord(src, end, w) {
					return true
				}
			}
			return false
		}
	}
	orThen := func(words ...string) func(src []byte, end int) bool { // the label may go on
		return func(src []byte, end int) bool { return expiredOfferDateAfter(src, end) || then(words...)(src, end) }
	}
	add("expiry", orThen("date"))
	add("last", then("day"))
	add("later", then("than"))
	add("valid", then("until", "through", "till", "to"))
	add("bis", orThen("zum"))
	add("avant", then("le"))
	add("hasta", orThen("el"))
	add("antes", then("de", "del"))
	add("fino", then("al"))
	add("entro", then("il"))
	add("tot", func(src []byte, end int) bool {
		j := cueSkipSpace(src, end)
		return expiredOfferDateAfter(src, end) || cueMayStart(src, j, "en") && (j+2 >= len(src) || expiredOfferDateAfterWord(src, j+2, "met"))
	})
	// jusqu'au, jusqu'à, t/m: glued together.
	out = append(out, rawCue{word: "jusqu'", rule: cueExpiredDeadline, accept: func(src []byte, start, end int) bool {
		if !expiredOfferLabelStart(src, start) {
			return false
		}
		for _, w := range []string{"au", "à"} {
			if cueMayStart(src, end, w) && (end+len(w) >= len(src) || expiredOfferDateAfter(src, end+len(w))) {
				return true
			}
		}
		return false
	}}, rawCue{word: "t/m", rule: cueExpiredDeadline, accept: func(src []byte, start, end int) bool {
		return expiredOfferLabelStart(src, start) && expiredOfferDateAfter(src, end)
	}})
	return out
}()

// expiredOfferLabelStart reports whether a deadline label may start at
// src[start] for expiredOfferDeadlineRe (\b): at the start of a word, or
// right after what may end an earlier date (a digit, the Z of an ISO
// time), where expiredOffer starts the text it reads before a date.
func expiredOfferLabelStart(src []byte, start int) bool {
	return cueWordStart(src, start) || cueIsDigit(src[start-1]) || src[start-1] == 'Z'
}

// expiredOfferDateAfterWord reports whether, after spaces, src at i holds
// word and then a date may follow.
func expiredOfferDateAfterWord(src []byte, i int, word string) bool {
	j := cueSkipSpace(src, i)
	if !cueHasFold(src, j, word) {
		return cueMayStart(src, j, word) && j+len(word) > len(src) // the run ends within
	}
	return expiredOfferDateAfter(src, j+len(word))
}

// expiredOfferDateAfter reports whether a date may start after a deadline
// label ending at src[i], past what expiredOfferDeadlineRe lets stand
// between them: spaces, "on" or "the", a colon or dash, a weekday.
func expiredOfferDateAfter(src []byte, i int) bool {
	i = cueSkipSpace(src, i)
	for _, w := range []string{"on", "the"} {
		if j := i + len(w); cueHasFold(src, i, w) && j < len(src) && cueSkipSpace(src, j) > j {
			i = cueSkipSpace(src, j)
			break
		}
	}
	switch {
	case i < len(src) && (src[i] == ':' || src[i] == '-'):
		i++
	case cueHasFold(src, i, "–") || cueHasFold(src, i, "—"):
		i += len("–")
	}
	i = cueSkipSpace(src, i)
	if w, j, ok := cueWordAt(src, i); ok && len(w) > 3 && w[len(w)-3:] == "day" { // Friday, mardi is not
		i = j
		if i < len(src) && src[i] == ',' {
			i++
		}
		i = cueSkipSpace(src, i)
	}
	return dateMayStart(src, i)
}

// dateMayStart reports whether one of the date forms of dates.go may start
// at src[i]: a month name, a year, or a day or month number followed by a
// separator and a number, an ordinal or a month name.
func dateMayStart(src []byte, i int) bool {
	if i >= len(src) {
		return true
	}
	if !cueIsDigit(src[i]) {
		w, j, ok := cueWordAt(src, i)
		if !ok {
			return false
		}
		_, month := dateMonthNames[w]
		return month || j >= len(src)
	}
	j := i
	for j < len(src) && cueIsDigit(src[j]) {
		j++
	}
	switch n := j - i; {
	case j >= len(src):
		return true
	case n == 4: // 2025-06-27, 2025/06/27, 2025.06.27, 2025年6月27日
		return cueShape(src, j, "-d") || cueShape(src, j, "/d") || cueShape(src, j, ".d") || cueMayStartExact(src, cueSkipSpace(src, j), "年")
	case n > 2:
		return false
	case cueByteIn(src[j], "/.-") && cueShape(src, j+1, "d"):
		for _, rest := range []string{"/dddd", "d/dddd", ".dddd", "d.dddd", "-dddd", "d-dddd"} {
			if cueShape(src, j+2, rest) {
				return true // 06/27/2025, 27.06.2025
			}
		}
	}
	// 27 June, 27th June, 27. Juni, 1er juin, 27 de junio
	for _, ord := range []string{"st", "nd", "rd", "th", "er", "º", "°"} {
		if cueHasFold(src, j, ord) {
			j += len(ord)
			break
		}
	}
	if j < len(src) && src[j] == '.' {
		j++
	}
	j = cueSkipSpace(src, j)
	if cueHasFold(src, j, "de") && j+2 < len(src) && cueSkipSpace(src, j+2) > j+2 {
		j = cueSkipSpace(src, j+2)
	}
	if j >= len(src) {
		return true
	}
	w, k, ok := cueWordAt(src, j)
	if !ok {
		return false
	}
	_, month := dateMonthNames[w]
	return month || k >= len(src)
}

// cueWordAt returns the word of letters at src[i] in lower case, when it is
// short enough to be a month or weekday name, and where it ends.
func cueWordAt(src []byte, i int) (string, int, bool) {
	var buf [24]byte
	n := 0
	j := i
	for j < len(src) {
		size := 1
		if b := src[j]; b >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(src[j:])
			if !unicode.IsLetter(r) {
				break
			}
		} else if b|0x20 < 'a' || b|0x20 > 'z' {
			break
		}
		if n+size > len(buf) {
			return "", j, false
		}
		for k := range size {
			buf[n] = cueFold(src, j+k)
			n++
		}
		j += size
	}
	if n == 0 {
		return "", j, false
	}
	return string(buf[:n]), j, true
}
