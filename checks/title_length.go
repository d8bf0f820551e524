package checks

import (
	"fmt"
	"unicode"

	"golang.org/x/text/width"
)

// TitleLength flags titles likely to be cut in search results, or too short
// to say much (issue 4, rules-research §6; Yoast's bands).
var TitleLength = &Check{
	ID:       "title-length",
	Severity: Info,
	Summary:  "a page title is shorter than 30 or longer than 60 characters",
	Doc: `Flags a page title whose estimated width is outside the band search results show well: longer
than about 60 characters (about 600 pixels in the result's font, where desktop results cut titles
with "…") or shorter than 30 characters. The width is estimated by counting characters, with wide
characters (Chinese, Japanese, Korean) counted twice. Both limits are options.

Why: Google has no hard limit but truncates the title to the width of the device, so words at the
end (often the site name, sometimes the point of the page) are lost; a very short title wastes the
most visible line of the result. Yoast SEO uses the same bands.

Missing and empty titles are title-missing's job; pages that are not content (not status 200,
redirect stubs, partials) and pages marked noindex are skipped.

Fix: put the words that identify the page first and keep the whole title near 50-60 characters,
dropping or shortening the site name suffix on long titles.

  bad:  <title>Listening first: the skill under every good argument | Harbor Light Counseling</title>
  good: <title>Listening first: the skill under every good argument</title>`,
	Help: "Keep the title between about 30 and 60 characters, with the words that identify the page first.",
	Options: []Option{
		{Name: "min-chars", Default: 30, Doc: "titles shorter than this many characters are reported"},
		{Name: "max-chars", Default: 60, Doc: "titles longer than this many characters are reported"},
	},
	Page: titleLength,
}

func titleLength(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) || h.noindex(p) || len(h.titles) == 0 {
		return nil
	}
	title := h.titleText()
	if title == "" {
		return nil
	}
	width := titleLengthWidth(title)
	lo, hi := p.IntOption("min-chars"), p.IntOption("max-chars")
	switch {
	case hi > 0 && width > hi:
		p.Reportf(h.titles[0], "title is %s, above the %d-character limit: %q", titleLengthChars(width), hi, title)
	case width < lo:
		p.Reportf(h.titles[0], "title is %s, below the %d-character minimum: %q", titleLengthChars(width), lo, title)
	}
	return nil
}

// titleLengthWidth estimates the displayed width of s in average Latin
// characters: wide East Asian characters count twice, combining marks not at all.
func titleLengthWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		case titleLengthWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// titleLengthWide reports the runes that render about twice as wide as a
// Latin letter: East Asian wide and fullwidth characters (CJK ideographs,
// kana, Hangul, fullwidth punctuation).
func titleLengthWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

func titleLengthChars(width int) string {
	if width == 1 {
		return "1 character"
	}
	return fmt.Sprintf("%d characters", width)
}
