package checks

// expiredOfferWords is the rule's first filter: a page without any of
// expiredOfferRawCues was never read, and still is not.
var expiredOfferWords = rawCueWords(expiredOfferRawCues)

// expiredOfferCues are the words of the page text without which
// expiredOfferPromoRe finds no promotion, each where the regexp can match
// it: "off" after a number or a percent sign, "free" before "shipping"
// (not "free software"). The regexp also runs on a promo box, whose text
// may start or end inside a word of the page ("x<a>sale</a>s"): the word
// boundaries of the regexp are not asked for.
var expiredOfferCues = func() []rawCue {
	var out []rawCue
	add := func(w string, accept func(src []byte, start, end int) bool) {
		out = append(out, rawCue{word: w, rule: cueExpiredOffer, accept: accept})
	}
	for _, w := range []string{"discount", "coupon", "voucher", "gutschein", "rabatt", "descuento", "desconto", "oferta",
		"sconto", "korting", "réduction", "remise", "soldes"} {
		add(w, nil)
	}
	// "50% off", "$20 off": a number or a percent sign before.
	add("off", func(src []byte, start, _ int) bool {
		j := cueSkipSpaceBack(src, start-1)
		return j < 0 || cueIsDigit(src[j]) || src[j] == '%'
	})
	add("promo", nil) // promo, promotion, promo code, promoção
	add("sale", nil)
	add("actie", nil)
	add("bogo", nil)
	add("offer", func(src []byte, start, end int) bool { // special offer, offer is valid, offerta
		return cueMayStart(src, end, "ta") || cueNextWord(src, end, "", "is", "good", "valid") || cuePrevWord(src, start, "special")
	})
	add("save", func(src []byte, _, end int) bool { // save $20, save up to 30%
		j := cueSkipSpace(src, end)
		return j >= len(src) || cueIsDigit(src[j]) || cueMayStart(src, j, "$") || cueMayStart(src, j, "€") ||
			cueMayStart(src, j, "£") || cueMayStart(src, j, "up")
	})
	add("free", func(src []byte, _, end int) bool {
		j := cueSkipSpace(src, end)
		return j < len(src) && cueIsDigit(src[j]) || cueNextWord(src, end, "", "consultation", "session", "shipping", "delivery",
			"trial", "gift", "class", "lesson", "assessment", "evaluation", "month", "estimate", "quote", "upgrade")
	})
	add("limited", func(src []byte, _, end int) bool { return cueNextWord(src, end, "-", "time") })
	add("early", func(src []byte, _, end int) bool { return cueNextWord(src, end, "-", "bird") })
	add("half", func(src []byte, _, end int) bool { return cueNextWord(src, end, "-", "price") })
	add("buy", func(src []byte, _, end int) bool { return cueNextWord(src, end, "", "one") })
	add("angebot", func(src []byte, _, end int) bool { return cueNextWord(src, end, "", "gilt") })
	return out
}()
