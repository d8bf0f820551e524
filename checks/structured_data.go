package checks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// StructuredData reports JSON-LD that search engines cannot read or that
// says what the page does not show.
var StructuredData = &Check{
	ID:       "structured-data",
	Severity: Warning,
	Summary:  "JSON-LD that does not parse, is incomplete, or marks up facts the page does not show",
	Help:     "Make each application/ld+json script valid JSON with a schema.org @context, a @type, ISO 8601 dates and absolute URLs, describing only what the page shows.",
	Doc: `Checks every <script type="application/ld+json">:
- error: the JSON does not parse. The message gives the line and column inside the script, the
  page line, and the likely cause when it is a common one: a trailing comma, an HTML comment,
  a raw line break or an unescaped quote inside a string, HTML entities (&quot;), single quotes,
  JavaScript comments, two values one after another, a trailing semicolon.
- info: the JSON is wrapped in a /*<![CDATA[*/ … /*]]>*/ comment (stripped before parsing; it is
  not needed in HTML).
- warning: @context is missing or is not schema.org; an item has no @type; a date property
  (datePublished, dateModified, startDate, validThrough, …) is not ISO 8601; a URL property
  (url, image, logo, sameAs, item, @id, …) is relative. Top-level arrays, @graph and nested
  objects are all walked; fragment ids such as "#organization" are fine.
- warning: marked-up facts that the page does not show: FAQ answers, aggregate ratings and offer
  prices missing from the page's text (collapsed accordions and screen-reader text count; pages
  with almost no text, probably rendered by a script, are not judged).

Why: search engines drop structured data that does not parse or validate, and Google's
guidelines treat markup of content users cannot see as spam.

Fix: generate JSON-LD with a JSON encoder rather than a template, and from the same data the page shows.

  bad:  {"@context": "https://schema.org", "@type": "Article", "datePublished": "June 5, 2025",}
  good: {"@context": "https://schema.org", "@type": "Article", "datePublished": "2025-06-05T09:00:00+02:00"}`,
	Page: structuredData,
}

// structuredDataMinText is the visible text length under which a page is
// taken to be rendered by a script, so visibility is not judged.
const structuredDataMinText = 200

func structuredData(p *PagePass) error {
	if raw := p.Page.Raw; len(raw) > 0 && !structuredDataMayHold(raw) {
		return nil // no script type names ld+json
	}
	var scripts []*html.Node
	dom.Walk(p.Root(), func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n.Data == "template" {
			return false
		}
		if n.Data == "script" {
			if strings.Contains(strings.ToLower(dom.AttrOr(n, "type")), "ld+json") {
				scripts = append(scripts, n)
			}
			return false
		}
		return true
	})
	if len(scripts) == 0 {
		return nil
	}
	var pageText *structuredDataPage
	for _, n := range scripts {
		src := structuredDataScriptText(n)
		if strings.TrimSpace(src) == "" {
			continue
		}
		src = strings.Replace(src, "\ufeff", " ", 1) // a byte order mark pasted along with the JSON
		src, wrapped := structuredDataStripCDATA(src)
		if wrapped {
			p.Report(Issue{Node: n, Severity: Info, Message: "JSON-LD is wrapped in a CDATA comment (/*<![CDATA[*/); it was stripped to parse, and is not needed in HTML"})
		}
		v, err := structuredDataParse(src)
		if err != nil {
			p.Report(Issue{Node: n, Severity: Error, Message: structuredDataParseMessage(p, n, src, err)})
			continue
		}
		w := &structuredDataWalker{}
		w.top(v)
		w.report(p, n)
		if w.hasFacts() {
			if pageText == nil {
				pageText = newStructuredDataPage(p.Root())
			}
			w.reportHidden(p, n, pageText)
		}
	}
	return nil
}

