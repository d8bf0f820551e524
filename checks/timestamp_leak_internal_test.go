package checks

import (
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

func TestTimestampLeakScan(t *testing.T) {
	tests := []struct {
		text string
		want []string // "text" or "text!" for placeholder dates
	}{
		{"2025-06-27T04:50:55-08:00", []string{"2025-06-27T04:50:55-08:00"}},
		{"Posted 2025-06-27T04:50:55Z by Dana", []string{"2025-06-27T04:50:55Z"}},
		{"2025-06-27 04:50:55.123 +0000 UTC m=+0.000000001", []string{"2025-06-27 04:50:55.123 +0000 UTC m=+0.000000001"}},
		{"0001-01-01 00:00:00 +0000 UTC", []string{"0001-01-01 00:00:00 +0000 UTC!"}},
		{"1970-01-01T00:00:00Z", []string{"1970-01-01T00:00:00Z!"}},
		{"Fri, 27 Jun 2025 12:00:00 GMT", []string{"Fri, 27 Jun 2025 12:00:00 GMT"}},
		{"Thu, 01 Jan 1970 00:00:00 GMT", []string{"Thu, 01 Jan 1970 00:00:00 GMT!"}},
		{"0001-01-01", []string{"0001-01-01!"}},
		{"Updated: January 1, 1970", []string{"January 1, 1970!"}},
		{"| Posted on 1 January 1970", []string{"1 January 1970!"}},
		{"Last updated: Invalid Date", []string{"Last updated: Invalid Date"}},
		{"Date: 1719474655", []string{"Date: 1719474655"}},
		// Not leaks.
		{"2025-06-27", nil},
		{"June 27, 2025", nil},
		{"It is January 1, 1970, 00:00:00 (UTC) on all platforms.", nil},
		{"Unix time counts seconds since 1970-01-01 in most systems", nil},
		{"backup-2025-06-27T04:50:55.tar", nil},
		{"build 20250627T045055", nil},
		{"We were founded on January 1, 1970 in Ohio.", nil},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<p>" + tt.text + "</p>"))
		if err != nil {
			t.Fatal(err)
		}
		p := dom.Find(root, func(n *html.Node) bool { return n.Data == "p" })
		var got []string
		for _, h := range timestampLeakScan(p.FirstChild, dom.Visible) {
			s := h.text
			if h.sentinel {
				s += "!"
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("timestampLeakScan(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
