package checks

import (
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// ellipsisCue is a cheap test that endsWithEllipsis needs: wherever a block
// ends with an ellipsis, however the dots are split between elements or
// mixed with zero-width characters, the cue must be there.
func TestEllipsisCue(t *testing.T) {
	for _, tt := range []struct {
		body string
		cue  bool
	}{
		{"<p>one two three four five six…</p>", true},
		{"<p>one two three four five six...</p>", true},
		{"<p>one two three four five six.<b>..</b></p>", true},
		{"<p>one two three four five six.<b>.</b>.</p>", true},
		{"<p>one two three four five six.<span hidden>x</span>..</p>", true},
		{"<p>one two three four five six.\u200b.\u200b.</p>", true},
		{"<p>one two three four five six.&shy;..</p>", true},
		{"<p>one two three four five six.<b>\u200b.</b>.</p>", true},
		{"<p>é one two three four five six [&hellip;]</p>", true},
		{"<p>one two three four five six [...] Read more »</p>", true},
		{"<p>One sentence. Another sentence. A third one.</p>", false},
		{"<p>One sentence. <a href='x'>link</a>.</p>", false},
		{"<p>Déjà vu. Ça va.</p>", false},
		{"<p>two dots.. only</p>", false},
	} {
		root, err := html.Parse(strings.NewReader("<!doctype html><body>" + tt.body))
		if err != nil {
			t.Fatal(err)
		}
		p := dom.Find(root, func(n *html.Node) bool { return n.Data == "p" })
		if got := ellipsisCue(p); got != tt.cue {
			t.Errorf("ellipsisCue(%s) = %v, want %v", tt.body, got, tt.cue)
		}
		if endsWithEllipsis(p) && !ellipsisCue(p) {
			t.Errorf("%s ends with an ellipsis but has no cue", tt.body)
		}
	}
}
