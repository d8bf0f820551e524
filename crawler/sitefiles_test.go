package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/sitemap"
)

const siteFilesURLSet = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>ROOT/a.html</loc></url><url><loc>ROOT/b.html</loc></url></urlset>`

func siteFilesServer(t *testing.T, routes map[string]func(w http.ResponseWriter, r *http.Request)) (*httptest.Server, *url.URL) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL + "/")
	return srv, u
}

func siteFilesBody(body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		root := "http://" + r.Host
		w.Write([]byte(strings.ReplaceAll(body, "ROOT", root)))
	}
}

func TestLoadSiteFilesFromRobots(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://elsewhere.example/c</loc></url></urlset>`))
	zw.Close()
	var gotUA string
	_, root := siteFilesServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			gotUA = r.UserAgent()
			siteFilesBody("User-agent: *\nDisallow: /private/\nSitemap: ROOT/index.xml\nSitemap: https://other.example/sitemap.xml\nSitemap: /rel.xml\n")(w, r)
		},
		"/index.xml": siteFilesBody(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>ROOT/pages.xml</loc></sitemap>
<sitemap><loc>ROOT/old-pages.xml</loc></sitemap>
<sitemap><loc>ROOT/posts.xml.gz</loc></sitemap>
<sitemap><loc>ROOT/nested.xml</loc></sitemap>
<sitemap><loc>ROOT/missing.xml</loc></sitemap>
<sitemap><loc>https://cdn.example/s.xml</loc></sitemap>
</sitemapindex>`),
		"/pages.xml": siteFilesBody(siteFilesURLSet),
		"/old-pages.xml": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/pages2.xml", http.StatusMovedPermanently)
		},
		"/pages2.xml":   siteFilesBody(siteFilesURLSet),
		"/posts.xml.gz": func(w http.ResponseWriter, r *http.Request) { w.Write(gz.Bytes()) },
		"/nested.xml":   siteFilesBody(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>ROOT/deeper.xml</loc></sitemap></sitemapindex>`),
		"/deeper.xml":   siteFilesBody(siteFilesURLSet),
		"/rel.xml":      siteFilesBody(siteFilesURLSet),
	})
	rb, maps := LoadSiteFiles(context.Background(), nil, root, "pagelint/1.0", 5*time.Second)
	if gotUA != "pagelint/1.0" {
		t.Errorf("user agent %q", gotUA)
	}
	if rb.Status != 200 || rb.Rules == nil || rb.Allowed("pagelint", "/private/x") || !rb.Allowed("pagelint", "/a.html") {
		t.Fatalf("robots %+v", rb)
	}
	got := map[string]string{}
	for _, m := range maps {
		path := strings.TrimPrefix(m.URL, strings.TrimSuffix(root.String(), "/"))
		desc := m.From
		if strings.HasPrefix(desc, "http") {
			desc = "index"
		}
		if m.Map != nil {
			desc += " " + m.Map.Kind
			if m.Map.Gzip {
				desc += " gzip"
			}
		}
		if m.Redirects > 0 {
			desc += " redirected"
		}
		if m.Status != 200 {
			desc += " " + http.StatusText(m.Status)
		}
		got[path] = desc
	}
	want := map[string]string{
		"/index.xml":     "robots.txt sitemapindex",
		"/rel.xml":       "robots.txt urlset", // relative: read, and reported by robots-txt
		"/pages.xml":     "index urlset",
		"/old-pages.xml": "index urlset redirected",
		"/posts.xml.gz":  "index urlset gzip",
		"/nested.xml":    "index sitemapindex", // read, not followed
		"/missing.xml":   "index Not Found",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("read %v", got)
	}
}

func TestLoadSiteFilesDefaults(t *testing.T) {
	_, root := siteFilesServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/robots.txt":     func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("User-agent: *\nDisallow:\n")) },
		"/sitemap.xml":    siteFilesBody("<!DOCTYPE html><html><body>Home page for every path</body></html>"),
		"/wp-sitemap.xml": siteFilesBody(siteFilesURLSet),
	})
	_, maps := LoadSiteFiles(context.Background(), nil, root, "x", 5*time.Second)
	if len(maps) != 1 || !strings.HasSuffix(maps[0].URL, "/wp-sitemap.xml") || maps[0].From != "default" || maps[0].Map.Kind != sitemap.KindURLSet {
		t.Fatalf("maps %+v", maps)
	}
}