// structuredDataMayHold reports whether the source may hold a JSON-LD
// script: "ld+json" in any case, found by its '+', or a character
// reference near a '+' or spelling one, which the attribute's value may
// decode to it.
func structuredDataMayHold(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		j := bytes.IndexByte(raw[i:], '+')
		if j < 0 {
			break
		}
		i += j
		if structuredDataRefNear(raw, i) {
			return true
		}
		if i >= 2 && i+5 <= len(raw) && bytes.EqualFold(raw[i-2:i], []byte("ld")) && bytes.EqualFold(raw[i+1:i+5], []byte("json")) {
			return true
		}
	}
	for i := 0; i < len(raw); i++ {
		j := bytes.IndexByte(raw[i:], '&')
		if j < 0 {
			break
		}
		i += j
		if structuredDataPlusRef(raw[i+1:]) {
			return true
		}
	}
	return false
}

// structuredDataRefNear reports whether a character reference touches the
// '+' at raw[i], in the same word, which may then spell a letter of
// "ld+json" ("&#108;d+json").
func structuredDataRefNear(raw []byte, i int) bool {
	refChar := func(b byte) bool { return b == '#' || b == ';' || b == '&' || cueIsWord(b) }
	for j := i - 1; j >= max(0, i-12) && refChar(raw[j]); j-- {
		if raw[j] == '&' {
			return true
		}
	}
	for j := i + 1; j < min(len(raw), i+13) && refChar(raw[j]); j++ {
		if raw[j] == '&' {
			return true
		}
	}
	return false
}

// structuredDataPlusRef reports whether ref, the text after an '&', is a
// character reference to '+': &plus; &#43; &#x2B; (with any leading zeros).
func structuredDataPlusRef(ref []byte) bool {
	if bytes.HasPrefix(ref, []byte("plus")) {
		return true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return false
	}
	ref, base := ref[1:], 10
	if ref[0] == 'x' || ref[0] == 'X' {
		ref, base = ref[1:], 16
	}
	v := 0
	for _, b := range ref {
		d := strings.IndexByte("0123456789abcdef", b|0x20)
		if d < 0 || d >= base {
			break
		}
		if v = v*base + d; v > 0x2B {
			return false
		}
	}
	return v == 0x2B
}

func structuredDataScriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

var (
	structuredDataCDATAStart = regexp.MustCompile(`^\s*(?:/\*\s*|//\s*)?<!\[CDATA\[(?:\s*\*/)?`)
	structuredDataCDATAEnd   = regexp.MustCompile(`(?:/\*\s*|//\s*)?\]\]>(?:\s*\*/)?\s*$`)
)

// structuredDataStripCDATA blanks out a CDATA wrapper, keeping offsets (and
// so line numbers) of the rest unchanged.
func structuredDataStripCDATA(src string) (string, bool) {
	start := structuredDataCDATAStart.FindStringIndex(src)
	end := structuredDataCDATAEnd.FindStringIndex(src)
	if start == nil || end == nil || end[0] < start[1] {
		return src, false
	}
	blank := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return r
			}
			return ' '
		}, s)
	}
	return blank(src[:start[1]]) + src[start[1]:end[0]] + blank(src[end[0]:]), true
}

// structuredDataParse decodes one JSON-LD script, numbers kept as written.
func structuredDataParse(src string) (any, error) {
	if err := json.Unmarshal([]byte(src), new(json.RawMessage)); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// structuredDataParseMessage describes a parse error: where in the script
// and on the page, and the likely cause.
func structuredDataParseMessage(p *PagePass, n *html.Node, src string, err error) string {
	at, atEnd := structuredDataLocate(src, err)
	line, col := structuredDataPosition(src, at)
	msg := fmt.Sprintf("JSON-LD does not parse: %s at line %d, column %d of the script", structuredDataErrText(err), line, col)
	if pl := p.Page.Line(n); pl > 0 {
		msg += fmt.Sprintf(" (page line %d)", pl+line-1)
	}
	if cause := structuredDataBreaker(src, at, atEnd); cause != "" {
		msg += "; likely cause: " + cause
	}
	return msg
}

// structuredDataLocate returns the byte offset where parsing stopped, and
// whether the input ended too early.
func structuredDataLocate(src string, err error) (at int, atEnd bool) {
	off := len(src)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end") {
		return len(strings.TrimRightFunc(src, unicode.IsSpace)), true
	}
	return min(max(off-1, 0), max(len(src)-1, 0)), false
}

