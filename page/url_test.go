package page

import (
	"net/url"
	"strings"
	"testing"
)

func TestNormalizeURL(t *testing.T) {
	cases := map[string]string{
		"HTTP://Example.ORG:80":                        "http://example.org/",
		"https://example.org:443/a#top":                "https://example.org/a",
		"https://example.org:8443/":                    "https://example.org:8443/",
		"https://example.org/a/./b/../c":               "https://example.org/a/c",
		"https://example.org/../../a":                  "https://example.org/a",
		"https://example.org/a/b/..":                   "https://example.org/a/",
		"https://example.org/a/.":                      "https://example.org/a/",
		"https://example.org/%7euser/%41%62c":          "https://example.org/~user/Abc",
		"https://example.org/caf%c3%a9":                "https://example.org/caf%C3%A9",
		"https://example.org/a%2fb":                    "https://example.org/a%2Fb",
		"https://example.org/s?q=%7e%2f&x=1":           "https://example.org/s?q=~%2F&x=1",
		"https://example.org/s?b=2&a=1":                "https://example.org/s?b=2&a=1",
		"https://user:pw@example.org/":                 "https://example.org/",
		"https://example.org/a?":                       "https://example.org/a",
		"https://example.org/a..b/.hidden/c.":          "https://example.org/a..b/.hidden/c.",
		"https://example.org/%2e%2e/secret":            "https://example.org/secret",
		"mailto:someone@example.org":                   "mailto:someone@example.org",
		"https://example.org/a/%2E/b":                  "https://example.org/a/b",
		"https://example.org/path%20with%20spaces/":    "https://example.org/path%20with%20spaces/",
		"https://example.org/calendar/2026/01/../02/":  "https://example.org/calendar/2026/02/",
		"https://EXAMPLE.org/Case/Is/Kept/In/The/Path": "https://example.org/Case/Is/Kept/In/The/Path",
	}
	for in, want := range cases {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatalf("parse %q: %v", in, err)
		}
		if got := Normalize(u); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripParams(t *testing.T) {
	drop := ParamMatcher([]string{"utm_*", "fbclid", "gclid", "PHPSESSID", "jsessionid", "sid"})
	cases := map[string]string{
		"https://example.org/a?utm_source=x&utm_medium=y":            "https://example.org/a",
		"https://example.org/a?id=3&UTM_Campaign=z&fbclid=abc&b=%20": "https://example.org/a?id=3&b=%20",
		"https://example.org/a?gclid=1&phpsessid=2&sid=3":            "https://example.org/a",
		"https://example.org/a;jsessionid=ABC123?x=1":                "https://example.org/a?x=1",
		"https://example.org/a;v=2;jsessionid=ABC":                   "https://example.org/a;v=2",
		"https://example.org/a?side=1&sidebar=2":                     "https://example.org/a?side=1&sidebar=2",
		"https://example.org/a?&&x=1&":                               "https://example.org/a?x=1",
	}
	for in, want := range cases {
		u, _ := url.Parse(in)
		if got := Normalize(StripParams(u, drop)); got != want {
			t.Errorf("StripParams(%q) = %q, want %q", in, got, want)
		}
	}
	u, _ := url.Parse("https://example.org/a?utm_source=x")
	if StripParams(u, nil) != u || ParamMatcher(nil) != nil {
		t.Error("no patterns must strip nothing")
	}
}

// FuzzNormalize checks that normalizing never panics and that, for http(s)
// URLs, it is idempotent and keeps a URL on its site.
func FuzzNormalize(f *testing.F) {
	f.Add("https://example.org/a/./b/../c?utm_source=x#f")
	f.Add("HTTP://EXAMPLE.org:80/%7e/%2f/..")
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		once := Normalize(u)
		if !Fetchable(u) {
			return // only URLs that are fetched are keys; the rest must just not panic
		}
		v, err := url.Parse(once)
		if err != nil {
			t.Fatalf("Normalize(%q) = %q, which does not parse: %v", raw, once, err)
		}
		if twice := Normalize(v); twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, once, twice)
		}
		if !SameSite(u, v) {
			t.Fatalf("Normalize(%q) = %q left the site", raw, once)
		}
		_ = Normalize(StripParams(u, ParamMatcher([]string{"utm_*", "sid"})))
	})
}

func TestParseDeepNesting(t *testing.T) {
	u, _ := url.Parse("https://example.org/deep")
	src := "<title>Deep</title>\n" + strings.Repeat("<div><span>", 5000) + "bottom" + strings.Repeat("</span></div>", 5000) +
		"\n<p>after</p>\n<a href=\"/next\">next</a>"
	p, err := Parse(u, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Doc.Text(), "bottom") || len(p.Links) != 1 {
		t.Errorf("text or links lost: %d links", len(p.Links))
	}
	a := p.Doc.Find("a").Nodes[0]
	if line := p.Line(a); line != 4 {
		t.Errorf("the link is on line %d, want 4", line)
	}
	depth := 0
	for n := p.Doc.Find("span").Last().Nodes[0]; n != nil; n = n.Parent {
		depth++
	}
	if depth > 512 {
		t.Errorf("tree depth %d", depth)
	}
}
