package page

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// x/net/html nodes carry no source position (golang/go#34302), so the line
// of an element is found by a light scan of the source bytes: it records where
// each start tag begins, skipping comments and raw-text elements the way the
// tokenizer does, and the n-th <a> in the tree is matched to the n-th <a> tag
// in the source. The scan runs once per page, and only when some finding or
// link asks for a line.

// rawTextElements hold text, not markup, up to their end tag. noscript is
// among them because the parser runs with scripting enabled.
var rawTextElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true, atom.Xmp: true,
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true,
}

type tagPos struct {
	line       int32
	start, end int32 // byte range of the start tag, "<" to ">"
}

type lineIndex struct {
	lines map[*html.Node]int32
}

// tagRun is the start tags of one name in source order, and how many of
// them elements of the tree have taken so far.
type tagRun struct {
	tags []tagPos
	used int
}

// tagList is the start tags of a page by name: known names by atom (no
// string per tag), others by name.
type tagList struct {
	known map[atom.Atom]*tagRun
	other map[string]*tagRun
	count int
}

func (t *tagList) add(name []byte, pos tagPos) {
	t.count++
	var run *tagRun
	if a := atom.Lookup(name); a != 0 {
		if run = t.known[a]; run == nil {
			run = &tagRun{}
			t.known[a] = run
		}
	} else {
		if t.other == nil {
			t.other = map[string]*tagRun{}
		}
		if run = t.other[string(name)]; run == nil {
			run = &tagRun{}
			t.other[string(name)] = run
		}
	}
	run.tags = append(run.tags, pos)
}

// of returns the tags of element n's name (nil when the source has none).
func (t *tagList) of(n *html.Node) *tagRun {
	a := n.DataAtom
	if a == 0 || a.String() != n.Data { // svg's foreignObject and the like
		name := strings.ToLower(n.Data)
		if a = atom.Lookup([]byte(name)); a == 0 {
			return t.other[name]
		}
	}
	return t.known[a]
}

// scanStartTags returns the start tags of src by lowercase name, in order.
func scanStartTags(src []byte) *tagList {
	tags := &tagList{known: make(map[atom.Atom]*tagRun, 64)}
	line := int32(1)
	counted := 0 // bytes before this offset are counted in line
	advance := func(to int) {
		if to > len(src) {
			to = len(src)
		}
		if to > counted {
			line += int32(bytes.Count(src[counted:to], []byte{'\n'}))
			counted = to
		}
	}
	var nameBuf []byte
	pos := 0
	for pos < len(src) {
		i := bytes.IndexByte(src[pos:], '<')
		if i < 0 {
			break
		}
		p := pos + i
		if p+1 >= len(src) {
			break
		}
		c := src[p+1]
		switch {
		case c == '!':
			if bytes.HasPrefix(src[p:], []byte("<!--")) {
				end := bytes.Index(src[p+4:], []byte("-->"))
				if bytes.HasPrefix(src[p+4:], []byte(">")) || bytes.HasPrefix(src[p+4:], []byte("->")) {
					end = 0
				}
				if end < 0 {
					return tags
				}
				pos = p + 4 + end + 1
				continue
			}
			pos = skipTo(src, p+2, '>')
		case c == '?' || c == '/':
			pos = skipTo(src, p+2, '>')
		case isASCIILetter(c):
			n := p + 1
			for n < len(src) && !isTagEnd(src[n]) {
				n++
			}
			nameBuf = append(nameBuf[:0], src[p+1:n]...)
			for k, b := range nameBuf {
				if 'A' <= b && b <= 'Z' {
					nameBuf[k] = b + 'a' - 'A'
				}
			}
			end := skipTag(src, n)
			advance(p)
			tags.add(nameBuf, tagPos{line: line, start: int32(p), end: int32(end)})
			pos = end
			if name := atom.Lookup(nameBuf); rawTextElements[name] {
				if name == atom.Plaintext {
					return tags
				}
				pos = skipRawText(src, pos, name.String())
			}
		default:
			pos = p + 1
		}
	}
	return tags
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>'
}

func skipTo(src []byte, from int, c byte) int {
	if from >= len(src) {
		return len(src)
	}
	i := bytes.IndexByte(src[from:], c)
	if i < 0 {
		return len(src)
	}
	return from + i + 1
}

// skipTag returns the offset just past the ">" that ends a start tag, with
// quoted attribute values allowed to contain ">".
func skipTag(src []byte, from int) int {
	var quote byte
	for i := from; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			// Only a quote right after "=" (and optional spaces) opens a value.
			j := i - 1
			for j >= from && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
				j--
			}
			if j >= from && src[j] == '=' {
				quote = c
			}
		case c == '>':
			return i + 1
		}
	}
	return len(src)
}

// skipRawText returns the offset of the end tag that closes a raw-text element.
func skipRawText(src []byte, from int, name string) int {
	closing := "</" + name
	for i := from; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return len(src)
		}
		k := i + j
		if k+len(closing) <= len(src) && strings.EqualFold(string(src[k:k+len(closing)]), closing) &&
			(k+len(closing) == len(src) || isTagEnd(src[k+len(closing)])) {
			return k
		}
		i = k + 1
	}
	return len(src)
}

// buildLineIndex matches the elements of the tree to the start tags of src.
func buildLineIndex(root *html.Node, src []byte) *lineIndex {
	tags := scanStartTags(src)
	idx := &lineIndex{lines: make(map[*html.Node]int32, tags.count)}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if line, ok := matchTag(n, src, tags.of(n)); ok {
				idx.lines[n] = line
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return idx
}

// matchTag takes the next unused source tag of the element's name, checking
// that the element's first attribute value appears in it. Elements the parser
// made up (an implied <tbody>) or cloned (misnested <a>) do not advance the
// cursor, so the elements after them still line up.
func matchTag(n *html.Node, src []byte, run *tagRun) (int32, bool) {
	if run == nil {
		return 0, false
	}
	list, cur := run.tags, run.used
	if cur >= len(list) {
		if len(list) > 0 {
			return list[len(list)-1].line, true
		}
		return 0, false
	}
	probe := ""
	for _, a := range n.Attr {
		if a.Val != "" && !strings.ContainsAny(a.Val, "&\"'<>") {
			probe = a.Val
			break
		}
	}
	if probe == "" {
		run.used = cur + 1
		return list[cur].line, true
	}
	const lookahead = 4
	for k := cur; k < len(list) && k <= cur+lookahead; k++ {
		t := list[k]
		if bytes.Contains(src[t.start:t.end], []byte(probe)) {
			run.used = k + 1
			return t.line, true
		}
	}
	// No tag matches: most likely an element the parser made. Give it the
	// line of the tag before it and keep the cursor.
	if cur > 0 {
		return list[cur-1].line, true
	}
	return list[cur].line, true
}
