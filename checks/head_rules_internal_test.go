package checks

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestHreflangCodeProblem(t *testing.T) {
	valid := []string{"en", "EN", "en-GB", "en-us", "x-default", "X-Default", "zh-Hant", "zh-Hans-CN", "sr-Latn-RS", "uk", "uk-UA", "pt-BR", "es-MX", "iw", "nb-NO"}
	for _, v := range valid {
		if msg := hreflangCodeProblem(v); msg != "" {
			t.Errorf("%q: unexpected %s", v, msg)
		}
	}
	invalid := []string{"", "en_US", "en-UK", "us", "gb", "eng", "es-419", "en-EU", "xx", "de-XX", "en-GB-oxendict", "english", "e", "en-", "-GB", "in", "jp", "dk"}
	for _, v := range invalid {
		if hreflangCodeProblem(v) == "" {
			t.Errorf("%q: want a problem", v)
		}
	}
}

func TestHeadLinkRobots(t *testing.T) {
	cases := []struct {
		content           string
		noindex, nofollow bool
	}{
		{"noindex, follow", true, false},
		{"NONE", true, true},
		{"index,nofollow", false, true},
		{"noindex nofollow", true, true},
		{"max-snippet:-1, max-image-preview:large", false, false},
		{"unavailable_after: 2030-01-01", false, false},
		{"", false, false},
		{"noindexing", false, false},
	}
	for _, c := range cases {
		r := headLinkRobotsTokens(c.content)
		if r.noindex() != c.noindex || r.nofollow() != c.nofollow {
			t.Errorf("%q: noindex %v nofollow %v, want %v %v", c.content, r.noindex(), r.nofollow(), c.noindex, c.nofollow)
		}
	}
	h := http.Header{}
	h.Add("X-Robots-Tag", "otherbot: noindex")
	h.Add("X-Robots-Tag", "googlebot: nofollow")
	h.Add("X-Robots-Tag", "noarchive, unavailable_after: 25 Jun 2030 15:00:00 PST")
	got := headLinkHeaderRobots(h)
	want := []string{" nofollow", "noarchive, unavailable_after: 25 Jun 2030 15:00:00 PST"}
	if !slices.Equal(got, want) {
		t.Errorf("header values %q, want %q", got, want)
	}
}

func TestStructuredDataISODate(t *testing.T) {
	for _, s := range []string{"2025", "2025-06", "2025-06-27", "2025-06-27T09:30", "2025-06-27T09:30:00Z", "2025-06-27T09:30:00.123+02:00", "2025-06-27T09:30:00+0200", "2024-02-29"} {
		if !structuredDataISODate(s) {
			t.Errorf("%q: want valid", s)
		}
	}
	for _, s := range []string{"", "June 27, 2025", "27/06/2025", "2025-06-27 09:30:00", "2025-13-01", "2025-02-30", "2025-06-27T25:00", "20250627", "1719480000"} {
		if structuredDataISODate(s) {
			t.Errorf("%q: want invalid", s)
		}
	}
}

func TestStructuredDataBreaker(t *testing.T) {
	cases := map[string]string{
		`{"a": 1,}`:               "trailing comma",
		`{"a": [1, 2,]}`:          "trailing comma",
		`{"a": "x` + "\n" + `y"}`: "raw line break",
		`{"a": "say "hi""}`:       "unescaped double quote",
		`{"a": 1} {"b": 2}`:       "two JSON values",
		`{"a": 1};`:               "trailing semicolon",
		`{a: 1}`:                  "without quotes",
		`{"a": 1`:                 "ends early",
		`{'a': 1}`:                "single quotes",
	}
	for src, want := range cases {
		_, err := structuredDataParse(src)
		if err == nil {
			t.Errorf("%q parsed", src)
			continue
		}
		at, atEnd := structuredDataLocate(src, err)
		msg := structuredDataBreaker(src, at, atEnd)
		if !strings.Contains(msg, want) {
			t.Errorf("%q: cause %q, want %q (error %v)", src, msg, want, err)
		}
	}
}

// FuzzStructuredDataCause makes sure locating and naming a parse error
// never panics, whatever the script holds.
func FuzzStructuredDataCause(f *testing.F) {
	for _, s := range []string{`{"a": 1,}`, `{"a": "x` + "\n" + `"}`, `<!-- {} -->`, `/*<![CDATA[*/{}/*]]>*/`, `{`, `}`, `"`, `{"a":"é"` + "\t" + `}`, "\ufeff{}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		src, _ = structuredDataStripCDATA(src)
		if _, err := structuredDataParse(src); err != nil {
			at, atEnd := structuredDataLocate(src, err)
			line, col := structuredDataPosition(src, at)
			if line < 1 || col < 1 {
				t.Fatalf("position %d:%d", line, col)
			}
			_ = structuredDataBreaker(src, at, atEnd)
			return
		}
		w := &structuredDataWalker{}
		v, _ := structuredDataParse(src)
		w.top(v)
		_ = w.untypedPaths()
	})
}
