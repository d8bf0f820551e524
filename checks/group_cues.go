package checks

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cue words, for the content rules (expired-offer, stale-review,
// stale-copyright, timestamp-leak, placeholder-text). Most pages hold
// nothing these rules look for, and rendering a page's text as each rule
// needs it costs far more than reading it once: one walk over the page's
// text (cueWalk) looks for the cue words of all of them at once,
// case-insensitively, and a rule whose cues are absent skips the page
// (issue 7).
//
// A cue is a word every match of a rule's patterns contains, with a test
// of what stands around it ("free" counts before "shipping", not before
// "software"). The walk reads the text in runs that it can vouch for; what
// lies beyond a run's ends, and any non-ASCII byte (a no-break space, a
// soft hyphen), is unsettled, and the tests accept it.

// A cueRule names the rule a cue serves, one bit each.
type cueRule uint8

const (
	cueExpiredOffer    cueRule = 1 << iota // a promotion as expiredOfferPromoRe can match it
	cueStaleReview                         // a review label as the review regexps can match it
	cuePlaceholder                         // a leftover as placeholderPatterns can match it
	cueTimestamp                           // a machine date as the timestamp-leak regexps can match it
	cueCopyright                           // a copyright sign or word
	cueExpiredDeadline                     // a deadline label before a date, as expiredOfferDeadlineRe can match it
	cueWord                                // any word of a plain list (rawCueWords)
)

// A rawCue is one cue word, in lower case (ASCII or Latin-1 letters).
type rawCue struct {
	word string
	rule cueRule
	// accept, when set, tests an occurrence at src[start:end]; nil accepts
	// every occurrence.
	accept func(src []byte, start, end int) bool
	// after lists the bytes that may follow the word (empty: any): a sieve
	// before accept runs, and for a word of one or two bytes a third byte
	// for the table's sieve.
	after string
	// afterSet is after as a set, made by newRawCueTable.
	afterSet *[4]uint64
}

// rawCueTable finds a set of cue words in one pass.
type rawCueTable struct {
	// pairs has a bit for every first two bytes that may start a cue (all
	// case variants), so most positions cost one lookup; triples and quads
	// have a bit for the hash of every first three and four bytes (ASCII
	// folded, the byte after a short word taken from its after set), sieves
	// for the common beginnings ("re", "pro", "data").
	pairs   [1 << 16 / 64]uint64
	triples [1 << cueHashBits / 64]uint64
	quads   [1 << cueHashBits / 64]uint64
	// short2 and short3 mark the beginnings of the cues that the next sieve
	// cannot tell: those of one or two bytes (pairs), of three (triples).
	short2  [1 << 16 / 64]uint64
	short3  [1 << cueHashBits / 64]uint64
	byFirst [256][]rawCue // cues by their lower-case first byte
	single  [256]bool     // first bytes of the one-byte cues
	all     cueRule       // the rules of all cues: the scan stops when all are found
}

const cueHashBits = 18

// cueLower folds ASCII letters.
var cueLower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i + 32)
		}
	}
	return t
}()

func cueTripleHash(b0, b1, b2 byte) uint32 {
	k := uint32(cueLower[b0])<<16 | uint32(cueLower[b1])<<8 | uint32(cueLower[b2])
	return (k * 2654435761) >> (32 - cueHashBits)
}

func cueQuadHash(b0, b1, b2, b3 byte) uint32 {
	k := uint32(cueLower[b0])<<24 | uint32(cueLower[b1])<<16 | uint32(cueLower[b2])<<8 | uint32(cueLower[b3])
	return (k * 2246822519) >> (32 - cueHashBits)
}

func sieveSet(bits []uint64, k uint32)      { bits[k>>6] |= 1 << (k & 63) }
func sieveHas(bits []uint64, k uint32) bool { return bits[k>>6]&(1<<(k&63)) != 0 }

// rawCues is the table of the content rules' cues, but placeholder-text's,
// which read its runs (see cueWalk): rawCuesPlaceholder.
var (
	rawCues            = newRawCueTable(expiredOfferCues, expiredOfferDeadlineCues, staleReviewCues, timestampLeakCues, staleCopyrightCues)
	rawCuesPlaceholder = newRawCueTable(placeholderCues)
	rawCuesAll         = newRawCueTable(expiredOfferCues, expiredOfferDeadlineCues, staleReviewCues, timestampLeakCues, staleCopyrightCues,
		placeholderCues)
)

