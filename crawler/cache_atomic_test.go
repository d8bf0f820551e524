package crawler

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

// TestCacheSaveIsAtomic: the cache is written to a new file and renamed
// over the old one, so a reader (or a run killed mid-write) sees the old
// cache or the new one, never half of one. A hard link to the old file
// keeps the old content only if the file was replaced, not rewritten.
func TestCacheSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "links.json")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := loadCache(path, time.Hour, now)
	c.put(page.Fetch{URL: "https://example.org/a", Status: 200, Method: "HEAD", Outcome: page.OutcomeOK}, now)
	c.save()
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	snapshot := filepath.Join(dir, "snapshot")
	if err := os.Link(path, snapshot); err != nil {
		t.Skip("no hard links here:", err)
	}
	c.put(page.Fetch{URL: "https://example.org/b", Status: 200, Method: "HEAD", Outcome: page.OutcomeOK}, now)
	c.save()
	kept, _ := os.ReadFile(snapshot)
	now2, _ := os.ReadFile(path)
	if string(kept) != string(old) || string(now2) == string(old) {
		t.Error("the cache file was rewritten in place, not replaced")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files left in the folder: %v", entries)
	}
}
