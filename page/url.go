package page

import (
	"net/url"
	"strings"
)

// Normalize returns the key under which a URL is fetched once: scheme and
// host lowercased, the default port dropped, an empty path made "/", and the
// fragment removed. The query is kept as written.
func Normalize(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.Fragment, c.RawFragment = "", ""
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = normalHost(c.Scheme, c.Host)
	if c.Path == "" && c.Opaque == "" && c.Host != "" {
		c.Path, c.RawPath = "/", ""
	}
	c.ForceQuery = false
	c.User = nil
	return c.String()
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
