package crawler

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/pagelint/pagelint/page"
)

// cacheVersion changes when the file format does; other versions are ignored.
const cacheVersion = 1

// A linkCache keeps the ok results of links to other sites between runs
// (--cache FILE). Broken and unverified results are never stored, so they
// are checked again on every run.
type linkCache struct {
	path   string
	maxAge time.Duration
	now    time.Time

	mu      sync.Mutex
	entries map[string]cacheEntry
	notice  []string
}

type cacheFile struct {
	Version int                   `json:"version"`
	Entries map[string]cacheEntry `json:"entries"`
}

type cacheEntry struct {
	Checked     time.Time        `json:"checked"`
	Status      int              `json:"status"`
	Final       string           `json:"final,omitempty"`
	Redirects   []int            `json:"redirects,omitempty"`
	ContentType string           `json:"content_type,omitempty"`
	Method      string           `json:"method"`
	Target      *page.TargetPage `json:"target,omitempty"`
}

// loadCache reads the cache file. A file that is missing starts an empty
// cache; one that cannot be read or parsed is reported once and ignored.
func loadCache(path string, maxAge time.Duration, now time.Time) *linkCache {
	c := &linkCache{path: path, maxAge: maxAge, now: now, entries: map[string]cacheEntry{}}
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c
	case err != nil:
		c.notice = append(c.notice, fmt.Sprintf("link cache %s could not be read, so it was not used: %v", path, unwrapPathError(err)))
		return c
	}
	var file cacheFile
	if err := json.Unmarshal(raw, &file); err != nil || file.Version != cacheVersion {
		c.notice = append(c.notice, fmt.Sprintf("link cache %s is not a pagelint %d cache (corrupt or from another version); it was ignored and will be rewritten", path, cacheVersion))
		return c
	}
	for k, e := range file.Entries {
		if now.Sub(e.Checked) < maxAge && e.Status > 0 {
			c.entries[k] = e
		}
	}
	return c
}

// get returns a fresh ok result for target. When the body is needed, only
// an entry that kept the target's ids (or is not HTML) will do.
func (c *linkCache) get(target string, body bool) (page.Fetch, bool) {
	c.mu.Lock()
	e, ok := c.entries[target]
	c.mu.Unlock()
	if !ok || (body && e.Target == nil && isHTML(e.ContentType)) {
		return page.Fetch{}, false
	}
	return page.Fetch{
		URL: target, Status: e.Status, Final: e.Final, Redirects: e.Redirects, ContentType: e.ContentType,
		Method: e.Method, Outcome: page.OutcomeOK, Cached: true, Target: e.Target,
	}, true
}

func (c *linkCache) put(f page.Fetch, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[f.URL]; ok && old.Target != nil && f.Target == nil {
		return // keep the entry that knows the ids
	}
	c.entries[f.URL] = cacheEntry{
		Checked: now, Status: f.Status, Final: f.Final, Redirects: f.Redirects,
		ContentType: f.ContentType, Method: f.Method, Target: f.Target,
	}
}

// save writes the cache atomically: a temporary file in the same folder,
// renamed over the old one.
func (c *linkCache) save() {
	c.mu.Lock()
	defer c.mu.Unlock()
	raw, err := json.Marshal(cacheFile{Version: cacheVersion, Entries: c.entries})
	if err == nil {
		err = writeAtomic(c.path, raw)
	}
	if err != nil {
		c.notice = append(c.notice, fmt.Sprintf("link cache %s could not be written: %v", c.path, err))
	}
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return unwrapPathError(err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
	}
	return werr
}

func (c *linkCache) notices() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.notice...)
}
