package crawler

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestCapTransportMarksCutBodies(t *testing.T) {
	for _, tc := range []struct {
		body string
		cut  bool
	}{{"12345", false}, {"123456", true}, {"", false}} {
		h := http.Header{}
		b := &capBody{src: io.NopCloser(strings.NewReader(tc.body)), left: 5, header: h}
		got, _ := io.ReadAll(b)
		if want := tc.body[:min(5, len(tc.body))]; !bytes.Equal(got, []byte(want)) || (h.Get(truncatedHeader) != "") != tc.cut {
			t.Errorf("%q: read %q, cut %v", tc.body, got, h.Get(truncatedHeader) != "")
		}
	}
}
