package checks

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// lazyDates must answer missing-review-date's questions as shownDates does:
// every fixture page (and, with PAGELINT_DATES_CORPUS set to folders
// separated by commas, every page below them) is judged both ways.
func TestLazyDatesAgreeWithShownDates(t *testing.T) {
	dirs := []string{"../testdata"}
	if extra := os.Getenv("PAGELINT_DATES_CORPUS"); extra != "" {
		dirs = append(dirs, strings.Split(extra, ",")...)
	}
	pages := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
				return err
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			root, err := html.Parse(strings.NewReader(string(raw)))
			if err != nil {
				return err
			}
			pages++
			compareLazyDates(t, path, root)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if pages == 0 {
		t.Fatal("no pages read")
	}
}

func compareLazyDates(t *testing.T, path string, root *html.Node) {
	t.Helper()
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	if body == nil {
		body = root
	}
	for _, skip := range []func(*html.Node) bool{skipForBylines, skipForReviewDates} {
		ft := flatten(body, skip)
		want := shownDates(ft, body)
		if shown, _ := reviewDatesOf(ft, body, nil); shown != hasVisibleReviewDate(ft, want) {
			t.Errorf("%s: reviewDatesOf without scopes says %v, shownDates the opposite", path, shown)
		}
		shown, got := reviewDatesOf(ft, body, ft.labels())
		if wantV := hasVisibleReviewDate(ft, want); shown != wantV {
			t.Errorf("%s: hasVisibleReviewDate = %v, shownDates says %v", path, shown, wantV)
		}
		// Every date read is one of shownDates', with the same <time>.
		byStart := map[int]shownDate{}
		for _, d := range want {
			byStart[d.start] = d
		}
		for _, d := range got {
			if w, ok := byStart[d.start]; !ok || !reflect.DeepEqual(w, d) {
				t.Errorf("%s: lazy date %+v, shownDates has %+v", path, d, w)
			}
		}
		mainSpan := flatSpan{0, len(ft.text)}
		if m := dom.Main(root); m != nil {
			if s, ok := ft.spanOf(m); ok && s.len() > 0 {
				mainSpan = s
			}
		}
		gotB, wantB := findBylines(ft, mainSpan, got), findBylines(ft, mainSpan, want)
		if !reflect.DeepEqual(gotB, wantB) {
			t.Errorf("%s: bylines %+v, shownDates gives %+v", path, gotB, wantB)
			continue
		}
		for _, b := range wantB {
			if g, w := judgeBylineScope(ft, got, b), judgeBylineScope(ft, want, b); g != w {
				t.Errorf("%s: byline %q judged %+v, shownDates gives %+v", path, b.name, g, w)
			}
		}
	}
}

// Pages built to reach the corners of lazyDates: <time> marks far from any
// label, two <time> elements over one date, a label cut off by the date
// before it, month-years next to full dates, labels split by markup.
func TestLazyDatesCorners(t *testing.T) {
	filler := strings.Repeat("Some words from June 3, 1999 and then "+strings.Repeat("more words ", 15), 6)
	for i, body := range []string{
		`<p>` + filler + `<time itemprop="lastReviewed" datetime="2025-03-01">1 March 2025</time></p><p>Reviewed by Dana Whitfield, MD</p>`,
		`<p>Reviewed by Dana Whitfield, MD</p><p>` + filler + `On <time itemprop="lastReviewed" datetime="2025-03-01">1</time><time datetime="2025-03-02"> March 2025</time></p>`,
		`<p>Reviewed by Dana Whitfield, MD</p><p>` + filler + `Last reviewed: 2024-12-31 3 March 2025</p>`,
		`<p>Reviewed by Dana Whitfield, MD</p><p>` + filler + `Last reviewed March 2025, updated 4 June 2025</p>`,
		`<p>Medically reviewed by <a href="/t/">Dana Whitfield, MD</a> on <time datetime="2025-06-03">June 3, 2025</time></p>` + `<p>` + filler + `</p>`,
		`<div class="byline">Reviewed by Dana Whitfield · Updated <time class="updated" datetime="2025-06-27">June 27, 2025</time></div><p>` + filler + `</p><footer>Page last reviewed: 15 March 2025</footer>`,
		`<p>` + filler + `</p><p>Review<b>ed</b> <span>on</span> 03/04/2025 by Dana Whitfield</p><p>Reviewed by Dana Whitfield</p>`,
		`<p>Fact-checked by Dana Whitfield</p><p>` + filler + `Überprüft am 3. März 2025</p><time datetime="2025">` + filler + `</time>`,
		`<p>Reviewed by Dana Whitfield</p><p>2025-06-01 reviewed 2025-06-02</p><p>Revi&#383;ado em 4 de junho de 2025</p>`,
		`<p>Reviewed by Dana Whitfield</p><p>` + filler + `ÜBERPRÜFT AM 3. MÄRZ 2025</p>`,
		`<p>Reviewed by Dana Whitfield</p><p>` + filler + `RÉVISÉ LE 3 MARS 2025</p>`,
		`<p>Reviewed by Dana Whitfield</p><p>` + filler + `VÉRIFIÉ : 03/04/2025</p>`,
	} {
		root, err := html.Parse(strings.NewReader("<!doctype html><body>" + body))
		if err != nil {
			t.Fatal(err)
		}
		compareLazyDates(t, fmt.Sprintf("corner %d", i), root)
	}
}
