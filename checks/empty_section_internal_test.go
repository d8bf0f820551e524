package checks

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

func TestEmptySectionLinkOnly(t *testing.T) {
	for doc, want := range map[string]bool{
		`<h2><a href="/post/">A post</a></h2>`:                                                true,
		`<h2 class="entry-title"> <a href="/post/">A post</a> </h2>`:                          true,
		`<a class="card" href="/s/"><h3>Lighting plans</h3></a>`:                              true,
		`<h2>Methods<a class="headerlink" href="#methods">¶</a></h2>`:                         false,
		`<h2><a href="#m">mod</a> — Core functions<a class="headerlink" href="#m">¶</a></h2>`: false,
		`<h2>Frequently asked questions</h2>`:                                                 false,
		`<h2><a id="faq"></a>FAQ</h2>`:                                                        false,
	} {
		root, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		h := dom.Find(root, func(n *html.Node) bool { return emptySectionLevel(n) > 0 })
		if got := emptySectionLinkOnly(h); got != want {
			t.Errorf("emptySectionLinkOnly(%s) = %v, want %v", doc, got, want)
		}
	}
}

func TestEmptySectionFAQQuestions(t *testing.T) {
	doc := `{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
	{"@type":["FAQPage"],"mainEntity":[{"@type":"Question","name":"Q1?"},{"@type":"Question","name":" Q2? "}]}]}`
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	got := emptySectionFAQQuestions(v, false)
	if strings.Join(got, "|") != "Q1?|Q2?" {
		t.Errorf("questions = %q", got)
	}
}
