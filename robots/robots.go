// Package robots parses robots.txt files and answers whether a crawler may
// fetch a path, as RFC 9309 (the Robots Exclusion Protocol) defines it:
// groups of user-agent lines followed by allow and disallow rules, the
// crawler's group chosen by its product token (else "*"), and the longest
// matching rule deciding, with "*" matching any run of characters and a
// final "$" anchoring the end. It also keeps what a linter reports on:
// sitemap lines, lines the protocol does not define (crawl-delay,
// noindex, host), and lines it could not read.
//
// The package does no I/O.
package robots

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// MaxSize is the part of a robots.txt that crawlers must read at least
// (RFC 9309 section 2.5: 500 kibibytes). Parse ignores what follows.
const MaxSize = 500 << 10

// A Robots is a parsed robots.txt.
type Robots struct {
	Groups   []Group
	Sitemaps []Line // Sitemap: lines, value as written
	// Other are lines with a key the protocol does not define (crawl-delay,
	// noindex, host, clean-param, …), key lowercased.
	Other []Line
	// Invalid are non-empty, non-comment lines without a "key: value" form,
	// and rules that come before any user-agent line.
	Invalid []Line
	// Truncated is true when the input was longer than MaxSize.
	Truncated bool
}

// A Line is one record of the file: its 1-based line number, its key
// (lowercased) and its value with surrounding space and comments removed.
type Line struct {
	Num   int
	Key   string
	Value string
}

// A Group is one or more user-agent lines and the rules that follow them.
type Group struct {
	Agents []string // user-agent values as written
	Rules  []Rule
	Line   int // line of the first user-agent
}

// A Rule is one allow or disallow line of a group.
type Rule struct {
	Allow bool
	Path  string // the pattern as written
	Line  int
	norm  string // the pattern with percent-encoding normalized
}

// keyAliases maps the spellings crawlers accept to the keys of the protocol.
var keyAliases = map[string]string{
	"user-agent": "user-agent", "useragent": "user-agent", "user agent": "user-agent",
	"allow":    "allow",
	"disallow": "disallow", "dissallow": "disallow", "dissalow": "disallow", "disalow": "disallow",
	"sitemap": "sitemap", "site-map": "sitemap",
}

// Parse reads a robots.txt. It never fails: what it cannot read is listed
// in Invalid. A UTF-8 byte order mark is skipped; input beyond MaxSize is
// ignored and Truncated set.
func Parse(data []byte) *Robots {
	r := &Robots{}
	if len(data) > MaxSize {
		data = data[:MaxSize]
		r.Truncated = true
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var cur *Group
	inRules := false // the current group has seen a rule line
	num := 0
	for len(data) > 0 {
		var raw []byte
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			raw = data[:i]
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			data = data[i+1:]
		} else {
			raw, data = data, nil
		}
		num++
		line := string(raw)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon < 0 {
			r.Invalid = append(r.Invalid, Line{Num: num, Value: line})
			continue
		}
		rawKey := strings.ToLower(strings.TrimSpace(line[:colon]))
		value := strings.TrimSpace(line[colon+1:])
		key, known := keyAliases[rawKey]
		if !known {
			r.Other = append(r.Other, Line{Num: num, Key: rawKey, Value: value})
			continue
		}
		switch key {
		case "user-agent":
			if cur == nil || inRules {
				r.Groups = append(r.Groups, Group{Line: num})
				cur = &r.Groups[len(r.Groups)-1]
				inRules = false
			}
			cur.Agents = append(cur.Agents, value)
		case "allow", "disallow":
			if cur == nil {
				r.Invalid = append(r.Invalid, Line{Num: num, Key: key, Value: value})
				continue
			}
			inRules = true
			cur.Rules = append(cur.Rules, Rule{Allow: key == "allow", Path: value, Line: num, norm: normalize(value)})
		case "sitemap":
			r.Sitemaps = append(r.Sitemaps, Line{Num: num, Key: key, Value: value})
		}
	}
	return r
}

// Agent returns the product token of a User-Agent header or name, the part
// RFC 9309 matches groups by: "pagelint/1.2 (+https://…)" gives "pagelint".
func Agent(ua string) string {
	ua = strings.TrimSpace(ua)
	if i := strings.IndexAny(ua, "/ \t;("); i >= 0 {
		ua = ua[:i]
	}
	return strings.ToLower(ua)
}