func structuredDataErrText(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "json: ")
	s = strings.TrimPrefix(s, "jsontext: ")
	if s == "unexpected EOF" || s == "EOF" {
		return "unexpected end of JSON input"
	}
	return s
}

// structuredDataPosition returns the 1-based line and column (in runes) of
// byte offset at.
func structuredDataPosition(src string, at int) (line, col int) {
	at = min(at, len(src))
	before := src[:at]
	line = strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[lineStart:]) + 1
}

// structuredDataBreaker names the usual cause of a parse error at byte at.
func structuredDataBreaker(src string, at int, atEnd bool) string {
	switch {
	case strings.Contains(src, "<!--"):
		return "an HTML comment (<!--) inside the script; JSON has no comments"
	case strings.Contains(src, "&quot;") || strings.Contains(src, "&#34;") || strings.Contains(src, "&#x22;"):
		return "HTML-escaped quotes (&quot;); script content is not entity-decoded, write plain \""
	}
	prev := strings.TrimRightFunc(src[:min(at, len(src))], unicode.IsSpace)
	var before byte
	if prev != "" {
		before = prev[len(prev)-1]
	}
	if atEnd {
		return "the JSON ends early (a missing } or ], or an unclosed string)"
	}
	c := src[at]
	switch {
	case (c == '}' || c == ']') && before == ',':
		return fmt.Sprintf("a trailing comma before %q", string(c))
	case c == '\n' || c == '\r':
		return `a raw line break inside a string; write \n`
	case c < 0x20:
		return "a raw control character (tab) inside a string; escape it"
	case c == '\'':
		return "single quotes; JSON needs double quotes"
	case c == '/' && at+1 < len(src) && (src[at+1] == '/' || src[at+1] == '*'):
		return "a JavaScript comment; JSON has no comments"
	case c == ';':
		return "a trailing semicolon after the JSON"
	case (c == '{' || c == '[') && (before == '}' || before == ']'):
		return "two JSON values one after another; put them in an array or an @graph"
	case c == '"' && (before == '"' || before == '}' || before == ']' || (before >= '0' && before <= '9')):
		return "a missing comma between two properties"
	case before == '"' && c != ',' && c != ':' && c != '}' && c != ']':
		return `an unescaped double quote inside a string; write \"`
	case (before == '{' || before == ',') && (unicode.IsLetter(rune(c)) || c == '@' || c == '_'):
		return "a property name without quotes"
	}
	return ""
}

// A structuredDataWalker collects the problems of one parsed script.
type structuredDataWalker struct {
	context    []string                // problems with @context
	untyped    []structuredDataUntyped // items without @type
	typedIDs   map[string]bool         // @id of every item that has a @type
	badDates   []string
	relative   []string
	faqAnswers []string
	ratings    []string
	prices     []string
}

// structuredDataDateKeys are the schema.org properties whose value is a Date or DateTime.
var structuredDataDateKeys = hreflangSet(`datePublished dateModified dateCreated dateDeleted datePosted
uploadDate startDate endDate validFrom validThrough validUntil priceValidUntil expires birthDate deathDate
foundingDate dissolutionDate lastReviewed availabilityStarts availabilityEnds releaseDate productionDate
purchaseDate dateIssued dateReceived dateSent dateRead`)

// structuredDataURLKeys are properties whose value is a URL (or a thing
// given by its URL).
var structuredDataURLKeys = hreflangSet(`url image logo contentUrl thumbnailUrl embedUrl sameAs
mainEntityOfPage item @id photo downloadUrl installUrl codeRepository discussionUrl archivedAt`)