// rawCueWords is a table of plain words: any occurrence counts.
func rawCueWords(words []string) *rawCueTable {
	cues := make([]rawCue, len(words))
	for i, w := range words {
		cues[i] = rawCue{word: w, rule: cueWord}
	}
	return newRawCueTable(cues)
}

func newRawCueTable(lists ...[]rawCue) *rawCueTable {
	t := &rawCueTable{}
	anyByte := make([]byte, 256)
	for i := range anyByte {
		anyByte[i] = byte(i)
	}
	for _, list := range lists {
		for _, c := range list {
			w := c.word
			t.all |= c.rule
			if c.after != "" {
				c.afterSet = new([4]uint64)
				for i := 0; i < len(c.after); i++ {
					b := c.after[i]
					c.afterSet[b>>6] |= 1 << (b & 63)
				}
			}
			t.byFirst[w[0]] = append(t.byFirst[w[0]], c)
			if len(w) == 1 {
				for _, b := range cueCaseVariants(0, w[0]) {
					t.single[b] = true
				}
			}
			// The bytes that begin every occurrence: the word's, then the
			// byte after it when that is known.
			var seq [][]byte
			for i := 0; i < len(w) && i < 4; i++ {
				prev := byte(0)
				if i > 0 {
					prev = w[i-1]
				}
				seq = append(seq, cueCaseVariants(prev, w[i]))
			}
			if len(seq) < 4 && c.after != "" {
				seq = append(seq, []byte(c.after))
			}
			if len(seq) == 1 {
				seq = append(seq, anyByte)
			}
			t.addSeq(seq)
		}
	}
	return t
}

// addSeq sets the sieve bits for the beginnings seq[0]×seq[1]×… (two to
// four bytes).
func (t *rawCueTable) addSeq(seq [][]byte) {
	for _, b0 := range seq[0] {
		for _, b1 := range seq[1] {
			k := uint32(b0)<<8 | uint32(b1)
			sieveSet(t.pairs[:], k)
			if len(seq) == 2 {
				sieveSet(t.short2[:], k)
				continue
			}
			for _, b2 := range seq[2] {
				h := cueTripleHash(b0, b1, b2)
				sieveSet(t.triples[:], h)
				if len(seq) == 3 {
					sieveSet(t.short3[:], h)
					continue
				}
				for _, b3 := range seq[3] {
					sieveSet(t.quads[:], cueQuadHash(b0, b1, b2, b3))
				}
			}
		}
	}
}

// cueCaseVariants returns the bytes that may stand for byte b of a cue
// word, after byte prev: both cases of an ASCII letter, and both cases of a
// Latin-1 letter's second byte (é and É share the lead byte 0xC3).
func cueCaseVariants(prev, b byte) []byte {
	switch {
	case b >= 'a' && b <= 'z':
		return []byte{b, b - 32}
	case prev == 0xC3 && b >= 0xA0 && b <= 0xBE && b != 0xB7:
		return []byte{b, b - 32}
	}
	return []byte{b}
}

// cueText is what the cue tables read: run bytes, or a rendered text.
type cueText interface{ ~string | ~[]byte }

// cueFold returns the lower-case form of src[i] as a cue word compares it.
func cueFold[T cueText](src T, i int) byte {
	b := src[i]
	switch {
	case b >= 'A' && b <= 'Z':
		return b + 32
	case b >= 0x80 && b <= 0x9E && b != 0x97 && i > 0 && src[i-1] == 0xC3:
		return b + 32
	}
	return b
}

// cueHasFold reports whether src at i starts with word (lower case),
// ignoring case.
func cueHasFold[T cueText](src T, i int, word string) bool {
	if i < 0 || i+len(word) > len(src) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if cueFold(src, i+j) != word[j] {
			return false
		}
	}
	return true
}

