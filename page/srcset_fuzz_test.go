package page

import (
	"strings"
	"testing"
)

// FuzzSrcset: every URL ParseSrcset returns is a non-empty run of the input
// without whitespace or a trailing comma.
func FuzzSrcset(f *testing.F) {
	for _, s := range []string{"a.png 1x, b.png 2x", "image,with,commas.png 100w", ",,, 2x", "a.png (min-width: 600px, 2x), b.png", "data:image/png;base64,AAAA 1x,c.png", "\f\t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range ParseSrcset(s) {
			if u == "" || strings.ContainsAny(u, " \t\n\r\f") || strings.HasSuffix(u, ",") || !strings.Contains(s, u) {
				t.Fatalf("ParseSrcset(%q) returned %q", s, u)
			}
		}
	})
}