const structuredDataListMax = 3

func (w *structuredDataWalker) top(v any) {
	switch t := v.(type) {
	case []any:
		for i, item := range t {
			if obj, ok := item.(map[string]any); ok {
				w.checkTop(obj, fmt.Sprintf("[%d]", i))
			}
		}
	case map[string]any:
		w.checkTop(t, "")
	}
}

func (w *structuredDataWalker) checkTop(obj map[string]any, path string) {
	where := "the top-level item"
	if path != "" {
		where = "item " + path
	}
	ctx, has := obj["@context"]
	switch {
	case !has:
		w.context = append(w.context, where+" has no @context")
	case !structuredDataSchemaContext(ctx):
		w.context = append(w.context, fmt.Sprintf("%s has @context %s, not schema.org", where, structuredDataShow(ctx)))
	}
	if graph, ok := obj["@graph"].([]any); ok {
		for i, item := range graph {
			if o, ok := item.(map[string]any); ok {
				w.needType(o, fmt.Sprintf("%s@graph[%d]", structuredDataDot(path), i))
			}
		}
	} else {
		w.needType(obj, path)
	}
	w.walk(obj, path)
}

func structuredDataDot(path string) string {
	if path == "" {
		return ""
	}
	return path + "."
}

// A structuredDataUntyped is an item without @type, kept until the whole
// script is read: an item that adds properties to a node typed elsewhere
// (same @id) is merged with it, as JSON-LD does.
type structuredDataUntyped struct {
	path, id string
}

// needType records an item without @type; a bare reference ({"@id": …}) is fine.
func (w *structuredDataWalker) needType(obj map[string]any, path string) {
	if _, ok := obj["@type"]; ok {
		return
	}
	id, _ := obj["@id"].(string)
	for k := range obj {
		if k != "@id" && k != "@context" {
			if path == "" {
				path = "the top-level item"
			}
			w.untyped = append(w.untyped, structuredDataUntyped{path: path, id: id})
			return
		}
	}
}

// untypedPaths returns the paths of items that have no @type of their own
// nor through their @id.
func (w *structuredDataWalker) untypedPaths() []string {
	var out []string
	for _, u := range w.untyped {
		if u.id == "" || !w.typedIDs[u.id] {
			out = append(out, u.path)
		}
	}
	return out
}

// structuredDataSchemaContext accepts "https://schema.org", "http://schema.org/",
// arrays holding one, and objects whose @vocab is schema.org.
func structuredDataSchemaContext(v any) bool {
	switch t := v.(type) {
	case string:
		s := strings.ToLower(strings.TrimSpace(t))
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		s = strings.TrimPrefix(s, "www.")
		s = strings.TrimSuffix(s, "/")
		return s == "schema.org"
	case []any:
		return slices.ContainsFunc(t, structuredDataSchemaContext)
	case map[string]any:
		return structuredDataSchemaContext(t["@vocab"])
	}
	return false
}

func (w *structuredDataWalker) walk(v any, path string) {
	switch t := v.(type) {
	case []any:
		for i, item := range t {
			w.walk(item, fmt.Sprintf("%s[%d]", path, i))
		}
	case map[string]any:
		types := structuredDataTypes(t["@type"])
		if id, ok := t["@id"].(string); ok && len(types) > 0 {
			if w.typedIDs == nil {
				w.typedIDs = map[string]bool{}
			}
			w.typedIDs[id] = true
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			val := t[k]
			prop := structuredDataProp(k)
			at := structuredDataDot(path) + k
			switch {
			case k == "@context":
				continue
			case structuredDataDateKeys[prop]:
				for _, s := range structuredDataStrings(val) {
					if !structuredDataISODate(s) {
						w.badDates = append(w.badDates, fmt.Sprintf("%s %q", at, s))
					}
				}
			case structuredDataURLKeys[prop]:
				for _, s := range structuredDataStrings(val) {
					if structuredDataRelative(prop, s) {
						w.relative = append(w.relative, fmt.Sprintf("%s %q", at, s))
					}
				}
			}
			switch {
			case prop == "acceptedAnswer" && slices.Contains(types, "Question"):
				for _, a := range structuredDataObjects(val) {
					w.faqAnswers = append(w.faqAnswers, structuredDataStrings(a["text"])...)
				}
			case prop == "ratingValue" && slices.Contains(types, "AggregateRating"):
				w.ratings = append(w.ratings, structuredDataScalars(val)...)
			case prop == "price" && slices.Contains(types, "Offer"):
				w.prices = append(w.prices, structuredDataScalars(val)...)
			}
			w.walk(val, at)
		}
	}
}