// Rules returns the rules that apply to the crawler named ua (a product
// token or a full User-Agent): those of every group naming its product
// token, else those of every "*" group, else none. found tells whether a
// group applied.
func (r *Robots) Rules(ua string) (rules []Rule, found bool) {
	token := Agent(ua)
	for _, star := range []bool{false, true} {
		for _, g := range r.Groups {
			for _, a := range g.Agents {
				name := strings.ToLower(strings.TrimSpace(a))
				if (!star && token != "" && name != "*" && Agent(name) == token) || (star && name == "*") {
					rules = append(rules, g.Rules...)
					found = true
					break
				}
			}
		}
		if found {
			return rules, true
		}
	}
	return nil, false
}

// Allowed reports whether the crawler named ua may fetch target, the path
// of a URL with its query ("/a/b?x=1"; "" is "/"). /robots.txt itself is
// always allowed.
func (r *Robots) Allowed(ua, target string) bool {
	rule, ok := r.Match(ua, target)
	return !ok || rule.Allow
}

// Match returns the rule that decides target for ua: the matching rule
// with the longest pattern, allow winning a tie. ok is false when no rule
// matches (the path is allowed).
func (r *Robots) Match(ua, target string) (rule Rule, ok bool) {
	if target == "" {
		target = "/"
	}
	if target == "/robots.txt" {
		return Rule{}, false
	}
	rules, _ := r.Rules(ua)
	path := normalize(target)
	best := -1
	for _, ru := range rules {
		if ru.Path == "" {
			continue // "Disallow:" with no value allows all; it matches nothing
		}
		if !match(ru.norm, path) {
			continue
		}
		n := len(ru.norm)
		if n > best || (n == best && ru.Allow && !rule.Allow) {
			best, rule, ok = n, ru, true
		}
	}
	return rule, ok
}

// DisallowsAll reports whether the rules for ua block the whole site: a
// "Disallow: /" (or "/*") that no allow rule relaxes.
func (r *Robots) DisallowsAll(ua string) (Rule, bool) {
	rules, _ := r.Rules(ua)
	var block Rule
	found := false
	for _, ru := range rules {
		if ru.Allow && ru.Path != "" && ru.norm != "/$" {
			return Rule{}, false
		}
		if !ru.Allow && (ru.norm == "/" || ru.norm == "/*" || ru.norm == "*") && !found {
			block, found = ru, true
		}
	}
	return block, found
}

// match reports whether pattern (a rule path with * and a final $)
// matches a prefix of path, or all of it when the pattern ends in $.
func match(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	// The first part must match at the start.
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	if len(parts) == 1 {
		return !anchored || len(path) == len(parts[0])
	}
	pos := len(parts[0])
	last := len(parts) - 1
	for i := 1; i < last; i++ {
		j := strings.Index(path[pos:], parts[i])
		if j < 0 {
			return false
		}
		pos += j + len(parts[i])
	}
	// The last part: anywhere after pos, or at the very end when anchored.
	if anchored {
		return len(path)-pos >= len(parts[last]) && strings.HasSuffix(path, parts[last])
	}
	return strings.Contains(path[pos:], parts[last])
}

// normalize percent-encodes bytes outside printable ASCII and uppercases
// the hex digits of existing escapes, so a pattern and a path written with
// different encodings of the same characters compare equal.
func normalize(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteByte(upper(s[i+1]))
			b.WriteByte(upper(s[i+2]))
			i += 2
		case c <= 0x20 || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// LooksLikeHTML reports whether a body served as robots.txt is an HTML page
// (a CMS's 404 or home page answered with 200).
func LooksLikeHTML(body []byte) bool {
	head := body
	if len(head) > 512 {
		head = head[:512]
	}
	if !utf8.Valid(head) {
		head = bytes.ToValidUTF8(head, nil)
	}
	s := strings.ToLower(strings.TrimSpace(string(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))))
	return strings.HasPrefix(s, "<!doctype html") || strings.HasPrefix(s, "<html") ||
		strings.HasPrefix(s, "<head") || strings.HasPrefix(s, "<?xml") && strings.Contains(s, "<html") ||
		strings.HasPrefix(s, "<!--") && strings.Contains(s, "<html")
}
