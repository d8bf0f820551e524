package page

import (
	"net/url"
	"testing"
)

func TestSitePageFollowsAliasesAndRedirects(t *testing.T) {
	root, _ := url.Parse("https://example.org/")
	s := NewSite(root, ModeCrawl, true)
	s.AddPage(&Summary{URL: "https://example.org/new/"})
	s.Alias("https://example.org/new/index.html", "https://example.org/new/")
	s.RecordFetch(Fetch{URL: "https://example.org/old", Status: 200, Final: "https://example.org/new/index.html"})
	for _, u := range []string{"https://example.org/new/", "https://example.org/new/index.html", "https://example.org/old"} {
		if _, ok := s.Page(u); !ok {
			t.Errorf("Page(%s) not found", u)
		}
	}
	if _, ok := s.Page("https://example.org/other"); ok {
		t.Error("Page found a page that was never added")
	}
}

func TestSitePathsInCheckMode(t *testing.T) {
	root, _ := url.Parse("https://user.example.io/repo/")
	s := NewSite(root, ModeCheck, true)
	if got := s.SitePath("https://user.example.io/repo/a/"); got != "/a/" {
		t.Errorf("SitePath = %q", got)
	}
	if !s.Internal("https://user.example.io/repo/a/") || s.Internal("https://user.example.io/other/") {
		t.Error("Internal misjudged the base path")
	}
	plain := NewSite(&url.URL{Scheme: "https", Host: "site.invalid", Path: "/"}, ModeCheck, false)
	if got := plain.DisplayURL("https://site.invalid/blog/"); got != "/blog/" {
		t.Errorf("DisplayURL = %q", got)
	}
	if got := plain.DisplayURL("https://elsewhere.example/x"); got != "https://elsewhere.example/x" {
		t.Errorf("DisplayURL of another site = %q", got)
	}
}

func TestSiteLinkSharesEqualInfos(t *testing.T) {
	site := NewSite(&url.URL{Scheme: "https", Host: "example.org", Path: "/"}, ModeCrawl, true)
	a := site.Link(LinkInfo{Target: "https://example.org/a", Raw: "/a", Tag: "a", Attr: "href", Evidence: `<a href="/a">A</a>`, Follow: true, Fetch: true})
	b := site.Link(LinkInfo{Target: "https://example.org/a", Raw: "/a", Tag: "a", Attr: "href", Evidence: `<a href="/a">A</a>`, Follow: true, Fetch: true})
	if a != b {
		t.Error("equal link infos must share one copy")
	}
	for _, other := range []LinkInfo{
		{Target: "https://example.org/a", Raw: "/a", Tag: "a", Attr: "href", Evidence: `<a href="/a">A</a>`, Follow: false, Fetch: true},
		{Target: "https://example.org/a", Raw: "/a", Tag: "a", Attr: "href", Evidence: `<a href="/a">B</a>`, Follow: true, Fetch: true},
		{Target: "https://example.org/", Raw: "a/a", Tag: "a", Attr: "href", Evidence: `<a href="/a">A</a>`, Follow: true, Fetch: true},
	} {
		if c := site.Link(other); c == a || *c != other {
			t.Errorf("a different info must get its own copy: %+v", other)
		}
	}
}
