package checks

import (
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// A structReviewer is a schema.org reviewedBy found in JSON-LD or microdata.
type structReviewer struct {
	name  string     // the reviewer's name, or "" when the value gives none
	node  *html.Node // the <script> or the microdata element
	dated bool       // the same item carries lastReviewed
	// author is set when the item names the same person as its author,
	// the usual trace of an SEO plugin filling reviewedBy by default.
	author bool
}

// reviewData is what a page's structured data says about its review.
type reviewData struct {
	reviewers    []structReviewer
	lastReviewed bool // some item carries a lastReviewed value
}

// readReviewData reads reviewedBy and lastReviewed from every JSON-LD block
// (top-level arrays, @graph and nested objects, @id references resolved) and
// from microdata itemprops.
func readReviewData(root *html.Node) reviewData {
	var rd reviewData
	dom.Walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n.Data == "script" {
			if strings.Contains(strings.ToLower(dom.AttrOr(n, "type")), "ld+json") {
				rd.readJSONLD(n)
			}
			return false
		}
		if mdHasItemprop(n, "lastReviewed") && microdataValue(n) != "" {
			rd.lastReviewed = true
		}
		if mdHasItemprop(n, "reviewedBy") {
			rd.reviewers = append(rd.reviewers, structReviewer{
				name:  microdataName(n),
				node:  n,
				dated: itemHasLastReviewed(n),
			})
		}
		return true
	})
	return rd
}

// readJSONLD adds the reviewers of one JSON-LD script. Invalid JSON is
// skipped: it says nothing a search engine would read either.
func (rd *reviewData) readJSONLD(script *html.Node) {
	v, ok := jsonldValue(script)
	if !ok {
		return
	}
	var objs []map[string]any
	jsonldObjects(v, &objs)
	byID := map[string][]map[string]any{}
	for _, o := range objs {
		if id, ok := o["@id"].(string); ok && id != "" {
			byID[id] = append(byID[id], o)
		}
	}
	hasLast := func(o map[string]any) bool {
		if jsonPresent(o["lastReviewed"]) {
			return true
		}
		id, _ := o["@id"].(string)
		for _, same := range byID[id] {
			if jsonPresent(same["lastReviewed"]) {
				return true
			}
		}
		return false
	}
	for _, o := range objs {
		if jsonPresent(o["lastReviewed"]) {
			rd.lastReviewed = true
		}
		rb, ok := o["reviewedBy"]
		if !ok || !jsonPresent(rb) {
			continue
		}
		dated := hasLast(o)
		names := reviewerNames(rb, byID)
		if len(names) == 0 {
			names = []string{""}
		}
		authors := map[string]bool{}
		for _, a := range reviewerNames(o["author"], byID) {
			authors[a] = true
		}
		for _, name := range names {
			rd.reviewers = append(rd.reviewers, structReviewer{name: name, node: script, dated: dated, author: name != "" && authors[name]})
		}
	}
}

// reviewerNames reads the names in a reviewedBy value: a string, a Person or
// Organization object, an @id reference, or an array of those.
func reviewerNames(v any, byID map[string][]map[string]any) []string {
	switch t := v.(type) {
	case string:
		if objs := byID[t]; len(objs) > 0 {
			return reviewerNames(objs[0], nil)
		}
		if strings.Contains(t, "://") || strings.HasPrefix(t, "#") {
			return nil
		}
		return []string{strings.TrimSpace(t)}
	case map[string]any:
		if name := jsonName(t["name"]); name != "" {
			return []string{name}
		}
		if id, ok := t["@id"].(string); ok && byID != nil {
			for _, o := range byID[id] {
				if name := jsonName(o["name"]); name != "" {
					return []string{name}
				}
			}
		}
		return nil
	case []any:
		var out []string
		for _, c := range t {
			out = append(out, reviewerNames(c, byID)...)
		}
		return out
	}
	return nil
}

func jsonName(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return jsonName(t[0])
		}
	case map[string]any:
		return jsonName(t["@value"])
	}
	return ""
}

// jsonPresent reports whether a JSON value says something: not null, "" or [].
func jsonPresent(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(t) != ""
	case []any:
		return len(t) > 0
	}
	return true
}

// mdHasItemprop reports whether n's itemprop list holds prop.
func mdHasItemprop(n *html.Node, prop string) bool {
	return dom.HasToken(n, "itemprop", prop)
}

// microdataValue is the value of an itemprop element: content, datetime,
// or its text.
func microdataValue(n *html.Node) string {
	for _, key := range []string{"content", "datetime"} {
		if v, ok := dom.Attr(n, key); ok {
			return strings.TrimSpace(v)
		}
	}
	return dom.Text(n, dom.TextOptions{MaxState: dom.Hidden, Limit: 200})
}

// microdataName is the name of a reviewedBy item: its itemprop=name, or the
// property's own value.
func microdataName(n *html.Node) string {
	if name := dom.Find(n, func(c *html.Node) bool { return c != n && mdHasItemprop(c, "name") }); name != nil {
		return microdataValue(name)
	}
	return microdataValue(n)
}

// itemHasLastReviewed reports whether the item that owns the reviewedBy
// property n also has a lastReviewed property.
func itemHasLastReviewed(n *html.Node) bool {
	item := dom.Closest(n.Parent, func(a *html.Node) bool {
		_, ok := dom.Attr(a, "itemscope")
		return ok
	})
	if item == nil {
		item = dom.Closest(n, func(a *html.Node) bool { return a.Data == "body" })
	}
	found := dom.Find(item, func(c *html.Node) bool {
		return mdHasItemprop(c, "lastReviewed") && microdataValue(c) != ""
	})
	return found != nil
}
