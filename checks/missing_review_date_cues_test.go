package checks

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// mayNameReviewer finds each hint as bytes.Contains does, wherever it stands.
func TestMayNameReviewer(t *testing.T) {
	for _, h := range reviewerHints {
		for _, page := range [][]byte{h, append(append([]byte("<p>x "), h...), " y</p>"...), append([]byte("a"), h[:len(h)-1]...)} {
			if got, want := mayNameReviewer(page), bytes.Contains(page, h); got != want {
				t.Errorf("mayNameReviewer(%q) = %v, want %v", page, got, want)
			}
		}
	}
	if mayNameReviewer([]byte("<p>A preView of the Checked BY list</p>")) {
		t.Error("mayNameReviewer found a hint in a page without one")
	}
}

func TestCueSet(t *testing.T) {
	cs := newCueSet("hecked by", "eview", "vis&eacute;")
	for s, want := range map[string]bool{
		"": false, "eview": true, "a preview": true, "checked by": true, "checked  by": false,
		"r&eacute;vis&eacute;": true, "kkk vvv": false, "evie": false, "hecked b": false,
	} {
		if got := cs.in([]byte(s)); got != want {
			t.Errorf("in(%q) = %v, want %v", s, got, want)
		}
	}
}

// mayHoldReviewerLabel must answer true wherever flatten's text has a
// reviewer label, however the label is split between elements.
func TestMayHoldReviewerLabel(t *testing.T) {
	for _, src := range []string{
		`<p>Reviewed by Dana Whitfield, MD</p>`,
		`<p>Re<b>viewed</b> by Dana</p>`,
		`<p>Re<script>x</script>vie<style>p{}</style>wed by Dana</p>`,
		"<p>Re\u00adviewed by Dana</p>",
		"<p>Re&shy;vi&#8203;ewed by Dana</p>",
		`<p>Fact-<span>checked</span> by Dana</p>`,
		`<p>Medizinisch gepr&uuml;ft von Dana</p>`,
		`<p>Relu par Dana</p>`,
		`<p>R&eacute;vis&eacute; par Dana</p>`,
		`<p>Medisch beoordeeld door Dana</p>`,
		`<p>REVIEWED BY DANA</p>`,
		"<p>Reviewed by Dana \u212a</p>",
		"<p>Fact-chec\u212aed by Dana</p>",
		`<p>Medical reviewer: Dana</p>`,
		`<p>Code review (peer reviewed by Dana)</p>`,
		"<p>A preview. Revi\u017fado por Dana</p>",
	} {
		root, err := html.Parse(strings.NewReader("<!doctype html><body>" + src))
		if err != nil {
			t.Fatal(err)
		}
		body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
		if len(flatten(body, skipForBylines).labels()) == 0 {
			t.Errorf("%s: no label in the flattened text (test case is wrong)", src)
		}
		if !mayHoldReviewerLabel(body) {
			t.Errorf("%s: mayHoldReviewerLabel = false, but flatten finds a label", src)
		}
	}
	root, _ := html.Parse(strings.NewReader("<!doctype html><body><p>A preview of the code review</p>"))
	if mayHoldReviewerLabel(dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })) {
		t.Error("mayHoldReviewerLabel = true on a page with no label stem")
	}
}

func TestCueSetEach(t *testing.T) {
	cs := newCueSet("review", "prüft", "vis&eacute;")
	text := []byte("a review, reviewed; geprüft überprüft r&eacute;vis&eacute; reviewreview")
	var got []int
	cs.each(text, func(p int) { got = append(got, p) })
	slices.Sort(got)
	var want []int
	for _, c := range []string{"review", "prüft", "vis&eacute;"} {
		for i := 0; i+len(c) <= len(text); i++ {
			if string(text[i:i+len(c)]) == c {
				want = append(want, i)
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("each found %v, want %v", got, want)
	}
}
