package crawler

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestReadCapped(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		size, limit, wantLen, wantTruncated int
	}{
		{0, 10, 0, 0},
		{9, 10, 9, 0},
		{10, 10, 10, 0},
		{11, 10, 10, 10},
		{5000, 10, 10, 10},
		{100000, 200000, 100000, 0},
	} {
		path := filepath.Join(dir, "page.html")
		data := bytes.Repeat([]byte("x"), c.size)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		raw, truncated, err := readCapped(path, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) != c.wantLen || truncated != c.wantTruncated || !bytes.Equal(raw, data[:c.wantLen]) {
			t.Errorf("size %d limit %d: got %d bytes, truncated %d; want %d, %d",
				c.size, c.limit, len(raw), truncated, c.wantLen, c.wantTruncated)
		}
	}
	if _, _, err := readCapped(filepath.Join(dir, "missing.html"), 10); err == nil {
		t.Error("a missing file must be an error")
	}
}
