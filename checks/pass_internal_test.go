package checks

import (
	"bytes"
	"testing"
)

func TestLowerBytesIsBytesToLower(t *testing.T) {
	for _, s := range []string{"", "ABC def", "Éclair ÜBER straße İ", "bad \xff\xfe UTF-8 \xe2\x82", "¶ Änderung"} {
		if got, want := lowerBytes([]byte(s)), bytes.ToLower([]byte(s)); !bytes.Equal(got, want) {
			t.Errorf("lowerBytes(%q) = %q, want %q", s, got, want)
		}
	}
}
