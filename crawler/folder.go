package crawler

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pagelint/pagelint/page"
)

// folderRoot stands for the site when no --base-url is given: a reserved
// name (RFC 2606) that no real link points to.
const folderRoot = "https://site.invalid/"

// FolderOptions configure a check of a built site on disk.
type FolderOptions struct {
	Paths      []string // folders and files to lint
	Root       string   // the site root folder; "" derives it from Paths
	BaseURL    string   // the address the folder is served at, "" if unknown
	PrettyURLs bool     // /a is served from a.html
	// Pages, when set, are the only pages linted (paths relative to the site
	// root or to the working directory): the changed pages of a CI run. The
	// pages they link to are read too, for their ids and text, but get no
	// findings of their own.
	Pages []string
	// External, when set, checks links to other sites over HTTP.
	External *LinkOptions
	Workers  int // parsing goroutines; 0 means one per CPU
	// MaxBody is how much of a file is read at most (default 10 MiB); a
	// longer file is checked as far as read (page-too-large).
	MaxBody int
}

// A Folder reads the HTML files of a built site.
type Folder struct {
	opts   FolderOptions
	root   string // absolute path of the site root folder
	site   *page.Site
	files  map[string]fileKind // slash path relative to root -> kind
	lint   []string            // HTML files to lint, relative to root
	notice []string
	links  *linkChecker

	resolved sync.Map // target -> struct{}: internal targets already recorded
}

type fileKind uint8

const (
	isFile fileKind = iota + 1
	isDir
)

// Result tells how a run over a site ended.
type Result struct {
	Target   string   // what was read: a folder or the start URL
	Pages    int      // pages handed to the rules
	Complete bool     // false when pages in scope were left unread
	Notices  []string // one sentence each: limits hit, files that could not be read
}

// NewFolder validates the options and indexes the site folder. A path that
// does not exist or a bad base URL is an error.
func NewFolder(opts FolderOptions) (*Folder, *page.Site, error) {
	if len(opts.Paths) == 0 {
		return nil, nil, errors.New("check needs at least one folder or file")
	}
	abs := make([]string, len(opts.Paths))
	for i, p := range opts.Paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, nil, fmt.Errorf("path %s: %w", p, err)
		}
		if _, err := os.Stat(a); err != nil {
			return nil, nil, fmt.Errorf("path %s: %w", p, unwrapPathError(err))
		}
		abs[i] = a
	}
	root, err := siteRoot(opts.Root, abs)
	if err != nil {
		return nil, nil, err
	}
	rootURL, absolute, err := folderRootURL(opts.BaseURL)
	if err != nil {
		return nil, nil, err
	}
	f := &Folder{opts: opts, root: root, files: map[string]fileKind{}}
	f.site = page.NewSite(rootURL, page.ModeCheck, absolute)
	f.index()
	f.loadFolderSiteFiles()
	for _, a := range abs {
		rel, err := filepath.Rel(root, a)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, nil, fmt.Errorf("path %s is outside the site root %s", a, root)
		}
		f.collect(filepath.ToSlash(rel))
	}
	if opts.Pages != nil {
		f.lint = f.selectPages(opts.Pages)
	}
	slices.Sort(f.lint)
	f.lint = slices.Compact(f.lint)
	for rel, kind := range f.files {
		if kind == isFile && isHTMLName(rel) {
			f.aliasFile(rel)
		}
	}
	if opts.External != nil {
		f.links = newLinkChecker(*opts.External, f.site)
	}
	return f, f.site, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// siteRoot is --root, else the one folder given, else the common parent of the paths.
func siteRoot(explicit string, paths []string) (string, error) {
	if explicit != "" {
		a, err := filepath.Abs(explicit)
		if err != nil {
			return "", fmt.Errorf("--root %s: %w", explicit, err)
		}
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			return "", fmt.Errorf("--root %s: not a folder", explicit)
		}
		return a, nil
	}
	dirOf := func(p string) string {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		return filepath.Dir(p)
	}
	root := dirOf(paths[0])
	for _, p := range paths[1:] {
		d := dirOf(p)
		for !strings.HasPrefix(d+string(filepath.Separator), root+string(filepath.Separator)) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	return root, nil
}

