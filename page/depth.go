package page

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxSourceDepth is how deep flattenDeep lets elements nest. The parser
// gives up past 512 open elements (browsers stop nesting there too), and
// the tree builder adds a few implied ones (html, body, tbody) of its own.
const maxSourceDepth = 256

// flattenDeep returns src with the start and end tags of elements nested
// deeper than maxSourceDepth taken out, so their content joins the element
// at that depth, as in a browser. The removed tags are replaced by their
// newlines, so every other tag stays on its line. Parse falls back on it for
// a page the parser refuses (10,000 nested divs).
func flattenDeep(src []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	out.Grow(len(src))
	depth, skipped := 0, 0
	drop := func(raw []byte) {
		out.Write(bytes.Repeat([]byte{'\n'}, bytes.Count(raw, []byte{'\n'})))
	}
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			out.Write(raw)
			return out.Bytes()
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			// <div/> opens a div all the same (the slash counts in svg only).
			name, _ := z.TagName()
			if voidElements[string(name)] || rawTextElements[atom.Lookup(name)] {
				break
			}
			if depth >= maxSourceDepth {
				skipped++
				drop(raw)
				continue
			}
			depth++
		case html.EndTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] || rawTextElements[atom.Lookup(name)] {
				break
			}
			if skipped > 0 {
				skipped--
				drop(raw)
				continue
			}
			depth = max(depth-1, 0)
		}
		out.Write(raw)
	}
}
