package crawler

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// TestFolderHostileFiles: files that are not UTF-8, that cannot be read, that
// are FIFOs or symlink loops each become a page or a notice naming the file,
// and the run goes on.
func TestFolderHostileFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses a FIFO and /proc")
	}
	dir := writeTree(t, map[string]string{
		"index.html":   `<title>Home</title><a href="/latin1.html">l</a> <a href="/dangling.html">d</a>`,
		"latin1.html":  "<meta charset=\"iso-8859-1\"><title>Caf\xe9</title>",
		"garbage.html": "<title>Bad \xff\xfe\xc3 bytes</title>\x00\x01",
		"empty.html":   "",
	})
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	link("self.html", "self.html")              // a symlink loop
	link("no-such-file.html", "dangling.html")  // a missing file, as a server sees it
	link("/proc/self/mem", "unreadable.html")   // stats as a file, every read fails (even for root)
	link(filepath.Join(dir, "sub"), "sub-loop") // dangling until sub exists
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(dir, filepath.Join("sub", "up")) // a folder loop
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.html"), 0o644); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var res Result
	var pages []string
	var titles = map[string]string{}
	go func() {
		defer close(done)
		r, ps, _ := runFolder(t, FolderOptions{Paths: []string{dir}})
		res = r
		for _, p := range ps {
			pages = append(pages, p.File)
			titles[p.File] = p.Doc.Find("title").Text()
			if !utf8.Valid(p.Raw) {
				t.Errorf("%s: the rules got invalid UTF-8", p.File)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the check hung (a FIFO read?)")
	}
	notices := strings.Join(res.Notices, "\n")
	for _, want := range []string{"could not follow symlink self.html", "pipe.html is not a regular file", "could not read unreadable.html"} {
		if !strings.Contains(notices, want) {
			t.Errorf("no notice %q in:\n%s", want, notices)
		}
	}
	// Undeclared bytes that are not UTF-8 are windows-1252, the HTML spec's fallback.
	if titles["latin1.html"] != "Café" || titles["garbage.html"] != "Bad ÿþÃ bytes" {
		t.Errorf("titles %q", titles)
	}
	if _, ok := titles["empty.html"]; !ok || len(pages) < 4 {
		t.Errorf("pages read: %v", pages)
	}
}

// TestFolderUnreadableFolder: a folder that cannot be listed is a notice.
// Root reads every folder whatever its mode, so this needs another user.
func TestFolderUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which can list a folder with mode 000; the notice is tested when run as another user")
	}
	dir := writeTree(t, map[string]string{"index.html": "<title>Home</title>", "locked/page.html": "<title>P</title>"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	res, pages, _ := runFolder(t, FolderOptions{Paths: []string{dir}})
	if !strings.Contains(strings.Join(res.Notices, "\n"), "could not read folder locked") || len(pages) != 1 {
		t.Errorf("notices %q, %d pages", res.Notices, len(pages))
	}
}

// TestFolderLargeFile: a file larger than MaxBody is read up to it and
// marked, so page-too-large reports it and memory stays bounded.
func TestFolderLargeFile(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"index.html": "<title>Home</title>",
		"big.html":   "<title>Big</title>" + strings.Repeat("<p>filler</p>\n", 10000),
	})
	_, pages, _ := runFolder(t, FolderOptions{Paths: []string{dir}, MaxBody: 4096})
	for _, p := range pages {
		switch {
		case p.File == "big.html" && (p.Truncated != 4096 || len(p.Raw) > 4096):
			t.Errorf("big.html: truncated %d, %d bytes", p.Truncated, len(p.Raw))
		case p.File == "index.html" && p.Truncated != 0:
			t.Error("index.html was cut")
		}
	}
}
