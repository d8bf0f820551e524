package synth

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var refAttr = regexp.MustCompile(`(?:href|src)="(/[^"#?]*)[^"]*"`)

// TestSiteLinks checks what the benchmarks rely on: the site has Pages(n)
// pages, every page is reachable from / by links, and the only links to
// missing files are the defects planted on purpose.
func TestSiteLinks(t *testing.T) {
	const n = 250
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, n); err != nil {
		t.Fatal(err)
	}
	links := map[string][]string{} // page path -> root-relative targets
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := "/" + strings.TrimSuffix(filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator))), "index.html")
		for _, m := range refAttr.FindAllStringSubmatch(string(src), -1) {
			links[rel] = append(links[rel], m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != Pages(n) {
		t.Errorf("%d pages, want Pages(%d) = %d", len(links), n, Pages(n))
	}
	exists := func(target string) bool {
		if strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target)))
		return err == nil
	}
	missing := map[string]int{}
	for _, targets := range links {
		for _, target := range targets {
			if !exists(target) {
				missing[target]++
			}
		}
	}
	want := map[string]int{"/blog/removed-post/": n / 50, "/wp-content/uploads/2019/01/old-photo.jpg": n / 300}
	for target, count := range missing {
		if want[target] != count {
			t.Errorf("%d link(s) to missing %s, want %d", count, target, want[target])
		}
	}
	seen := map[string]bool{"/": true}
	for queue := []string{"/"}; len(queue) > 0; queue = queue[1:] {
		for _, target := range links[queue[0]] {
			if _, isPage := links[target]; isPage && !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	if len(seen) != len(links) {
		t.Errorf("%d of %d pages reachable from /", len(seen), len(links))
	}
}

// TestPostPageStable: the same (i, n) gives the same bytes, so every corpus
// of a size is the same corpus.
func TestPostPageStable(t *testing.T) {
	if a, b := PostPage(42, 1000), PostPage(42, 1000); a != b {
		t.Error("PostPage(42, 1000) differs between calls")
	}
}