// cueSieve calls at for every position of src where a cue of t may start,
// until at returns true.
func cueSieve[T cueText](t *rawCueTable, src T, at func(i int) bool) {
	n := len(src)
	pairs, short2 := &t.pairs, &t.short2
	for i := 0; i < n-3; i++ {
		k := uint16(src[i])<<8 | uint16(src[i+1])
		if pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		if short2[k>>6]&(1<<(k&63)) == 0 {
			h := cueTripleHash(src[i], src[i+1], src[i+2])
			if !sieveHas(t.triples[:], h) {
				continue
			}
			if !sieveHas(t.short3[:], h) && !sieveHas(t.quads[:], cueQuadHash(src[i], src[i+1], src[i+2], src[i+3])) {
				continue
			}
		}
		if at(i) {
			return
		}
	}
	// The last three bytes: the sieves that need bytes past the end are left out.
	for i := max(0, n-3); i < n; i++ {
		if i+1 < n {
			if !sieveHas(t.pairs[:], uint32(src[i])<<8|uint32(src[i+1])) {
				continue
			}
		} else if !t.single[src[i]] {
			continue
		}
		if at(i) {
			return
		}
	}
}

// scan reads src once and returns the rules whose cues it holds, leaving
// out those in done.
func (t *rawCueTable) scan(src []byte, done cueRule) cueRule {
	return t.scanMarked(src, done, nil)
}

// scanMarked is scan where marks end placeholder-text's runs within src:
// its cues are tested within their run.
func (t *rawCueTable) scanMarked(src []byte, done cueRule, marks []cueMark) cueRule {
	found := done
	cueSieve(t, src, func(i int) bool {
		found = t.at(src, i, found, marks)
		return found&t.all == t.all
	})
	return found &^ done
}

// hasWord reports whether text holds a word of t, a table of plain words
// (rawCueWords).
func hasWord[T cueText](t *rawCueTable, text T) bool {
	found := false
	cueSieve(t, text, func(i int) bool {
		for _, c := range t.byFirst[cueFold(text, i)] {
			if cueHasFold(text, i, c.word) {
				found = true
			}
		}
		return found
	})
	return found
}

// scanAcross returns the rules, but those in done, whose cues in src start
// before junction and end after it.
func (t *rawCueTable) scanAcross(src []byte, junction int, done cueRule) cueRule {
	found := done
	for i := max(0, junction-cueTailMax); i < junction; i++ {
		if i+1 < len(src) && !sieveHas(t.pairs[:], uint32(src[i])<<8|uint32(src[i+1])) {
			continue
		}
		for _, c := range t.byFirst[cueFold(src, i)] {
			if i+len(c.word) <= junction || c.rule&^found == 0 || !cueHasFold(src, i, c.word) {
				continue
			}
			if c.accept == nil || c.accept(src, i, i+len(c.word)) {
				found |= c.rule
			}
		}
	}
	return found &^ done
}

// at adds the rules of the cues that start at src[i].
func (t *rawCueTable) at(src []byte, i int, found cueRule, marks []cueMark) cueRule {
	for _, c := range t.byFirst[cueFold(src, i)] {
		if c.rule&^found == 0 || !cueHasFold(src, i, c.word) {
			continue
		}
		run, start := src, i
		if c.rule == cuePlaceholder && len(marks) > 0 {
			var ok bool
			if run, start, ok = cueMarkedRun(src, i, len(c.word), marks); !ok {
				continue
			}
		}
		end := start + len(c.word)
		if c.afterSet != nil && end < len(run) && c.afterSet[run[end]>>6]&(1<<(run[end]&63)) == 0 {
			continue
		}
		if c.accept == nil || c.accept(run, start, end) {
			found |= c.rule
		}
	}
	return found
}

// cueMarkedRun returns the run between marks that holds src[i:i+n], and
// where i is in it; ok is false when a mark cuts it.
func cueMarkedRun(src []byte, i, n int, marks []cueMark) (run []byte, start int, ok bool) {
	j := sort.Search(len(marks), func(j int) bool { return marks[j].cut > i })
	lo, hi := 0, len(src)
	if j > 0 {
		lo = marks[j-1].resume
	}
	if j < len(marks) {
		hi = marks[j].cut
	}
	if i < lo || i+n > hi {
		return nil, 0, false
	}
	return src[lo:hi], i - lo, true
}

// Tests of the text around a cue. The ends of the run are unsettled: the
// tests accept them. A Unicode space or a zero-width character reads as a
// space: the rules' renderers fold and drop them.

func cueIsSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

func cueIsWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

