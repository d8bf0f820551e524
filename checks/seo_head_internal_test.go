package checks

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/page"
)

func TestHTMLLangInvalid(t *testing.T) {
	valid := []string{"en", "EN", "en-US", "en-gb", "de-AT", "zh-Hant-TW", "es-419", "sr-Latn", "yue-Hant-HK",
		"x-klingon", "en-US-x-twain", "sl-rozaj-biske", "ja-JP-u-ca-japanese", "fil", "i-klingon"}
	for _, tag := range valid {
		if why := htmlLangInvalid(tag); why != "" {
			t.Errorf("htmlLangInvalid(%q) = %q, want valid", tag, why)
		}
	}
	invalid := map[string]string{
		"en_US":   "underscore",
		"english": "not a language code",
		"qq":      "not a known language code",
		"en-":     "language-region form",
		"e":       "language-region form",
		"en US":   "language-region form",
		"us":      "not a known language code", // a region where a language belongs
		"123":     "language-region form",
	}
	for tag, want := range invalid {
		if why := htmlLangInvalid(tag); !strings.Contains(why, want) {
			t.Errorf("htmlLangInvalid(%q) = %q, want it to say %q", tag, why, want)
		}
	}
}

func TestTitleLengthWidth(t *testing.T) {
	cases := map[string]int{
		"Opening hours":            13,
		"Café":                     4,
		"Cafe\u0301":               4, // combining accent adds no width
		"営業時間":                     8,
		"ハーバーライト":                  14,
		"영업 시간":                    9,
		"Ｈａｒｂｏｒ":                   12,
		"Opening hours – Harbor ｜": 25,
	}
	for s, want := range cases {
		if got := titleLengthWidth(s); got != want {
			t.Errorf("titleLengthWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestImageAltPoor(t *testing.T) {
	poor := map[[2]string]string{
		{"IMG_1234.JPG", "/u/IMG_1234.JPG"}:             "file name",
		{"../_images/plot.png", "../_images/plot.png"}:  "file name",
		{"DSC01234", "/u/dsc01234.jpg"}:                 "camera",
		{"Screenshot 2024-05-01 at 10.22.11", "/s.png"}: "camera",
		{"image", "/a.jpg"}:                             "placeholder",
		{"Photo.", "/a.jpg"}:                            "placeholder",
		{"untitled-1", "/a.jpg"}:                        "placeholder",
		{"Untitled design (7)", "/a.png"}:               "placeholder",
		{"hero_banner_2", "/wp/hero_banner_2.webp?v=3"}: "file name",
		{"ball1", "images/ball1.gif"}:                   "file name",
	}
	for in, want := range poor {
		if got := imageAltPoor(in[0], in[1]); !strings.Contains(got, want) {
			t.Errorf("imageAltPoor(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
	fine := [][2]string{
		{"Map", "/img/map.png"},
		{"Dana Whitfield", "/team/dana-whitfield.jpg"},
		{"A photo of the harbor at dawn", "/img/harbor.jpg"},
		{"Images from our open day", "/img/open-day.jpg"},
		{"Download the report as report.pdf", "/img/pdf.svg"},
		{"Logo of IMG Academy", "/img/img-academy.png"},
		{"Figure 1: wait times", "/img/figure-1.png"},
		{"1", "../images/callouts/1.png"},
		{"2024", "/img/2024.png"},
		{"v2", "/img/v2.png"},
	}
	for _, in := range fine {
		if got := imageAltPoor(in[0], in[1]); got != "" {
			t.Errorf("imageAltPoor(%q, %q) = %q, want fine", in[0], in[1], got)
		}
	}
}

func TestSEOHeadRead(t *testing.T) {
	src := `<!doctype html><html lang="de"><head><title>A</title><meta name="DESCRIPTION" content=" x  y ">
<meta property="og:title" content="t"><link rel="canonical" href="/c"></head>
<body><svg><title>icon</title></svg><div role="heading" aria-level="1">H</div><h1>B</h1>
<template><h1>T</h1><img src="t.png"></template><img src="a.png"></body></html>`
	u, _ := url.Parse("https://example.com/a/")
	pg, err := page.Parse(u, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	h := seoHeadRead(pg)
	if len(h.titles) != 1 || len(h.descs) != 1 || len(h.og) != 1 || h.canonical == nil || len(h.h1s) != 2 || len(h.imgs) != 1 || h.fragment {
		t.Errorf("seoHeadRead: titles %d descs %d og %d canonical %v h1s %d imgs %d fragment %v",
			len(h.titles), len(h.descs), len(h.og), h.canonical != nil, len(h.h1s), len(h.imgs), h.fragment)
	}
	if got := seoHeadContent(h.descs[0]); got != "x y" {
		t.Errorf("description folded = %q", got)
	}
	frag, _ := page.Parse(u, []byte(`<!doctype html><meta name="viewport" content="width=device-width"><pre><a href="a.html">a.html</a></pre>`))
	if !seoHeadRead(frag).fragment {
		t.Error("a directory listing with no html, head, body or title should be a partial")
	}
}

func TestSEOHeadOfShared(t *testing.T) {
	u, _ := url.Parse("https://example.com/")
	pg, err := page.Parse(u, []byte(`<!doctype html><html lang="en"><head><title>T</title></head><body><h1>H</h1></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := page.Parse(u, []byte(`<!doctype html><html><head></head><body></body></html>`))
	// Two rules of one page share the page's facts, as the runner sets up.
	facts := &pageFacts{}
	a, b := seoHeadOf(&PagePass{Page: pg, facts: facts}), seoHeadOf(&PagePass{Page: pg, facts: facts})
	if a != b {
		t.Error("two rules on one page should share one seoHead")
	}
	if c := seoHeadOf(&PagePass{Page: other, facts: &pageFacts{}}); c == a || len(c.titles) != 0 {
		t.Error("another page should get its own seoHead")
	}
}
