package page

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

func parseTest(t *testing.T, src string) *Page {
	t.Helper()
	u, _ := url.Parse("https://example.org/dir/page.html")
	p, err := Parse(u, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lineOf finds the first element with attribute id=want and returns its line.
func lineOf(t *testing.T, p *Page, id string) int {
	t.Helper()
	n := dom.Find(p.Root(), func(n *html.Node) bool { return dom.AttrOr(n, "id") == id })
	if n == nil {
		t.Fatalf("no element with id %q", id)
	}
	return p.Line(n)
}

func TestLineOfElements(t *testing.T) {
	src := strings.Join([]string{
		`<!doctype html>`,                                          // 1
		`<html><head><title>t</title>`,                             // 2
		`<!-- <a id="commented"> is not an element -->`,            // 3
		`<script>var s = "<a id='in-script'>";</script>`,           // 4
		`</head><body>`,                                            // 5
		`<p id="p1">one`,                                           // 6
		`<a id="a1" href="/x">x</a>`,                               // 7
		`<noscript><a id="in-noscript" href="/n">n</a></noscript>`, // 8
		`<table><tr id="row"><td id="cell">c</td></tr></table>`,    // 9
		`<a id="a2"`,         // 10
		`   href="/y">y</a>`, // 11
		`<textarea><a id="in-textarea"></textarea>`,              // 12
		`<svg><use id="use1" href="#i"/></svg>`,                  // 13
		`<DIV ID="upper">u</DIV>`,                                // 14
		`<a id="a3" href="/z" title="a > b">z</a>`,               // 15
		`<svg><foreignObject id="fo">`,                           // 16
		`<my-card id="custom">c</my-card></foreignObject></svg>`, // 17
		`</body></html>`,
	}, "\n")
	p := parseTest(t, src)
	for id, want := range map[string]int{"p1": 6, "a1": 7, "row": 9, "cell": 9, "a2": 10, "use1": 13, "upper": 14, "a3": 15, "fo": 16, "custom": 17} {
		if got := lineOf(t, p, id); got != want {
			t.Errorf("line of #%s = %d, want %d", id, got, want)
		}
	}
}

func TestLineSurvivesParserRepairs(t *testing.T) {
	// Misnested formatting elements make the parser clone <b>; elements after
	// the repair must still get their own lines.
	src := "<body>\n<b><p id=\"p\">x</b>y</p>\n<b id=\"later\">z</b>\n<p id=\"last\">w</p>\n"
	p := parseTest(t, src)
	if got := lineOf(t, p, "later"); got != 3 {
		t.Errorf("line of #later = %d, want 3", got)
	}
	if got := lineOf(t, p, "last"); got != 4 {
		t.Errorf("line of #last = %d, want 4", got)
	}
}

func TestEvidence(t *testing.T) {
	p := parseTest(t, `<body><a class="more  link" href="/missing.html" onclick="x()">READ
	   MORE</a><img src="/a.png" alt="x"></body>`)
	a := dom.Find(p.Root(), func(n *html.Node) bool { return n.Data == "a" })
	if got, want := Evidence(a), `<a href="/missing.html" class="more link">READ MORE</a>`; got != want {
		t.Errorf("Evidence = %s, want %s", got, want)
	}
	img := dom.Find(p.Root(), func(n *html.Node) bool { return n.Data == "img" })
	if got, want := Evidence(img), `<img src="/a.png">`; got != want {
		t.Errorf("Evidence = %s, want %s", got, want)
	}
}

func TestParseSrcset(t *testing.T) {
	cases := map[string][]string{
		"a.png 1x, b.png 2x":                      {"a.png", "b.png"},
		"a.png":                                   {"a.png"},
		"  a.png  ,  b.png 100w ":                 {"a.png", "b.png"},
		"/img/photo,wide.png 1x, /b.png 2x":       {"/img/photo,wide.png", "/b.png"},
		"a.png,b.png":                             {"a.png,b.png"},
		"a.png, b.png":                            {"a.png", "b.png"},
		"a.png 1x,, b.png":                        {"a.png", "b.png"},
		"data:image/png;base64,AAAA 1x, b.png 2x": {"data:image/png;base64,AAAA", "b.png"},
		"a.png (max-width: 3px, odd) 1x, b.png":   {"a.png", "b.png"},
		"":                                        nil,
	}
	for in, want := range cases {
		got := ParseSrcset(in)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("ParseSrcset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"HTTP://Example.ORG:80/a#frag":    "http://example.org/a",
		"https://example.org:443":         "https://example.org/",
		"https://example.org:8443/x?q=1#": "https://example.org:8443/x?q=1",
		"https://user:pw@example.org/a":   "https://example.org/a",
	}
	for in, want := range cases {
		u, _ := url.Parse(in)
		if got := Normalize(u); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtractLinks(t *testing.T) {
	p := parseTest(t, `<head><base href="/root/"><link rel="preconnect" href="https://cdn.example">
	<link rel="stylesheet" href="s.css"><meta property="og:image" content="https://example.org/og.png">
	<meta http-equiv="refresh" content="5; URL='/moved/'"></head>
	<body><a href="a.html#x">a</a><img src="i.png" srcset="i.png 1x, j.png 2x">
	<template><a href="/inert">no</a></template><a href="mailto:x@example.org">m</a>
	<svg><use xlink:href="/sprite.svg#icon"></use></svg></body>`)
	var got []string
	for _, l := range p.Links {
		got = append(got, l.Node.Data+" "+l.Attr+" "+l.URL.String())
	}
	want := []string{
		"link href https://example.org/root/s.css",
		"meta content https://example.org/og.png",
		"meta content https://example.org/moved/",
		"a href https://example.org/root/a.html#x",
		"img src https://example.org/root/i.png",
		"img srcset https://example.org/root/i.png",
		"img srcset https://example.org/root/j.png",
		"a href mailto:x@example.org",
		"use href https://example.org/sprite.svg#icon",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeHTML(t *testing.T) {
	latin1 := []byte("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>")
	if got := string(DecodeHTML(latin1, "")); !strings.Contains(got, "café") {
		t.Errorf("latin-1 page decoded as %q", got)
	}
	bad := []byte("<p>ok \xff\xfe here</p>")
	if got := string(DecodeHTML(bad, "text/html; charset=utf-8")); !strings.Contains(got, "\uFFFD") {
		t.Errorf("invalid UTF-8 kept as %q", got)
	}
}