func folderRootURL(base string) (*url.URL, bool, error) {
	if base == "" {
		u, _ := url.Parse(folderRoot)
		return u, false, nil
	}
	u, err := url.Parse(base)
	if err != nil || !page.Fetchable(u) {
		return nil, false, fmt.Errorf("--base-url %q: want an absolute http(s) URL such as https://example.org/", base)
	}
	u, _ = url.Parse(page.Normalize(u))
	u.RawQuery = ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, true, nil
}

// index lists every file and folder under the root, following symlinks as
// a web server would, and never entering one folder twice (symlink loops).
func (f *Folder) index() {
	seen := map[string]bool{}
	var walk func(dir, rel string)
	walk = func(dir, rel string) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.notice = append(f.notice, fmt.Sprintf("could not read folder %s: %v", displayRel(rel), unwrapPathError(err)))
			return
		}
		for _, e := range entries {
			name := e.Name()
			childRel := path.Join(rel, name)
			full := filepath.Join(dir, name)
			typ := e.Type()
			if typ&fs.ModeSymlink != 0 {
				st, err := os.Stat(full)
				if err != nil {
					// hostile input: a symlink loop is told; a dangling link is a missing file
					if !errors.Is(err, fs.ErrNotExist) {
						f.notice = append(f.notice, fmt.Sprintf("could not follow symlink %s: %v", childRel, unwrapPathError(err)))
					}
					continue
				}
				typ = st.Mode().Type()
			}
			switch {
			case typ.IsDir():
				f.files[childRel] = isDir
				walk(full, childRel)
			case typ.IsRegular():
				f.files[childRel] = isFile
			case isHTMLName(name): // hostile input: a FIFO or device would block or never end
				f.notice = append(f.notice, fmt.Sprintf("%s is not a regular file (%s), so it was skipped", childRel, typ))
			}
		}
	}
	walk(f.root, "")
}

