package page

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// DecodeHTML returns the source as UTF-8. contentType is the Content-Type
// header, or "" for a file; without a charset there, the encoding is sniffed
// as the HTML spec says (BOM, then <meta charset> in the first 1024 bytes),
// and invalid UTF-8 is replaced rather than passed on to the rules.
func DecodeHTML(raw []byte, contentType string) []byte {
	if contentType == "" {
		contentType = "text/html"
	}
	enc, name, _ := charset.DetermineEncoding(raw, contentType)
	if name == "utf-8" || enc == nil {
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if utf8.Valid(raw) {
			return raw
		}
		return []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(raw)))
	if err != nil {
		return []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
	}
	return out
}