func cueIsDigit(b byte) bool { return b >= '0' && b <= '9' }

// cueSoft reports whether r renders as a space or as nothing.
func cueSoft(r rune) bool { return unicode.IsSpace(r) || flatInvisible(r) }

// cueSkipSpace returns the first index from i on that is not a space.
func cueSkipSpace(src []byte, i int) int {
	for i < len(src) {
		if b := src[i]; b < utf8.RuneSelf {
			if !cueIsSpace(b) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if !cueSoft(r) {
			return i
		}
		i += size
	}
	return i
}

// cueSkipSpaceBack returns the last index from i back that is not a space
// (-1 when none); a non-ASCII character is at its last byte.
func cueSkipSpaceBack(src []byte, i int) int {
	for i >= 0 {
		if b := src[i]; b < utf8.RuneSelf {
			if !cueIsSpace(b) {
				return i
			}
			i--
			continue
		}
		r, size := utf8.DecodeLastRune(src[:i+1])
		if !cueSoft(r) {
			return i
		}
		i -= size
	}
	return i
}

// cueMayStart reports whether src at i may start with word (lower case,
// ASCII), ignoring case and zero-width characters: it does, or src ends
// before word is complete, which the run cannot settle.
func cueMayStart(src []byte, i int, word string) bool {
	return cueMayStartCase(src, i, word, true)
}

// cueMayStartExact is cueMayStart with case.
func cueMayStartExact(src []byte, i int, word string) bool {
	return cueMayStartCase(src, i, word, false)
}

func cueMayStartCase(src []byte, i int, word string, fold bool) bool {
	for j := 0; j < len(word); {
		if i >= len(src) {
			return true
		}
		b := src[i]
		if word[j] >= utf8.RuneSelf { // a byte of a non-ASCII character
			if b != word[j] {
				return false
			}
			i++
			j++
			continue
		}
		if b >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(src[i:])
			if !flatInvisible(r) {
				return false
			}
			i += size
			continue
		}
		if fold {
			b = cueLower[b]
		}
		if b != word[j] {
			return false
		}
		i++
		j++
	}
	return true
}

// cueNextWord reports whether, after spaces (and the bytes in skip), src at
// i may start with one of words, ignoring case.
func cueNextWord(src []byte, i int, skip string, words ...string) bool {
	i = cueSkipSpace(src, i)
	for skip != "" && i < len(src) && cueByteIn(src[i], skip) {
		i = cueSkipSpace(src, i+1)
	}
	if i >= len(src) {
		return true
	}
	for _, w := range words {
		if cueMayStart(src, i, w) {
			return true
		}
	}
	return false
}

// cueNextWordExact is cueNextWord with case.
func cueNextWordExact(src []byte, i int, words ...string) bool {
	i = cueSkipSpace(src, i)
	if i >= len(src) {
		return true
	}
	for _, w := range words {
		if cueMayStartExact(src, i, w) {
			return true
		}
	}
	return false
}

// cuePrevWord reports whether, before spaces, the text ending before i
// may end with one of words (ASCII), ignoring case.
func cuePrevWord(src []byte, i int, words ...string) bool {
	j := cueSkipSpaceBack(src, i-1)
	if j < 0 {
		return true
	}
	for _, w := range words {
		k := j + 1 - len(w)
		if k < 0 && cueHasFold(src, 0, w[-k:]) || cueHasFold(src, k, w) {
			return true
		}
	}
	return false
}

// cuePrevIs reports whether the text ending before i may end with s (lower
// case, ASCII), ignoring case and zero-width characters, with nothing else
// between.
func cuePrevIs(src []byte, i int, s string) bool {
	for k := len(s) - 1; k >= 0; {
		if i <= 0 {
			return true
		}
		b := src[i-1]
		if b >= utf8.RuneSelf {
			r, size := utf8.DecodeLastRune(src[:i])
			if !flatInvisible(r) {
				return false
			}
			i -= size
			continue
		}
		if cueLower[b] != s[k] {
			return false
		}
		i--
		k--
	}
	return true
}

func cueByteIn(b byte, set string) bool {
	return strings.IndexByte(set, b) >= 0
}

// cueWordStart reports whether no word character precedes src[i:].
func cueWordStart(src []byte, i int) bool {
	return i == 0 || !cueIsWord(src[i-1])
}