func displayRel(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

// collect adds the HTML files at or under rel to the lint list.
func (f *Folder) collect(rel string) {
	if rel == "." {
		rel = ""
	}
	if rel != "" && f.files[rel] == isFile {
		f.lint = append(f.lint, rel)
		return
	}
	prefix := rel
	if prefix != "" {
		prefix += "/"
	}
	for p, kind := range f.files {
		if kind == isFile && isHTMLName(p) && strings.HasPrefix(p, prefix) {
			f.lint = append(f.lint, p)
		}
	}
}

// selectPages keeps the listed pages that are HTML files of the site. A
// listed page that is not there (deleted in the change) is told in a notice.
func (f *Folder) selectPages(pages []string) []string {
	var out []string
	for _, p := range pages {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		rel := ""
		if a, err := filepath.Abs(p); err == nil {
			if r, err := filepath.Rel(f.root, a); err == nil && !strings.HasPrefix(r, "..") {
				if _, err := os.Stat(a); err == nil {
					rel = filepath.ToSlash(r)
				}
			}
		}
		if rel == "" {
			rel = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "/")
		}
		switch {
		case f.files[rel] == isFile && isHTMLName(rel):
			out = append(out, rel)
		case f.files[rel] == isDir && f.indexFile(rel) != "":
			out = append(out, f.indexFile(rel))
		case f.files[rel] == isFile:
			// not HTML: an image or stylesheet changed; nothing to lint
		default:
			f.notice = append(f.notice, fmt.Sprintf("page %s is not in the site folder; skipped", p))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isHTMLName(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".html" || ext == ".htm"
}

// pageURL is the URL a file is served at: a/index.html is a/.
func (f *Folder) pageURL(rel string) *url.URL {
	dir, name := path.Split(rel)
	if strings.EqualFold(name, "index.html") || strings.EqualFold(name, "index.htm") {
		rel = dir
	}
	return f.site.Root.ResolveReference(&url.URL{Path: rel})
}

// aliasFile records the other URLs of an HTML file: a/index.html for a/, and
// a for a.html with pretty URLs.
func (f *Folder) aliasFile(rel string) {
	key := page.Normalize(f.pageURL(rel))
	f.site.Alias(page.Normalize(f.site.Root.ResolveReference(&url.URL{Path: rel})), key)
	if f.opts.PrettyURLs && !strings.HasSuffix(key, "/") {
		noExt := strings.TrimSuffix(rel, path.Ext(rel))
		f.site.Alias(page.Normalize(f.site.Root.ResolveReference(&url.URL{Path: noExt})), key)
	}
}

// Run reads, parses and hands every page to handle, on several goroutines.
func (f *Folder) Run(ctx context.Context, handle func(*page.Page)) (Result, error) {
	res := Result{Target: f.target(), Complete: true}
	if f.links != nil {
		f.links.ctx = ctx // Ctrl-C stops --check-external requests too
	}
	workers := f.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var done atomic.Int64
	var mu sync.Mutex
	notices := slices.Clone(f.notice)
	note := func(err error) {
		mu.Lock()
		notices = append(notices, err.Error())
		mu.Unlock()
	}
	var context sync.Map // rel -> struct{}: pages linked from a selected page
	lint := func(p *page.Page) {
		f.recordLinks(p)
		if f.opts.Pages != nil {
			f.noteContext(p, &context)
		}
		handle(p)
		done.Add(1)
	}
	res.Complete = f.readAll(ctx, f.lint, workers, lint, note)
	if f.opts.Pages != nil && res.Complete {
		listed := map[string]bool{}
		for _, rel := range f.lint {
			listed[rel] = true
		}
		var extra []string
		context.Range(func(k, _ any) bool {
			if !listed[k.(string)] {
				extra = append(extra, k.(string))
			}
			return true
		})
		slices.Sort(extra)
		res.Complete = f.readAll(ctx, extra, workers, func(p *page.Page) {
			p.ContextOnly = true
			handle(p)
		}, note)
	}
	if f.links != nil {
		f.links.wait()
		notices = append(notices, f.links.notices()...)
	}
	if !res.Complete {
		notices = append(notices, fmt.Sprintf("stopped before reading every file: %d of %d pages checked", done.Load(), len(f.lint)))
	}
	slices.Sort(notices)
	// Only a run over every file sees the whole link graph (orphan-page).
	f.site.SetComplete(res.Complete && f.coversSite())
	res.Pages = int(done.Load())
	res.Notices = notices
	return res, nil
}

// readAll reads files on workers goroutines, handing each page to handle.
// It returns false when ctx ended the run first.
func (f *Folder) readAll(ctx context.Context, files []string, workers int, handle func(*page.Page), note func(error)) bool {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for rel := range jobs {
				p, err := f.read(rel)
				if err != nil {
					note(err)
					continue
				}
				handle(p)
			}
		})
	}
	complete := true
feed:
	for _, rel := range files {
		select {
		case jobs <- rel:
		case <-ctx.Done():
			complete = false
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return complete
}

// noteContext adds the HTML files that p links to inside the site to context.
func (f *Folder) noteContext(p *page.Page, context *sync.Map) {
	for _, l := range p.Links {
		if l.URL == nil || !page.Fetchable(l.URL) {
			continue
		}
		target := page.Normalize(l.URL)
		if !f.site.Internal(target) {
			continue
		}
		if file, _ := f.serve(target); file != "" && isHTMLName(file) {
			context.Store(file, struct{}{})
		}
	}
}

// Root returns the absolute path of the site root folder.
func (f *Folder) Root() string { return f.root }

func (f *Folder) target() string {
	if f.site.Absolute {
		return f.site.Root.String()
	}
	if len(f.opts.Paths) == 1 {
		return f.opts.Paths[0]
	}
	return f.root
}

// read loads one file as a Page.
func (f *Folder) read(rel string) (*page.Page, error) {
	raw, truncated, err := readCapped(filepath.Join(f.root, filepath.FromSlash(rel)), f.opts.MaxBody)
	if err != nil {
		return nil, fmt.Errorf("could not read %s: %w", rel, unwrapPathError(err))
	}
	u := f.pageURL(rel)
	p, err := page.Parse(u, page.DecodeHTML(raw, ""))
	if err != nil {
		return nil, fmt.Errorf("could not parse %s: %w", rel, err)
	}
	p.Truncated = truncated
	p.Path = f.site.SitePath(page.Normalize(u))
	p.File = rel
	return p, nil
}

// recordLinks records the outcome of every link target of p that is not yet
// known: internal ones from the file index, external ones over HTTP when asked.
func (f *Folder) recordLinks(p *page.Page) {
	for _, l := range p.Links {
		if l.URL == nil || !page.Fetchable(l.URL) {
			continue
		}
		target := page.Normalize(l.URL)
		if !f.site.Internal(target) {
			if f.links != nil {
				f.links.checkLink(l) // dedups itself; a fragment may need the page's ids
			}
			continue
		}
		if _, seen := f.resolved.LoadOrStore(target, struct{}{}); !seen {
			f.site.RecordFetch(f.resolve(target))
		}
	}
}

// resolve records how a static file server would answer an internal URL.
func (f *Folder) resolve(target string) page.Fetch {
	_, fetch := f.serve(target)
	return fetch
}

// serve finds the file an internal URL is served from, as a static file
// server would: folder URLs need an index.html, and the query is ignored. It
// returns the file (relative to the root, "" when none) and the outcome.
func (f *Folder) serve(target string) (string, page.Fetch) {
	fetch := page.Fetch{URL: target, Method: "file", Final: target}
	u, err := url.Parse(target)
	if err != nil {
		fetch.Err = "unparsable URL"
		return "", fetch
	}
	rootPath := f.site.Root.Path
	rel := strings.TrimPrefix(u.Path, rootPath)
	if strings.HasPrefix(u.Path+"/", rootPath) && rel == u.Path && rootPath != "/" {
		rel = "" // the base URL without its trailing slash
	}
	found := func(file, final string) (string, page.Fetch) {
		fetch.Status = 200
		if final != "" {
			fetch.Final = page.Normalize(f.site.Root.ResolveReference(&url.URL{Path: final}))
		}
		return file, fetch
	}
	dir := strings.TrimSuffix(rel, "/")
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		if index := f.indexFile(dir); index != "" {
			return found(index, "")
		}
		fetch.Status = 404
		if f.files[dir] == isDir || dir == "" {
			fetch.Err = fmt.Sprintf("folder %s/ has no index.html", displayRel(dir))
		} else {
			fetch.Err = fmt.Sprintf("no folder %s/ in the site folder", dir)
		}
		return "", fetch
	case f.files[rel] == isFile:
		return found(rel, "")
	case f.files[rel] == isDir && f.indexFile(rel) != "":
		return found(f.indexFile(rel), rel+"/")
	case f.opts.PrettyURLs && f.files[rel+".html"] == isFile:
		return found(rel+".html", rel+".html")
	}
	fetch.Status = 404
	fetch.Err = fmt.Sprintf("no file %s in the site folder", displayRel(rel))
	return "", fetch
}

// indexFile returns the index file of a folder, "" when it has none.
func (f *Folder) indexFile(dir string) string {
	prefix := dir
	if prefix != "" {
		prefix += "/"
	}
	for _, name := range []string{"index.html", "index.htm"} {
		if f.files[prefix+name] == isFile {
			return prefix + name
		}
	}
	return ""
}
