package checks

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestGenericLinkNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"READ MORE »":          "read more",
		"  Continue reading →": "continue reading",
		"Read more…":           "read more",
		"Learn more >":         "learn more",
		"[more]":               "more",
		"(Details)":            "details",
		"« here":               "here",
		"start()":              "start()",
		"--details":            "--details",
		"Weiterlesen ›":        "weiterlesen",
		"Read\u00a0more:":      "read more",
		"":                     "",
	} {
		if got := genericLinkNormalize(in); got != want {
			t.Errorf("genericLinkNormalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenericLinkName(t *testing.T) {
	for doc, want := range map[string]string{
		`<a href="/x">Read more<span class="screen-reader-text"> about fees</span></a>`: "Read more about fees",
		`<a href="/x" aria-label="Fees and insurance">Read more</a>`:                    "Fees and insurance",
		`<a href="/x"><img src="p.svg" alt="Print this page"></a>`:                      "Print this page",
		`<a href="/x" title="More about us"><i class="fa fa-arrow"></i></a>`:            "More about us",
		`<a href="/x">Read <span aria-hidden="true">→</span>more</a>`:                   "Read more",
		`<a href="/x"><svg><title>Home</title></svg></a>`:                               "Home",
	} {
		root, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		var a *html.Node
		var find func(*html.Node)
		find = func(n *html.Node) {
			if a == nil && n.Type == html.ElementNode && n.Data == "a" {
				a = n
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(root)
		if got := genericLinkName(a, nil); got != want {
			t.Errorf("name of %s = %q, want %q", doc, got, want)
		}
	}
}
