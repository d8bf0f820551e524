package checks

import (
	"strings"
	"testing"
	"time"
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
	})
}
