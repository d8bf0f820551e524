package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/pagelint/pagelint/checks"
)

// TestTableNoTerminalControls: whatever a page put in a message, evidence,
// target, url or file, the table carries no control character but newline,
// and with colour on, no escape sequence but the reporter's own.
func TestTableNoTerminalControls(t *testing.T) {
	const evil = "x\x1b[2J\x1b]0;title\x07\r\u009b31m\u202e\x00\x7fy\xff"
	run := Run{
		Target: "http://h/" + evil, Pages: 1, Notices: []string{"notice " + evil},
		Findings: []checks.Finding{{
			Rule: "broken-link", Severity: checks.Error, URL: "/" + evil, File: evil + ".html",
			Line: 3, Target: "/t" + evil, Message: "m " + evil, Evidence: evil, Fingerprint: "f",
		}},
	}
	for _, color := range []bool{false, true} {
		out := string(render(t, "table", run, Options{Color: color}))
		for _, code := range []string{ansiReset, ansiBold, ansiRed, ansiYellow, ansiCyan} {
			out = strings.ReplaceAll(out, code, "")
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
				t.Errorf("color=%v: control %U in the table:\n%s", color, r, out)
			}
		}
		if !strings.Contains(out, "m x�[2J�]0;title� �31m���y�") {
			t.Errorf("color=%v: message not shown with replacement characters:\n%s", color, out)
		}
	}
}

func TestTableColorOnlyWhenAsked(t *testing.T) {
	if out := string(render(t, "table", sampleRun, Options{})); strings.Contains(out, "\x1b") {
		t.Errorf("colour without Options.Color:\n%s", out)
	}
	out := string(render(t, "table", sampleRun, Options{Color: true}))
	for _, want := range []string{ansiRed + "error" + ansiReset, ansiYellow + "warning" + ansiReset, ansiCyan + "info" + ansiReset} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured table lacks %q", want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Zoë “quoted” <b>&amp;</b> 日本", "Zoë “quoted” <b>&amp;</b> 日本"},
		{"a\tb\nc\rd\ve\ff\u2028g\u2029h", "a b c d e f g h"},
		{"\x1b[31mred\x1b[0m", "�[31mred�[0m"},
		{"\x1b]0;title\x07", "�]0;title�"},
		{"\u009b2J \u0085 \x7f \x00", "�2J � � �"},
		{"abc\u202edcba\u2066x\u2069", "abc�dcba�x�"},
		{"bad \xff\xfe utf8", "bad �� utf8"},
		{"", ""},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMessageCellWidth: every line of a message cell fits the column, even
// a URL with no space to wrap at, so the table keeps its width.
func TestMessageCellWidth(t *testing.T) {
	long := "http://127.0.0.1:8080/" + strings.Repeat("very-long-path-segment/", 8) + "page.html"
	f := checks.Finding{Message: "link to " + long + " returns HTTP 404 and a much longer explanation follows here", Target: long}
	cell := messageCell(f)
	for line := range strings.SplitSeq(cell, "\n") {
		for word := range strings.SplitSeq(line, " ") {
			if w := twwidth.Width(word); w > messageWidth {
				t.Errorf("word of width %d > %d: %q", w, messageWidth, word)
			}
		}
	}
	msg, target, ok := strings.Cut(cell, "\n→ ")
	if !ok {
		t.Fatalf("no target line:\n%s", cell)
	}
	if got := strings.ReplaceAll(target, "\n", ""); got != long {
		t.Errorf("target pieces = %q, want %q", got, long)
	}
	if got := strings.ReplaceAll(msg, "\n", ""); got != f.Message {
		t.Errorf("message pieces = %q, want %q", got, f.Message)
	}

	// The table as a whole keeps one width: every line is as wide as its top border.
	out := string(render(t, "table", Run{Pages: 1, Findings: []checks.Finding{f}}, Options{}))
	blocks := strings.Split(out, "\n\n") // header, summary, the page, totals
	if len(blocks) != 4 {
		t.Fatalf("want 4 blocks, got %d:\n%s", len(blocks), out)
	}
	lines := strings.Split(blocks[2], "\n")[1:] // skip the page heading
	if len(lines) < 8 {
		t.Fatalf("page table too short:\n%s", blocks[2])
	}
	for _, l := range lines {
		if twwidth.Width(l) != twwidth.Width(lines[0]) {
			t.Errorf("ragged table line %q:\n%s", l, blocks[2])
		}
	}
}

