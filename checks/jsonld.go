package checks

import (
	"encoding/json"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// jsonldValue decodes one <script type="application/ld+json">, with the
// HTML-comment and CDATA wrappers some CMSs put around it removed. ok is
// false for JSON that does not parse: structured-data reports that; the
// rules that only read facts from JSON-LD skip it, as search engines do.
func jsonldValue(script *html.Node) (v any, ok bool) {
	var raw strings.Builder
	for c := script.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			raw.WriteString(c.Data)
		}
	}
	src := strings.TrimSpace(raw.String())
	for _, wrap := range []string{"<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"} {
		src = strings.ReplaceAll(src, wrap, "")
	}
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return nil, false
	}
	return v, true
}

// jsonldObjects appends every object in v (itself, @graph members, nested
// values) to out, visiting keys in sorted order so findings built from them
// come out the same on every run.
func jsonldObjects(v any, out *[]map[string]any) {
	switch t := v.(type) {
	case map[string]any:
		*out = append(*out, t)
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			jsonldObjects(t[k], out)
		}
	case []any:
		for _, c := range t {
			jsonldObjects(c, out)
		}
	}
}
