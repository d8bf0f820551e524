package checks

import (
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// JSON-LD reading shared by the stale-content rules (expired-offer,
// stale-review, stale-copyright).

// A staleGroupLDItem is one JSON object of a page's JSON-LD, with the
// <script> that holds it.
type staleGroupLDItem struct {
	obj    map[string]any
	script *html.Node
}

// staleGroupJSONLD returns every object of every JSON-LD block of the page,
// nested ones included, depth first. Blocks that do not parse are skipped:
// search engines skip them too (structured-data reports them).
func staleGroupJSONLD(root *html.Node) []staleGroupLDItem {
	var out []staleGroupLDItem
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n.Data != "script" {
			return true
		}
		if !strings.Contains(strings.ToLower(dom.AttrOr(n, "type")), "ld+json") {
			return false
		}
		v, ok := jsonldValue(n)
		if !ok {
			return false
		}
		var objs []map[string]any
		jsonldObjects(v, &objs)
		for _, o := range objs {
			out = append(out, staleGroupLDItem{obj: o, script: n})
		}
		return false
	})
	return out
}

// staleGroupJSONLDValues returns the string values of property prop in the
// page's JSON-LD.
func staleGroupJSONLDValues(root *html.Node, prop string) []string {
	var out []string
	for _, it := range staleGroupJSONLD(root) {
		out = append(out, staleGroupStrings(it.obj[prop])...)
	}
	return out
}

// staleGroupStrings reads a JSON-LD value as strings: a string, an
// {"@value": …} object, or an array of those.
func staleGroupStrings(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case map[string]any:
		return staleGroupStrings(t["@value"])
	case []any:
		var out []string
		for _, c := range t {
			out = append(out, staleGroupStrings(c)...)
		}
		return out
	}
	return nil
}

// staleGroupTypes returns the @type values of a JSON-LD object.
func staleGroupTypes(o map[string]any) []string {
	var out []string
	for _, t := range staleGroupStrings(o["@type"]) {
		if i := strings.LastIndexAny(t, "/:"); i >= 0 {
			t = t[i+1:] // "schema:Offer", "https://schema.org/Event"
		}
		out = append(out, t)
	}
	return out
}