// structuredDataProp strips a schema: prefix or the schema.org vocabulary IRI.
func structuredDataProp(k string) string {
	for _, pre := range []string{"schema:", "https://schema.org/", "http://schema.org/"} {
		k = strings.TrimPrefix(k, pre)
	}
	return k
}

func structuredDataTypes(v any) []string {
	var out []string
	for _, s := range structuredDataStrings(v) {
		out = append(out, structuredDataProp(s))
	}
	return out
}

func structuredDataStrings(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, item := range t {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func structuredDataScalars(v any) []string {
	switch t := v.(type) {
	case json.Number:
		return []string{t.String()}
	case string:
		return []string{t}
	}
	return nil
}

func structuredDataObjects(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, item := range t {
			if o, ok := item.(map[string]any); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// structuredDataISO matches ISO 8601 calendar dates and date-times as
// schema.org uses them: 2025, 2025-06, 2025-06-27, 2025-06-27T09:30,
// 2025-06-27T09:30:00.000+02:00 (or Z, or +0200).
var structuredDataISO = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$`)

func structuredDataISODate(s string) bool {
	m := structuredDataISO.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return false
	}
	if m[2] != "" {
		date := m[1] + "-" + m[2] + "-01"
		if m[3] != "" {
			date = m[1] + "-" + m[2] + "-" + m[3]
		}
		if _, err := time.Parse("2006-01-02", date); err != nil {
			return false
		}
	}
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		if h > 24 || mi > 59 || sec > 60 {
			return false
		}
	}
	return true
}

// structuredDataRelative reports a URL value without a scheme. A fragment
// or blank-node id ("#org", "_:b0") is a valid JSON-LD @id.
func structuredDataRelative(prop, s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if prop == "@id" && (strings.HasPrefix(s, "#") || strings.HasPrefix(s, "_:")) {
		return false
	}
	u, err := url.Parse(s)
	return err != nil || u.Scheme == ""
}

func structuredDataShow(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return structuredDataShorten(string(b), 60)
}

func structuredDataShorten(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit-1]) + "…"
}

// structuredDataList joins up to three items and counts the rest.
func structuredDataList(items []string) string {
	if len(items) <= structuredDataListMax {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:structuredDataListMax], ", "), len(items)-structuredDataListMax)
}

func (w *structuredDataWalker) report(p *PagePass, n *html.Node) {
	for _, c := range w.context {
		p.Reportf(n, "JSON-LD %s; search engines read only schema.org", c)
	}
	if untyped := w.untypedPaths(); len(untyped) > 0 {
		p.Reportf(n, "JSON-LD item without @type: %s", structuredDataList(untyped))
	}
	if len(w.badDates) > 0 {
		p.Reportf(n, "JSON-LD date is not ISO 8601 (write 2025-06-27 or 2025-06-27T09:30:00+02:00): %s", structuredDataList(w.badDates))
	}
	if len(w.relative) > 0 {
		p.Reportf(n, "JSON-LD URL is relative; structured data needs absolute URLs: %s", structuredDataList(w.relative))
	}
}

func (w *structuredDataWalker) hasFacts() bool {
	return len(w.faqAnswers)+len(w.ratings)+len(w.prices) > 0
}

// reportHidden reports marked-up facts missing from the page's text.
func (w *structuredDataWalker) reportHidden(p *PagePass, n *html.Node, pg *structuredDataPage) {
	if pg.short {
		return
	}
	var missing []string
	for _, a := range w.faqAnswers {
		if !pg.hasText(a) {
			missing = append(missing, fmt.Sprintf("%q", structuredDataShorten(dom.FoldSpace(structuredDataStripTags(a)), 50)))
		}
	}
	if len(missing) > 0 {
		p.Reportf(n, "%d of %d FAQ answers in JSON-LD are not in the page's visible text (Google requires marked-up content to be visible; a script may still render it): %s",
			len(missing), len(w.faqAnswers), structuredDataList(missing))
	}
	for _, kind := range []struct {
		name   string
		values []string
	}{{"rating", w.ratings}, {"price", w.prices}} {
		var gone []string
		for _, v := range kind.values {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f > 0 && !pg.hasNumber(f) {
				gone = append(gone, strconv.Quote(v))
			}
		}
		if len(gone) > 0 {
			p.Reportf(n, "JSON-LD %s %s is not in the page's visible text (Google requires marked-up content to be visible; a script may still render it)",
				kind.name, structuredDataList(gone))
		}
	}
}

// structuredDataPage is the page text marked-up facts are looked up in.
type structuredDataPage struct {
	words   string    // normalized words, space separated, padded with spaces
	numbers []float64 // every number in the text, read both ways (1,299.00 and 4,8)
	short   bool
}

var (
	structuredDataTag    = regexp.MustCompile(`<[^>]*>`)
	structuredDataNumber = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
)

func newStructuredDataPage(root *html.Node) *structuredDataPage {
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	if body == nil {
		body = root
	}
	text := dom.Text(body, dom.TextOptions{MaxState: dom.ATOnly})
	pg := &structuredDataPage{short: utf8.RuneCountInString(strings.TrimSpace(text)) < structuredDataMinText}
	// Star widgets often say the rating only in an attribute.
	var attrs strings.Builder
	dom.Walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if dom.StateOf(n) == dom.Hidden {
			return false
		}
		for _, k := range []string{"aria-label", "title", "alt"} {
			if v, ok := dom.Attr(n, k); ok {
				attrs.WriteString(" " + v)
			}
		}
		return true
	})
	all := text + " " + attrs.String()
	pg.words = " " + structuredDataWords(all) + " "
	for _, tok := range structuredDataNumber.FindAllString(all, -1) {
		pg.numbers = append(pg.numbers, structuredDataReadNumber(tok)...)
	}
	return pg
}

// structuredDataWords lowercases s and keeps only letters and digits,
// one space between words.
func structuredDataWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func structuredDataStripTags(s string) string {
	return html.UnescapeString(structuredDataTag.ReplaceAllString(s, " "))
}

// hasText reports whether the start of s (its first 12 words) is in the page text.
func (pg *structuredDataPage) hasText(s string) bool {
	words := strings.Fields(structuredDataWords(structuredDataStripTags(s)))
	if len(words) < 3 {
		return true // too short to tell
	}
	words = words[:min(len(words), 12)]
	return strings.Contains(pg.words, " "+strings.Join(words, " ")+" ")
}

func (pg *structuredDataPage) hasNumber(f float64) bool {
	for _, g := range pg.numbers {
		if g-f < 0.005 && f-g < 0.005 {
			return true
		}
	}
	return false
}

// structuredDataReadNumber reads a number token with "." or "," as the
// decimal separator (and the other as thousands separator).
func structuredDataReadNumber(tok string) []float64 {
	var out []float64
	for _, dec := range []string{".", ","} {
		thousands := ","
		if dec == "," {
			thousands = "."
		}
		s := strings.ReplaceAll(tok, thousands, "")
		s = strings.ReplaceAll(s, dec, ".")
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			out = append(out, f)
		}
	}
	return out
}
