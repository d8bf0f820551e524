package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/robots"
	"github.com/pagelint/pagelint/sitemap"
)

// Limits of reading a site's robots.txt and sitemaps.
const (
	// siteFilesRobotsRead is how much of a robots.txt is read: past
	// robots.MaxSize, so the size can be reported.
	siteFilesRobotsRead = robots.MaxSize + 64<<10
	// siteFilesMaxSitemaps caps the sitemaps read from indexes.
	siteFilesMaxSitemaps = 200
	// siteFilesMaxRedirects is how many redirects are followed (RFC 9309
	// asks for at least five).
	siteFilesMaxRedirects = 10
)

// siteFileDefaults are where sitemaps are looked for when robots.txt names
// none, in order.
var siteFileDefaults = []string{"sitemap.xml", "sitemap_index.xml", "wp-sitemap.xml"}

// A siteFileAnswer is what reading one site file gave.
type siteFileAnswer struct {
	url         string // final URL, normalized
	file        string // check mode: file relative to the site root
	status      int
	contentType string
	body        []byte
	size        int64
	redirects   int
	err         string
}

// siteFileGetter reads the site file at u, at most limit bytes of it.
type siteFileGetter func(u *url.URL, limit int64) siteFileAnswer

// LoadSiteFiles reads a live site's robots.txt and sitemaps over HTTP
// before a crawl: /robots.txt at root, then the sitemaps its Sitemap: lines
// name (or, when it names none, /sitemap.xml, /sitemap_index.xml and
// /wp-sitemap.xml where they exist), then the sitemaps those indexes list
// on the same site. Each request sends ua and is bounded by timeout.
//
// robots is never nil. Check robots.Unreachable(): then RFC 9309 says
// "disallow all", and unless robots are ignored the crawl should read
// nothing and the run is incomplete. The results go to the page.Site with
// SetRobots and AddSitemap so the robots-txt, sitemap and orphan-page rules
// can judge them.
func LoadSiteFiles(ctx context.Context, client *http.Client, root *url.URL, ua string, timeout time.Duration) (*page.RobotsFile, []*page.SitemapFile) {
	if client == nil {
		client = http.DefaultClient
	}
	get := func(u *url.URL, limit int64) siteFileAnswer {
		return siteFileHTTP(ctx, client, u, ua, timeout, limit)
	}
	base := *root
	base.Path, base.RawPath, base.RawQuery, base.Fragment = "/", "", "", ""
	return loadSiteFiles(&base, get, func(u *url.URL) bool { return page.SameSite(root, u) })
}

// loadFolderSiteFiles reads robots.txt and the sitemaps of a site folder
// and hands them to its Site. Sitemap URLs on another host (the production
// address of a site checked without --base-url) are read from the folder
// by their path.
func (f *Folder) loadFolderSiteFiles() {
	root := f.site.Root
	rootPath := strings.TrimSuffix(root.Path, "/") + "/"
	get := func(u *url.URL, limit int64) siteFileAnswer {
		rel := strings.TrimPrefix(u.Path, "/")
		if page.SameSite(root, u) {
			if !strings.HasPrefix(u.Path, rootPath) {
				return siteFileAnswer{url: page.Normalize(u), status: http.StatusNotFound}
			}
			rel = strings.TrimPrefix(u.Path, rootPath)
		}
		mapped := *root
		mapped.Path, mapped.RawPath = rootPath+rel, ""
		a := siteFileAnswer{url: page.Normalize(&mapped), file: rel, status: http.StatusNotFound}
		rel = path.Clean("/" + rel)[1:]
		if rel == "" || f.files[rel] != isFile {
			return a
		}
		a.file = rel
		fh, err := os.Open(filepath.Join(f.root, filepath.FromSlash(rel)))
		if err != nil {
			a.status, a.err = 0, unwrapPathError(err).Error()
			return a
		}
		defer fh.Close()
		a.body, err = io.ReadAll(io.LimitReader(fh, limit))
		if err != nil {
			a.status, a.err = 0, err.Error()
			return a
		}
		if st, err := fh.Stat(); err == nil {
			a.size = st.Size()
		}
		a.status = http.StatusOK
		a.contentType = mime.TypeByExtension(path.Ext(rel))
		return a
	}
	onSite := func(u *url.URL) bool { return page.SameSite(root, u) || !f.site.Absolute }
	rb, maps := loadSiteFiles(root, get, onSite)
	if rb.Status == http.StatusOK {
		f.site.SetRobots(rb)
	}
	for _, m := range maps {
		f.site.AddSitemap(m)
	}
}

