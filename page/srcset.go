package page

import "strings"

// ParseSrcset returns the URLs of a srcset attribute, following the HTML
// spec's "parse a srcset attribute" algorithm: a URL runs to the next
// whitespace, so it may contain commas; trailing commas end a candidate;
// descriptors run to the next comma outside parentheses.
func ParseSrcset(s string) []string {
	var urls []string
	i := 0
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			return urls
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		if strings.HasSuffix(u, ",") {
			urls = append(urls, strings.TrimRight(u, ","))
			continue
		}
		urls = append(urls, u)
		// Skip the descriptors: up to a comma that is not inside parentheses.
		depth := 0
		for i < len(s) {
			c := s[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				i++
				break
			}
			i++
		}
	}
}
