package page

import (
	"net/url"
	"strings"
)

// Normalize returns the key under which a URL is fetched once: scheme and
// host lowercased, the default port dropped, an empty path made "/", "." and
// ".." path segments resolved (RFC 3986 section 5.2.4), percent-escapes
// written in upper case and escaped unreserved characters (letters, digits,
// "-", ".", "_", "~") decoded (section 6.2.2), and the fragment removed. The
// query keeps its order; only its escapes are normalized the same way.
func Normalize(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.Fragment, c.RawFragment = "", ""
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = normalHost(c.Scheme, c.Host)
	c.ForceQuery = false
	c.User = nil
	if c.Opaque == "" {
		esc := normalEscapes(c.EscapedPath())
		if c.Host != "" {
			esc = removeDotSegments(esc)
		}
		if esc == "" && c.Host != "" {
			esc = "/"
		}
		if p, err := url.PathUnescape(esc); err == nil {
			c.Path, c.RawPath = p, esc
		}
	}
	c.RawQuery = normalEscapes(c.RawQuery)
	return c.String()
}

// normalEscapes upper-cases the hex digits of percent-escapes and decodes
// the escapes of unreserved characters, which mean the same either way.
// A "%" that does not start a valid escape is left as it is.
func normalEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+2 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		hi, lo := unhex(s[i+1]), unhex(s[i+2])
		if hi < 0 || lo < 0 {
			b.WriteByte(s[i])
			continue
		}
		ch := byte(hi<<4 | lo)
		if unreserved(ch) {
			b.WriteByte(ch)
		} else {
			b.WriteByte('%')
			b.WriteByte(upperHex[hi])
			b.WriteByte(upperHex[lo])
		}
		i += 2
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// removeDotSegments resolves "." and ".." segments of an absolute path as
// RFC 3986 section 5.2.4 does: /a/./b/../c becomes /a/c, and ".." never climbs
// above the root. A path ending in a dot segment keeps its trailing slash.
func removeDotSegments(p string) string {
	// Only a segment that starts with a dot can be "." or "..": most paths
	// have a dot only in ".html".
	if !strings.HasPrefix(p, ".") && !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// ParamMatcher returns a test for query (and ;path) parameter names that
// matches any of patterns, ignoring case; a pattern ending in "*" matches
// every name starting with what comes before it ("utm_*").
func ParamMatcher(patterns []string) func(name string) bool {
	var exact []string
	var prefixes []string
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case p == "":
		case strings.HasSuffix(p, "*"):
			prefixes = append(prefixes, strings.TrimSuffix(p, "*"))
		default:
			exact = append(exact, p)
		}
	}
	if len(exact) == 0 && len(prefixes) == 0 {
		return nil
	}
	return func(name string) bool {
		name = strings.ToLower(name)
		for _, e := range exact {
			if name == e {
				return true
			}
		}
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
		return false
	}
}

// StripParams returns u without the query parameters whose names drop
// matches (tracking and session parameters), and without ";name=value"
// path parameters such as ;jsessionid=... that it matches. The other
// parameters keep their order and encoding. A nil drop returns u.
func StripParams(u *url.URL, drop func(name string) bool) *url.URL {
	if u == nil || drop == nil {
		return u
	}
	c := *u
	if c.RawQuery != "" {
		parts := strings.Split(c.RawQuery, "&")
		kept := parts[:0]
		for _, part := range parts {
			name, _, _ := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if part == "" || drop(name) {
				continue
			}
			kept = append(kept, part)
		}
		c.RawQuery = strings.Join(kept, "&")
	}
	if strings.Contains(c.Path, ";") {
		esc := c.EscapedPath()
		segs := strings.Split(esc, "/")
		for i, seg := range segs {
			head, params, ok := strings.Cut(seg, ";")
			if !ok {
				continue
			}
			keep := []string{head}
			for param := range strings.SplitSeq(params, ";") {
				name, _, _ := strings.Cut(param, "=")
				if !drop(name) {
					keep = append(keep, param)
				}
			}
			segs[i] = strings.Join(keep, ";")
		}
		esc = strings.Join(segs, "/")
		if p, err := url.PathUnescape(esc); err == nil {
			c.Path, c.RawPath = p, esc
		}
	}
	return &c
}

func normalHost(scheme, host string) string {
	host = strings.ToLower(host)
	switch {
	case scheme == "http" && strings.HasSuffix(host, ":80"):
		return strings.TrimSuffix(host, ":80")
	case scheme == "https" && strings.HasSuffix(host, ":443"):
		return strings.TrimSuffix(host, ":443")
	}
	return strings.TrimSuffix(host, ":")
}

// SameSite reports whether u is on the site whose root is base: same scheme,
// host and port, as findings.md defines a site.
func SameSite(base, u *url.URL) bool {
	if base == nil || u == nil {
		return false
	}
	return strings.EqualFold(base.Scheme, u.Scheme) &&
		normalHost(strings.ToLower(base.Scheme), base.Host) == normalHost(strings.ToLower(u.Scheme), u.Host)
}

// Fetchable reports whether a URL is one pagelint can request (http or https).
func Fetchable(u *url.URL) bool {
	if u == nil {
		return false
	}
	s := strings.ToLower(u.Scheme)
	return (s == "http" || s == "https") && u.Host != ""
}

// SplitFragment returns the URL without its fragment, and the fragment
// percent-decoded.
func SplitFragment(u *url.URL) (*url.URL, string) {
	c := *u
	frag := c.Fragment
	c.Fragment, c.RawFragment = "", ""
	return &c, frag
}
