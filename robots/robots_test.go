package robots

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/anything", true},
		{"/fish", "/fish", true},
		{"/fish", "/fish.html", true},
		{"/fish", "/Fish.asp", false},
		{"/fish", "/catfish", false},
		{"/fish*", "/fishheads/yummy.html", true},
		{"/fish/", "/fish", false},
		{"/*.php", "/index.php", true},
		{"/*.php", "/folder/filename.php?parameters", true},
		{"/*.php", "/windows.PHP", false},
		{"/*.php$", "/filename.php", true},
		{"/*.php$", "/filename.php?parameters", false},
		{"/*.php$", "/filename.php5", false},
		{"/fish*.php", "/fish.php", true},
		{"/fish*.php", "/fishheads/catfish.php?parameters", true},
		{"/fish*.php", "/Fish.PHP", false},
		{"/a*b*c$", "/axxbyyc", true},
		{"/a*b*c$", "/axxbyycd", false},
		{"/a*b*c$", "/abcbc", true},
		{"/$", "/", true},
		{"/$", "/a", false},
		{"*", "/x", true},
		{"/a$b", "/a$b", true}, // $ anchors only at the end; elsewhere it is literal
	}
	for _, c := range cases {
		if got := match(normalize(c.pattern), normalize(c.path)); got != c.want {
			t.Errorf("match(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

const sample = `# comment line
User-agent: *
Disallow: /private/
Allow: /private/public.html
Disallow: /*.pdf$
Crawl-delay: 10

User-agent: pagelint
User-agent: otherbot
Disallow: /nolint/
Allow: /

user-agent: PageLint
disallow: /also/

Sitemap: https://example.org/sitemap.xml
Noindex: /old/
`

func TestParse(t *testing.T) {
	r := Parse([]byte(sample))
	if len(r.Groups) != 3 {
		t.Fatalf("groups = %d, want 3", len(r.Groups))
	}
	if got := r.Groups[1].Agents; len(got) != 2 || got[0] != "pagelint" || got[1] != "otherbot" {
		t.Errorf("group 2 agents = %q", got)
	}
	if len(r.Sitemaps) != 1 || r.Sitemaps[0].Value != "https://example.org/sitemap.xml" || r.Sitemaps[0].Num != 16 {
		t.Errorf("sitemaps = %+v", r.Sitemaps)
	}
	var other []string
	for _, l := range r.Other {
		other = append(other, l.Key)
	}
	if strings.Join(other, ",") != "crawl-delay,noindex" {
		t.Errorf("other = %q", other)
	}
}

func TestAllowed(t *testing.T) {
	r := Parse([]byte(sample))
	cases := []struct {
		ua, path string
		want     bool
	}{
		{"somebot/2.0", "/private/x", false},
		{"somebot/2.0", "/private/public.html", true},
		{"somebot", "/doc.pdf", false},
		{"somebot", "/doc.pdf?x", true},
		{"somebot", "/", true},
		{"pagelint/1.0 (+https://pagelint.dev)", "/nolint/a", false},
		{"pagelint/1.0", "/private/x", true}, // its own groups replace *
		{"pagelint", "/also/b", false},       // groups naming it are merged
		{"PAGELINT", "/nolint/", false},
		{"otherbot", "/also/b", true},
		{"somebot", "/robots.txt", true},
	}
	for _, c := range cases {
		if got := r.Allowed(c.ua, c.path); got != c.want {
			t.Errorf("Allowed(%q, %q) = %v, want %v", c.ua, c.path, got, c.want)
		}
	}
}

func TestLongestMatchAndTies(t *testing.T) {
	r := Parse([]byte("User-agent: *\nAllow: /page\nDisallow: /*.html\nDisallow: /page\nAllow: /$\nDisallow: /\n"))
	cases := map[string]bool{
		"/page":      true,  // allow and disallow of the same length: allow wins
		"/page.html": false, // /*.html is longer than /page
		"/":          true,  // /$ is as long as / and allows
		"/other":     false,
	}
	for path, want := range cases {
		if got := r.Allowed("x", path); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestEmptyAndMissing(t *testing.T) {
	if !Parse(nil).Allowed("x", "/a") {
		t.Error("empty file must allow all")
	}
	r := Parse([]byte("User-agent: *\nDisallow:\n"))
	if !r.Allowed("x", "/a") {
		t.Error("empty Disallow must allow all")
	}
	if _, all := r.DisallowsAll("x"); all {
		t.Error("empty Disallow is not disallow-all")
	}
	r = Parse([]byte("Disallow: /\nUser-agent: a\nDisallow: /a\n"))
	if len(r.Invalid) != 1 || r.Invalid[0].Num != 1 {
		t.Errorf("rule before any user-agent must be invalid: %+v", r.Invalid)
	}
	if !r.Allowed("b", "/") {
		t.Error("no group for b: allowed")
	}
}

func TestDisallowsAll(t *testing.T) {
	cases := map[string]bool{
		"User-agent: *\nDisallow: /\n":                          true,
		"User-agent: *\nDisallow: /*\n":                         true,
		"User-agent: *\nDisallow: /\nAllow: /$\n":               true,
		"User-agent: *\nDisallow: /\nAllow: /public/\n":         false,
		"User-agent: *\nDisallow: /admin/\n":                    false,
		"User-agent: googlebot\nDisallow: /\n":                  false,
		"User-agent: a\nUser-agent: *\nDisallow: /\n":           true,
		"User-agent: *\r\nDisallow: / # everything\r\n":         true,
		"\xef\xbb\xbfUser-agent: *\nDisallow: /\n":              true,
		"User-agent: *\nDisallow: /\n\nUser-agent: *\n":         true,
		"User-agent: *\nAllow: /\nUser-agent: *\nDisallow: /\n": false,
	}
	for body, want := range cases {
		if _, got := Parse([]byte(body)).DisallowsAll("pagelint"); got != want {
			t.Errorf("DisallowsAll(%q) = %v, want %v", body, got, want)
		}
	}
}

func TestPercentEncoding(t *testing.T) {
	r := Parse([]byte("User-agent: *\nDisallow: /caf%c3%a9/\nDisallow: /naïve/\n"))
	for _, p := range []string{"/caf%C3%A9/x", "/na%C3%AFve/y", "/naïve/z"} {
		if r.Allowed("x", p) {
			t.Errorf("%q should be disallowed", p)
		}
	}
}

func TestTruncated(t *testing.T) {
	body := "User-agent: *\n" + strings.Repeat("# padding line\n", MaxSize/15+10) + "Disallow: /\n"
	r := Parse([]byte(body))
	if !r.Truncated {
		t.Error("want Truncated")
	}
	if !r.Allowed("x", "/a") {
		t.Error("rules past the limit must be ignored")
	}
}

func TestAgent(t *testing.T) {
	for in, want := range map[string]string{
		"pagelint/1.0 (+https://x)": "pagelint",
		"Googlebot":                 "googlebot",
		" * ":                       "*",
		"Mozilla/5.0 (compatible)":  "mozilla",
	} {
		if got := Agent(in); got != want {
			t.Errorf("Agent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for body, want := range map[string]bool{
		"<!DOCTYPE html><html>":      true,
		"\n  <html lang=en>":         true,
		"User-agent: *\nDisallow: /": false,
		"":                           false,
	} {
		if got := LooksLikeHTML([]byte(body)); got != want {
			t.Errorf("LooksLikeHTML(%q) = %v", body, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample), "/private/x")
	f.Add([]byte("User-agent: *\nDisallow: /*a*b$\n"), "/xaab")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := Parse(data)
		a := r.Allowed("pagelint", path)
		if b := Parse(data).Allowed("pagelint", path); a != b {
			t.Fatal("not deterministic")
		}
		rule, ok := r.Match("pagelint", path)
		if ok && rule.Allow != a {
			t.Fatal("Match and Allowed disagree")
		}
		r.DisallowsAll("pagelint")
	})
}
