package crawler

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pagelint/pagelint/page"
)

// writeTree creates files (path -> content) under a new temp folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runFolder(t *testing.T, opts FolderOptions) (Result, []*page.Page, *page.Site) {
	t.Helper()
	f, site, err := NewFolder(opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var pages []*page.Page
	res, err := f.Run(context.Background(), func(p *page.Page) {
		mu.Lock()
		pages = append(pages, p)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(pages, func(a, b *page.Page) int { return strings.Compare(a.Path, b.Path) })
	return res, pages, site
}

func TestFolderMapsFilesToPaths(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"index.html":       `<a href="/blog/">b</a> <a href="/about">pretty</a> <a href="/docs">folder</a> <a href="/gone.html">x</a> <a href="/style.css?v=3">css</a>`,
		"blog/index.html":  `<a href="../about.html">about</a> <a href="/blog/index.html">self</a>`,
		"about.html":       `about`,
		"docs/index.htm":   `docs`,
		"style.css":        `body{}`,
		"empty/readme.txt": `no index here`,
	})
	res, pages, site := runFolder(t, FolderOptions{Paths: []string{dir}, PrettyURLs: true})
	var paths, files []string
	for _, p := range pages {
		paths = append(paths, p.Path)
		files = append(files, p.File)
	}
	if want := []string{"/", "/about.html", "/blog/", "/docs/"}; !slices.Equal(paths, want) {
		t.Errorf("paths = %v, want %v", paths, want)
	}
	if want := []string{"index.html", "about.html", "blog/index.html", "docs/index.htm"}; !slices.Equal(files, want) {
		t.Errorf("files = %v, want %v", files, want)
	}
	if res.Pages != 4 || !res.Complete {
		t.Errorf("result = %+v", res)
	}
	for target, ok := range map[string]bool{
		"/blog/": true, "/about": true, "/docs": true, "/gone.html": false, "/style.css?v=3": true,
		"/about.html": true, "/blog/index.html": true, "/empty/": false,
	} {
		f, recorded := site.Fetch("https://site.invalid" + target)
		if target == "/empty/" {
			f = folderOf(t, dir).resolve("https://site.invalid/empty/")
			recorded = true
		}
		if !recorded || f.OK() != ok {
			t.Errorf("fetch %s = %+v (recorded %v), want ok=%v", target, f, recorded, ok)
		}
	}
	if _, ok := site.Page("https://site.invalid/about"); ok {
		t.Errorf("Page found before the runner added summaries")
	}
}

func folderOf(t *testing.T, dir string) *Folder {
	f, _, err := NewFolder(FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFolderWithoutPrettyURLs(t *testing.T) {
	dir := writeTree(t, map[string]string{"index.html": `<a href="/about">x</a>`, "about.html": "a"})
	_, _, site := runFolder(t, FolderOptions{Paths: []string{dir}})
	if f, _ := site.Fetch("https://site.invalid/about"); f.OK() {
		t.Errorf("/about resolved to about.html without --pretty-urls: %+v", f)
	}
}

func TestFolderBaseURLWithPath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"index.html":   `<a href="https://user.example.io/repo/a/">abs</a> <a href="/repo/b.html">root-rel</a> <a href="/other/">other repo</a>`,
		"a/index.html": "a",
	})
	_, pages, site := runFolder(t, FolderOptions{Paths: []string{dir}, BaseURL: "https://user.example.io/repo"})
	if pages[0].URL.String() != "https://user.example.io/repo/" || pages[0].Path != "/" {
		t.Errorf("root page = %s (%s)", pages[0].URL, pages[0].Path)
	}
	if pages[1].Path != "/a/" {
		t.Errorf("a/index.html path = %s", pages[1].Path)
	}
	if f, _ := site.Fetch("https://user.example.io/repo/a/"); !f.OK() {
		t.Errorf("absolute link to the base URL did not resolve in the folder: %+v", f)
	}
	if f, _ := site.Fetch("https://user.example.io/repo/b.html"); f.OK() || f.Err == "" {
		t.Errorf("missing file under the base path = %+v", f)
	}
	if _, ok := site.Fetch("https://user.example.io/other/"); ok {
		t.Errorf("a path outside the base path was treated as part of the folder")
	}
}

func TestFolderErrors(t *testing.T) {
	if _, _, err := NewFolder(FolderOptions{Paths: []string{"/no/such/folder"}}); err == nil || !strings.Contains(err.Error(), "/no/such/folder") {
		t.Errorf("missing path error = %v", err)
	}
	dir := writeTree(t, map[string]string{"index.html": "x"})
	if _, _, err := NewFolder(FolderOptions{Paths: []string{dir}, BaseURL: "example.org"}); err == nil {
		t.Error("relative --base-url accepted")
	}
}

func TestFolderFollowsSymlinksWithoutLooping(t *testing.T) {
	dir := writeTree(t, map[string]string{"site/index.html": `<a href="/linked/page.html">x</a>`, "real/page.html": "p"})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "site", "linked")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "site"), filepath.Join(dir, "real", "loop")); err != nil {
		t.Fatal(err)
	}
	_, pages, site := runFolder(t, FolderOptions{Paths: []string{filepath.Join(dir, "site")}})
	if f, _ := site.Fetch("https://site.invalid/linked/page.html"); !f.OK() {
		t.Errorf("symlinked file not found: %+v", f)
	}
	if len(pages) != 2 {
		t.Errorf("read %d pages, want 2 (index and the symlinked page)", len(pages))
	}
}

func TestFolderSelectedPages(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"index.html":      `<a href="/a.html#part">a</a>`,
		"a.html":          `<h2 id="part">part</h2> <a href="/b.html">b</a>`,
		"b.html":          `far away`,
		"blog/index.html": `blog`,
		"style.css":       `body{}`,
	})
	res, pages, _ := runFolder(t, FolderOptions{Paths: []string{dir}, Pages: []string{"index.html", filepath.Join(dir, "blog"), "style.css", "deleted.html"}})
	var got []string
	for _, p := range pages {
		got = append(got, fmt.Sprintf("%s context=%v", p.File, p.ContextOnly))
	}
	want := []string{"index.html context=false", "a.html context=true", "blog/index.html context=false"}
	if !slices.Equal(got, want) {
		t.Errorf("pages = %v, want %v", got, want)
	}
	if res.Pages != 2 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "deleted.html") {
		t.Errorf("result = %+v", res)
	}
}
