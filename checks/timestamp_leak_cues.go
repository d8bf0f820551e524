package checks

import "strings"

// timestampLeakCues are the places in the page text where a match of the
// timestamp-leak regexps can sit.
var timestampLeakCues = func() []rawCue {
	var out []rawCue
	add := func(w string, accept func(src []byte, start, end int) bool) {
		out = append(out, rawCue{word: w, rule: cueTimestamp, accept: accept})
	}
	// The time of day of an ISO 8601 date-time, a Go time string or an HTTP
	// date: "2025-06-27T04:50", "2025-06-27 04:50:55 +0000 UTC",
	// "Fri, 27 Jun 2025 12:00:00 GMT".
	for d := '0'; d <= '9'; d++ {
		add(string(d)+":", func(src []byte, start, _ int) bool {
			c := start + 1 // the colon
			return cueShape(src, c-13, "dddd-dd-ddTdd:dd") ||
				cueShape(src, c-13, "dddd-dd-dd dd:dd:dd") && timestampLeakZone(src, c+6, " +", " -") ||
				cueShape(src, c-7, "dddd dd:dd:dd ") && timestampLeakZone(src, c+7, "GMT", "UTC", "+", "-")
		})
	}
	// The placeholder years, as the sentinel regexp writes them: first in a
	// dashed date (0001-01-01), last in a slashed or written one
	// (01/01/1970, Jan 1, 1970).
	// The regexps run on one text node, which may start or end inside a word
	// of the run: their word boundaries are not asked for.
	year := func(dashed string) func(src []byte, start, end int) bool {
		return func(src []byte, start, end int) bool {
			if cueMayStartExact(src, end, dashed) || start == 0 || src[start-1] == '/' {
				return true
			}
			return cueIsSpace(src[start-1]) && timestampLeakBeforeYear(src, start)
		}
	}
	add("0001", year("-01-01"))
	add("1970", year("-01-01"))
	add("0000", year("-00-00"))
	add("1969", year("\x00")) // never dashed
	for _, w := range []string{"updated", "published", "posted", "modified", "date", "reviewed"} {
		add(w, timestampLeakLabelCue)
	}
	return out
}()

// timestampLeakBeforeYear reports whether the word before a sentinel year
// may be the day or the month of a written date ("Jan 1, 1970", "1st
// January 1970", "December 31, 1969").
func timestampLeakBeforeYear(src []byte, start int) bool {
	j := cueSkipSpaceBack(src, start-1)
	k := j
	for k >= 0 && src[k] != ' ' && !cueIsSpace(src[k]) {
		k--
	}
	if k < 0 {
		return true // the run starts within the word
	}
	w := strings.ToLower(strings.TrimRight(string(src[k+1:j+1]), ".,"))
	switch w {
	case "1", "1st", "31", "31st", "jan", "january", "dec", "december":
		return true
	}
	return false
}

// cueShape reports whether src at i may hold shape, where d stands for a
// digit and any other byte for itself; bytes past either end of src are
// unsettled.
func cueShape(src []byte, i int, shape string) bool {
	for k := 0; k < len(shape); k++ {
		j := i + k
		if j < 0 || j >= len(src) {
			continue
		}
		if shape[k] == 'd' && !cueIsDigit(src[j]) || shape[k] != 'd' && src[j] != shape[k] {
			return false
		}
	}
	return true
}

// timestampLeakZone reports whether the text after the seconds at src[i]
// (and any fraction) may start with one of zones.
func timestampLeakZone(src []byte, i int, zones ...string) bool {
	if i < len(src) && src[i] == '.' {
		for i++; i < len(src) && cueIsDigit(src[i]); i++ {
		}
	}
	for _, z := range zones {
		if cueMayStartExact(src, i, z) {
			return true
		}
	}
	return false
}

// timestampLeakLabelCue accepts a date label followed by a broken value:
// Invalid Date, NaN or an epoch number (timestampLeakLabelValueRe).
func timestampLeakLabelCue(src []byte, _, end int) bool {
	if timestampLeakValueAfter(src, end) {
		return true
	}
	j := cueSkipSpace(src, end) // "Updated on: NaN"
	return j > end && cueMayStart(src, j, "on") && (j+2 >= len(src) || timestampLeakValueAfter(src, j+2))
}

// timestampLeakValueAfter reports whether src at i holds spaces, an
// optional colon or dash, spaces and a broken date value.
func timestampLeakValueAfter(src []byte, i int) bool {
	i = cueSkipSpace(src, i)
	switch {
	case i < len(src) && (src[i] == ':' || src[i] == '-'):
		i++
	case cueMayStartExact(src, i, "–") && i < len(src):
		i += len("–")
	}
	i = cueSkipSpace(src, i)
	if i >= len(src) || cueMayStart(src, i, "nan") || cueMayStart(src, i, "invalid date") {
		return true
	}
	n := 0
	for i+n < len(src) && cueIsDigit(src[i+n]) {
		n++
	}
	return n >= 10 || i+n >= len(src)
}