// loadSiteFiles finds and reads robots.txt and the sitemaps under root.
// onSite tells whether a sitemap URL may be read.
func loadSiteFiles(root *url.URL, get siteFileGetter, onSite func(*url.URL) bool) (*page.RobotsFile, []*page.SitemapFile) {
	robotsURL := root.ResolveReference(&url.URL{Path: "robots.txt"})
	a := get(robotsURL, siteFilesRobotsRead)
	rb := &page.RobotsFile{
		URL: page.Normalize(robotsURL), File: a.file, Status: a.status, ContentType: a.contentType,
		Err: a.err, Redirects: a.redirects, Size: a.size,
	}
	if a.status >= 200 && a.status < 300 {
		rb.Body = a.body
		if len(rb.Body) > robots.MaxSize {
			rb.Body = rb.Body[:robots.MaxSize]
		}
		rb.Rules = robots.Parse(a.body)
	}

	var maps []*page.SitemapFile
	seen := map[string]bool{}
	var indexes []*page.SitemapFile
	read := func(u *url.URL, from string, line int, optional bool) {
		key := page.Normalize(u)
		if seen[key] || len(maps) >= siteFilesMaxSitemaps {
			return
		}
		seen[key] = true
		a := get(u, sitemap.MaxBytes+1)
		if seen[a.url] && a.url != key {
			return // a redirect to a sitemap already read
		}
		seen[a.url] = true
		sm := &page.SitemapFile{
			URL: key, File: a.file, From: from, Line: line, Status: a.status,
			ContentType: a.contentType, Err: a.err, Redirects: a.redirects,
		}
		if a.file != "" {
			sm.URL = a.url // check mode: the folder's URL for the file
		}
		ok := a.status >= 200 && a.status < 300
		if optional && (!ok || robots.LooksLikeHTML(a.body)) {
			return // a well-known path that the site does not use
		}
		if ok && a.err == "" {
			m, err := sitemap.Read(a.body)
			sm.Map = m
			if err != nil {
				sm.Err = err.Error()
			}
			if m != nil && m.Kind == sitemap.KindIndex {
				indexes = append(indexes, sm)
			}
		}
		maps = append(maps, sm)
	}
	if rb.Rules != nil {
		for _, l := range rb.Rules.Sitemaps {
			u, err := robotsURL.Parse(l.Value)
			if err != nil || !page.Fetchable(u) || !onSite(u) {
				continue
			}
			read(u, "robots.txt", l.Num, false)
		}
	}
	if len(maps) == 0 {
		for _, name := range siteFileDefaults {
			read(root.ResolveReference(&url.URL{Path: name}), "default", 0, true)
		}
	}
	// Indexes list sitemaps; an index listed by an index is read but not
	// followed (the protocol allows no nesting).
	top := indexes
	indexes = nil
	for _, idx := range top {
		base, _ := url.Parse(idx.URL)
		for _, e := range idx.Map.Entries {
			u, err := base.Parse(e.Loc)
			if err != nil || !page.Fetchable(u) || !onSite(u) {
				continue
			}
			read(u, idx.URL, e.Line, false)
		}
	}
	return rb, maps
}

// siteFileHTTP GETs u with the crawler's client, following redirects.
func siteFileHTTP(ctx context.Context, client *http.Client, u *url.URL, ua string, timeout time.Duration, limit int64) siteFileAnswer {
	a := siteFileAnswer{url: page.Normalize(u)}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		a.err = err.Error()
		return a
	}
	if ua != "" {
		req.Header.Set("User-Agent", ua)
	}
	c := *client
	prev := client.CheckRedirect
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		a.redirects = len(via)
		if len(via) > siteFilesMaxRedirects {
			return fmt.Errorf("stopped after %d redirects", siteFilesMaxRedirects)
		}
		if prev != nil {
			return prev(r, via)
		}
		return nil
	}
	resp, err := c.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		a.err = err.Error()
		return a
	}
	defer resp.Body.Close()
	a.status = resp.StatusCode
	a.contentType = resp.Header.Get("Content-Type")
	a.url = page.Normalize(resp.Request.URL)
	a.body, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	a.size = int64(len(a.body))
	if err != nil {
		a.err = err.Error()
	}
	return a
}

// coversSite reports whether the run reads every HTML file of the site
// folder: not only some pages (--pages) or a subfolder.
func (f *Folder) coversSite() bool {
	if f.opts.Pages != nil {
		return false
	}
	n := 0
	for rel, kind := range f.files {
		if kind == isFile && isHTMLName(rel) {
			n++
		}
	}
	return len(f.lint) >= n
}

// SitemapSeeds returns the page URLs of the site's sitemaps that a crawl
// should also start from: on the site, and allowed by robots.txt for ua
// unless ignoreRobots. Call it after LoadSiteFiles' results are in site.
func SitemapSeeds(site *page.Site, ua string, ignoreRobots bool) []string {
	rb := site.Robots()
	var out []string
	for _, s := range site.SitemapURLs() {
		if !site.Internal(s) {
			continue
		}
		if !ignoreRobots && rb != nil {
			u, err := url.Parse(s)
			if err != nil {
				continue
			}
			target := u.EscapedPath()
			if u.RawQuery != "" {
				target += "?" + u.RawQuery
			}
			if !rb.Allowed(ua, target) {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}
