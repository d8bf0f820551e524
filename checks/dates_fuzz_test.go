package checks

import "testing"

// FuzzDates feeds the date parser's language-aware entry points: every
// match is a real calendar date found where it says.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"03/04/2025", "June 31, 2025", "2025-06-27T04:50:55+14:00", "29. Februar 2024", "2025年13月1日", "Sept. 3, 2025"} {
		for _, lang := range []string{"", "en", "en-US", "de-DE", "x-"} {
			f.Add(s, lang)
		}
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, d := range parseDates(text, lang) {
			if d.Start < 0 || d.End > len(text) || d.Start >= d.End || text[d.Start:d.End] != d.Text {
				t.Fatalf("parseDates(%q, %q): bad match %+v", text, lang, d)
			}
			if !dateValid(d.Year, d.Month, d.Day) {
				t.Fatalf("parseDates(%q, %q): invalid date %+v", text, lang, d)
			}
			_ = d.DayFirst()
		}
		if d, ok := parseDate(text, lang); ok && !d.Clock && !dateValid(d.Year, d.Month, d.Day) {
			t.Fatalf("parseDate(%q, %q) = invalid date %+v", text, lang, d)
		}
	})
}