func TestChunks(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"", 3, []string{""}},
		{"abc", 3, []string{"abc"}},
		{"abcdefg", 3, []string{"abc", "def", "g"}},
		{"日本語", 4, []string{"日本", "語"}},
		{"x", 0, []string{"x"}},
	} {
		if got := chunks(tc.in, tc.width); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("chunks(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

func TestPageHeading(t *testing.T) {
	for _, tc := range []struct{ url, file, want string }{
		{"http://h/blog/a.html", "", "http://h/blog/a.html"},
		{"/blog/a.html", "blog/a.html", "/blog/a.html"},
		{"/blog/", "blog/index.html", "/blog/ (blog/index.html)"},
		{"https://example.org/blog/a.html", "blog/a.html", "https://example.org/blog/a.html (blog/a.html)"},
	} {
		if got := pageHeading(tc.url, tc.file); got != tc.want {
			t.Errorf("pageHeading(%q, %q) = %q, want %q", tc.url, tc.file, got, tc.want)
		}
	}
}

func TestTableHeader(t *testing.T) {
	for _, tc := range []struct {
		run  Run
		want string
	}{
		{emptyRun, "pagelint: 3 pages checked from http://127.0.0.1:8080/ (complete)\n"},
		{Run{Pages: 1}, "pagelint: 1 page checked (incomplete)\n"},
		{Run{Target: "public", Pages: 0, Complete: true, Notices: []string{"cannot read public/x.html: permission denied"}},
			"pagelint: 0 pages checked from public (complete)\n  notice: cannot read public/x.html: permission denied\n"},
	} {
		out := string(render(t, "table", tc.run, Options{}))
		if !strings.HasPrefix(out, tc.want) {
			t.Errorf("table starts\n%s\nwant\n%s", out, tc.want)
		}
	}
}

// TestTablesLineUp: every page's table has the same columns, so they align
// under each other, with colour as without.
func TestTablesLineUp(t *testing.T) {
	for _, color := range []bool{false, true} {
		out := string(render(t, "table", sampleRun, Options{Color: color}))
		var widths []int
		for l := range strings.SplitSeq(out, "\n") {
			if strings.HasPrefix(l, "┌") {
				widths = append(widths, twwidth.Width(l))
			}
		}
		if len(widths) != 4 { // the summary and three pages
			t.Fatalf("color=%v: %d tables, want 4:\n%s", color, len(widths), out)
		}
		for _, w := range widths[2:] {
			if w != widths[1] {
				t.Errorf("color=%v: page tables are %v columns wide, want one width:\n%s", color, widths[1:], out)
				break
			}
		}
		for l := range strings.SplitSeq(out, "\n") {
			if strings.HasPrefix(l, "│") && twwidth.Width(l) != widths[0] && twwidth.Width(l) != widths[1] {
				t.Errorf("color=%v: ragged line %q", color, l)
			}
		}
	}
}

func TestTableGroupsSitewideFindings(t *testing.T) {
	var fs []checks.Finding
	for _, u := range []string{"/", "/a/", "/b/", "/c/"} {
		fs = append(fs, checks.Finding{Rule: "stale-copyright", Severity: checks.Warning, URL: u, Line: 90,
			Message: "footer copyright ends in 2023", Evidence: `<p class="copy">© 2011 - 2023 Example</p>`, Fingerprint: "f" + u})
	}
	fs = append(fs, checks.Finding{Rule: "broken-link", Severity: checks.Error, URL: "/a/", Line: 3,
		Message: "link to /x returns HTTP 404", Evidence: `<a href="/x">x</a>`, Target: "/x", Fingerprint: "g"})
	var buf bytes.Buffer
	if err := Write(&buf, "table", Run{Target: "site", Pages: 4, Complete: true, Findings: fs}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "footer copyright ends in 2023"); n != 1 {
		t.Errorf("the repeated finding is shown %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "same on 4 pages: /, /a/, /b/, …") {
		t.Errorf("no site-wide row naming the pages:\n%s", out)
	}
	if !strings.Contains(out, "link to /x returns HTTP 404") || !strings.Contains(out, "5 warnings") && !strings.Contains(out, "4 warnings") {
		t.Errorf("page findings or totals lost:\n%s", out)
	}
	var j bytes.Buffer
	if err := Write(&j, "json", Run{Findings: fs}, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(j.String(), "footer copyright ends in 2023"); n != 4 {
		t.Errorf("JSON lists the site-wide finding %d times, want once per page (4)", n)
	}
}
