package checks

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestFindDates(t *testing.T) {
	tests := []struct {
		text string
		want []string // "matched text=YYYY-MM-DD", "?" suffix when ambiguous
	}{
		{"Updated On June 27, 2025", []string{"June 27, 2025=2025-06-27"}},
		{"Updated OnJune 27, 2025", []string{"June 27, 2025=2025-06-27"}},
		{"on June 27th, 2025.", []string{"June 27th, 2025=2025-06-27"}},
		{"Jun 27 2025", []string{"Jun 27 2025=2025-06-27"}},
		{"Sept. 3, 2025", []string{"Sept. 3, 2025=2025-09-03"}},
		{"Page last reviewed: 15 March 2025", []string{"15 March 2025=2025-03-15"}},
		{"27th June 2025", []string{"27th June 2025=2025-06-27"}},
		{"geprüft am 3. Juni 2025", []string{"3. Juni 2025=2025-06-03"}},
		{"relu le 1er juin 2025", []string{"1er juin 2025=2025-06-01"}},
		{"revisado el 27 de junio de 2025", []string{"27 de junio de 2025=2025-06-27"}},
		{"revisto em 27 de junho de 2025", []string{"27 de junho de 2025=2025-06-27"}},
		{"aggiornato il 27 giugno 2025", []string{"27 giugno 2025=2025-06-27"}},
		{"bijgewerkt op 27 juni 2025", []string{"27 juni 2025=2025-06-27"}},
		{"2025-06-27T04:50:55-08:00", []string{"2025-06-27T04:50:55-08:00=2025-06-27"}},
		{"(2025-06-27)", []string{"2025-06-27=2025-06-27"}},
		{"2025年6月27日", []string{"2025年6月27日=2025-06-27"}},
		{"06/27/2025", []string{"06/27/2025=2025-06-27"}},
		{"27/06/2025", []string{"27/06/2025=2025-06-27"}},
		{"27.06.2025", []string{"27.06.2025=2025-06-27"}},
		{"03/04/2025", []string{"03/04/2025=2025-03-04?"}},
		{"05/05/2025", []string{"05/05/2025=2025-05-05"}},
		{"from May 3, 2025 to 15 June 2025", []string{"May 3, 2025=2025-05-03", "15 June 2025=2025-06-15"}},
		// Not dates.
		{"06/27/25", nil},
		{"version 3.12.2025.1", nil},
		{"3.12.2025", []string{"3.12.2025=2025-12-03"}},
		{"ticket 2025-06-27-0042", nil},
		{"call 1-800-555-1234", nil},
		{"the dismay 3, 2025 caused", nil},
		{"February 30, 2025", nil},
		{"13/13/2025", nil},
		{"Python 3.12 and 3.13", nil},
		{"120 customers", nil},
		{"2025-13-01", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findDates(tt.text) {
			if tt.text[d.Start:d.End] != d.Text {
				t.Errorf("findDates(%q): offsets %d:%d do not hold %q", tt.text, d.Start, d.End, d.Text)
			}
			s := d.Text + "=" + d.Time().Format(time.DateOnly)
			if d.Ambiguous {
				s += "?"
			}
			got = append(got, s)
		}
		if len(got) != len(tt.want) {
			t.Errorf("findDates(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("findDates(%q) = %q, want %q", tt.text, got, tt.want)
				break
			}
		}
	}
}

func TestFindMonthYears(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Last reviewed: March 2025", []string{"March 2025=2025-03"}},
		{"Reviewed by Dr Chen in Sept. 2024.", []string{"Sept. 2024=2024-09"}},
		{"geprüft im März 2025", []string{"März 2025=2025-03"}},
		{"revisado en marzo de 2025", []string{"marzo de 2025=2025-03"}},
		{"review date 03/2025", []string{"03/2025=2025-03"}},
		{"Updated June 27, 2025", nil}, // a full date, found by findDates
		{"27/06/2025", nil},
		{"13/2025", nil},
		{"Mayday 2025", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findMonthYears(tt.text) {
			if !d.NoDay {
				t.Errorf("findMonthYears(%q): NoDay not set", tt.text)
			}
			got = append(got, d.Text+"="+d.Time().Format("2006-01"))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("findMonthYears(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDateMatchDayFirst(t *testing.T) {
	ds := findDates("03/04/2025")
	if len(ds) != 1 || !ds[0].Ambiguous {
		t.Fatalf("findDates(03/04/2025) = %+v, want one ambiguous date", ds)
	}
	if got := ds[0].DayFirst().Format(time.DateOnly); got != "2025-04-03" {
		t.Errorf("DayFirst = %s, want 2025-04-03", got)
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"Updated OnJune 27, 2025", "27. Juni 2025", "03/04/2025", "2025-06-27T04:50:55-08:00", "2025年6月27日", "1er juin 2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, d := range findDates(s) {
			if d.Start < last || d.End > len(s) || d.Start >= d.End || s[d.Start:d.End] != d.Text {
				t.Fatalf("findDates(%q): bad match %+v", s, d)
			}
			if !dateValid(d.Year, d.Month, d.Day) {
				t.Fatalf("findDates(%q): invalid date %+v", s, d)
			}
			last = d.End
		}
		if got, want := findDates(s), naiveFindDates(s); len(got) != len(want) {
			t.Fatalf("findDates(%q) = %+v, whole-text search %+v", s, got, want)
		}
	})
}

func TestDateOrderOf(t *testing.T) {
	tests := map[string]dateOrder{
		"":      dateOrderUnknown,
		"en":    dateOrderUnknown,
		"EN":    dateOrderUnknown,
		"en-US": dateOrderMonthFirst,
		"en_us": dateOrderMonthFirst,
		"en-GB": dateOrderDayFirst,
		"en-AU": dateOrderDayFirst,
		"de":    dateOrderDayFirst,
		"fr-CA": dateOrderDayFirst,
		"pt-BR": dateOrderDayFirst,
	}
	for lang, want := range tests {
		if got := dateOrderOf(lang); got != want {
			t.Errorf("dateOrderOf(%q) = %v, want %v", lang, got, want)
		}
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string // YYYY-MM-DD, "?" suffix when still ambiguous
	}{
		{"03/04/2025", "en-US", []string{"2025-03-04"}},
		{"03/04/2025", "en-GB", []string{"2025-04-03"}},
		{"03/04/2025", "de-DE", []string{"2025-04-03"}},
		{"03/04/2025", "en", []string{"2025-03-04?"}},
		{"03/04/2025", "", []string{"2025-03-04?"}},
		{"27/06/2025", "en-US", []string{"2025-06-27"}}, // a field over 12 settles it
		{"06/27/2025", "fr", []string{"2025-06-27"}},
		{"Updated June 27th, 2025 and 27 juin 2025", "fr", []string{"2025-06-27", "2025-06-27"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range parseDates(tt.text, tt.lang) {
			s := d.Time().Format(time.DateOnly)
			if d.Ambiguous {
				s += "?"
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("parseDates(%q, %q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		text, lang string
		want       string // YYYY-MM-DD, "" for no date; instants as RFC 3339
		clock      bool
	}{
		{"2025-12-31", "", "2025-12-31", false},
		{" 2025-06-27T04:50:55-08:00 ", "", "2025-06-27T12:50:55Z", true},
		{"2025-06-27T04:50:55-0800", "", "2025-06-27T12:50:55Z", true},
		{"2025-06-27T04:50:55.250Z", "", "2025-06-27T04:50:55.25Z", true},
		{"2025-06-27T04:50", "", "2025-06-27T04:50:00Z", true},
		{"June 27th, 2025.", "en-US", "2025-06-27", false},
		{"27. Juni 2025", "de", "2025-06-27", false},
		{"27 de junho de 2025", "pt-BR", "2025-06-27", false},
		{"01/02/2025", "nl-NL", "2025-02-01", false},
		{"March 2025", "en", "2025-03-01", false},
		{"", "", "", false},
		{"soon", "", "", false},
		{"June 27, 2025 to July 3, 2025", "", "", false},
		{"Updated June 27, 2025", "", "", false},
	}
	for _, tt := range tests {
		d, ok := parseDate(tt.text, tt.lang)
		switch {
		case tt.want == "":
			if ok {
				t.Errorf("parseDate(%q) = %+v, want no date", tt.text, d)
			}
			continue
		case !ok:
			t.Errorf("parseDate(%q): no date, want %s", tt.text, tt.want)
			continue
		}
		got := d.Time().Format(time.DateOnly)
		if d.Clock {
			got = d.At.UTC().Format(time.RFC3339Nano)
		}
		if got != tt.want || d.Clock != tt.clock {
			t.Errorf("parseDate(%q, %q) = %s (clock %v), want %s (clock %v)", tt.text, tt.lang, got, d.Clock, tt.want, tt.clock)
		}
	}
}

func TestDateSettle(t *testing.T) {
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	older := func(t time.Time) bool { return now.Sub(t) > 730*24*time.Hour }
	amb := parseDates("03/04/2023", "en")[0]
	if v, ok := dateSettle(amb, older); !ok || !v {
		t.Errorf("dateSettle(03/04/2023) = %v, %v; both readings are old", v, ok)
	}
	split := parseDates("06/07/2024", "en")[0] // June 7 (738 days) or July 6 (709 days)
	if _, ok := dateSettle(split, older); ok {
		t.Errorf("dateSettle(06/07/2024) settled; the readings disagree")
	}
	known := parseDates("06/07/2024", "en-GB")[0]
	if v, ok := dateSettle(known, older); !ok || v {
		t.Errorf("dateSettle(06/07/2024 en-GB) = %v, %v; 6 July 2024 is not 730 days old", v, ok)
	}
}

func TestPageLang(t *testing.T) {
	for src, want := range map[string]string{
		`<!doctype html><html lang="de-AT"><body></body></html>`: "de-AT",
		`<html xml:lang="fr"><body></body></html>`:               "fr",
		`<p>no html tag</p>`:                                     "",
	} {
		root, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := pageLang(root); got != want {
			t.Errorf("pageLang(%q) = %q, want %q", src, got, want)
		}
	}
}

// naiveFindDates runs the forms over the whole text, as findDates did before
// it learned to look only around years; the two must agree.
func naiveFindDates(text string) []dateMatch {
	var out []dateMatch
	for _, f := range dateForms {
		f.anyOf, f.month, f.anchored = "", false, nil // the reference runs every regexp everywhere
		out = matchFormIn(text, [2]int{0, len(text)}, f, out)
	}
	slices.SortFunc(out, func(a, b dateMatch) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var kept []dateMatch
	last := -1
	for _, d := range out {
		if d.Start >= last {
			kept = append(kept, d)
			last = d.End
		}
	}
	return kept
}

func TestFindDatesWindowsMatchWholeText(t *testing.T) {
	long := strings.Repeat("Some prose with numbers 12 and 123456 and 1999 items. ", 40)
	for _, text := range []string{
		long + "Updated on 27 de septiembre de 2025, then 2025-06-27T04:50:55.123456-08:00." + long,
		"2025-06-27 2025-06-28 June 3, 2025 3 June 2025 03/04/2025 27.06.2025 2025年6月27日",
		"Sept. 3, 2025" + long + "1er juin 2025",
		"20255 2025-13-01 1899-01-01 2200-01-01 June 27, 2025",
		"JUNE 27, 2025; 3 MÄRZ 2025; 5 Août 2025; 1 DÉC. 2024; Publié le 4 févr. 2025; 2025/06/27",
		"ſept. 3, 2025 and 4 o\u212atober 2025 (folded by the regexp, not by ToLower)",
		"general 12 2025, agent 3 2025, magic 2025, Jan12000, 12jun2025, 3rd of june 2025",
	} {
		got, want := findDates(text), naiveFindDates(text)
		if len(got) != len(want) {
			t.Errorf("findDates found %d dates, whole-text search %d", len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("findDates[%d] = %+v, whole-text search %+v", i, got[i], want[i])
			}
		}
	}
}