func TestLoadSiteFilesRobotsFailures(t *testing.T) {
	_, root := siteFilesServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) },
	})
	rb, maps := LoadSiteFiles(context.Background(), nil, root, "x", 5*time.Second)
	if !rb.Unreachable() || rb.Status != 503 || rb.Rules != nil || len(maps) != 0 {
		t.Errorf("robots %+v maps %v", rb, maps)
	}

	_, root = siteFilesServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		},
	})
	rb, _ = LoadSiteFiles(context.Background(), nil, root, "x", 100*time.Millisecond)
	if !rb.Unreachable() || rb.Status != 0 || rb.Err == "" {
		t.Errorf("slow robots %+v", rb)
	}

	_, root = siteFilesServer(t, nil)
	rb, _ = LoadSiteFiles(context.Background(), nil, root, "x", 5*time.Second)
	if rb.Unreachable() || rb.Status != 404 || !rb.Allowed("x", "/anything") {
		t.Errorf("missing robots %+v", rb)
	}
}

func TestFolderSiteFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "<title>x</title>")
	write("robots.txt", "User-agent: *\nDisallow: /drafts/\nSitemap: https://www.example.org/maps/index.xml\nSitemap: https://www.example.org/gone.xml\n")
	write("maps/index.xml", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://www.example.org/maps/pages.xml</loc></sitemap></sitemapindex>`)
	write("maps/pages.xml", strings.ReplaceAll(siteFilesURLSet, "ROOT", "https://www.example.org"))
	_, site, err := NewFolder(FolderOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rb := site.Robots()
	if rb == nil || rb.File != "robots.txt" || rb.Allowed("x", "/drafts/a") {
		t.Fatalf("robots %+v", rb)
	}
	var got []string
	for _, m := range site.Sitemaps() {
		got = append(got, m.File+" "+http.StatusText(m.Status)+" "+site.SitePath(m.URL))
	}
	want := "maps/index.xml OK /maps/index.xml|gone.xml Not Found /gone.xml|maps/pages.xml OK /maps/pages.xml"
	if strings.Join(got, "|") != want {
		t.Errorf("sitemaps %q, want %q", strings.Join(got, "|"), want)
	}
	if urls := site.SitemapURLs(); len(urls) != 2 || urls[0] != "https://www.example.org/a.html" {
		t.Errorf("sitemap URLs %q", urls)
	}
	if u, ok := site.SitemapURL("https://www.example.org/a.html"); !ok || site.SitePath(u) != "/a.html" || !site.Internal(u) {
		t.Errorf("SitemapURL = %q, %v", u, ok)
	}

	// With a base URL, sitemaps on another host are not read.
	_, site, err = NewFolder(FolderOptions{Paths: []string{dir}, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(site.Sitemaps()); n != 0 {
		t.Errorf("read %d sitemaps of another host", n)
	}
}

func TestSitemapSeeds(t *testing.T) {
	_, root := siteFilesServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/robots.txt": siteFilesBody("User-agent: *\nDisallow: /b.html\nSitemap: ROOT/s.xml\n"),
		"/s.xml": siteFilesBody(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>ROOT/a.html</loc></url><url><loc>ROOT/b.html</loc></url><url><loc>https://other.example/c.html</loc></url><url><loc>ROOT/a.html</loc></url></urlset>`),
	})
	c, site, err := NewCrawler(CrawlOptions{Start: root.String()})
	if err != nil {
		t.Fatal(err)
	}
	_ = c
	rb, maps := LoadSiteFiles(context.Background(), nil, site.Root, "pagelint", 5*time.Second)
	site.SetRobots(rb)
	for _, m := range maps {
		site.AddSitemap(m)
	}
	base := strings.TrimSuffix(root.String(), "/")
	if got := SitemapSeeds(site, "pagelint", false); len(got) != 1 || got[0] != base+"/a.html" {
		t.Errorf("seeds %q", got)
	}
	if got := SitemapSeeds(site, "pagelint", true); len(got) != 2 || got[1] != base+"/b.html" {
		t.Errorf("seeds ignoring robots %q", got)
	}
}
