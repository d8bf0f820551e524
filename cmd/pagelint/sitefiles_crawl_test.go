package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCrawlReadsRobotsAndSitemaps checks that a crawl reads robots.txt and
// the sitemap before it starts: a page only the sitemap lists is read (and
// is an orphan), and a robots.txt answering 503 stops the crawl.
func TestCrawlReadsRobotsAndSitemaps(t *testing.T) {
	var robotsStatus = http.StatusOK
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	page := func(title, body string) string {
		return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>%s</title></head><body><main><h1>%s</h1>%s</main></body></html>`, title, title, body)
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if robotsStatus != http.StatusOK {
			http.Error(w, "down", robotsStatus)
			return
		}
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", srv.URL)
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/</loc></url><url><loc>%s/hidden.html</loc></url></urlset>`, srv.URL, srv.URL)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, page("Home page of the sitemap test site", "<p>Nothing links to the other page.</p>"))
		case "/hidden.html":
			fmt.Fprint(w, page("A page only the sitemap lists, for tests", "<p>Orphan.</p>"))
		default:
			http.NotFound(w, r)
		}
	})

	code, out, stderr := pagelint(t, "crawl", srv.URL+"/", "--format", "json", "--fail-on", "never", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decode(t, out)
	if r.Pages != 2 {
		t.Errorf("pages = %d, want 2 (the sitemap seeds /hidden.html)", r.Pages)
	}
	orphan := false
	for _, f := range r.Findings {
		if f.Rule == "orphan-page" && strings.HasSuffix(f.URL, "/hidden.html") {
			orphan = true
		}
	}
	if !orphan {
		t.Errorf("no orphan-page finding for the page only the sitemap lists:\n%s", out)
	}

	robotsStatus = http.StatusServiceUnavailable
	code, out, _ = pagelint(t, "crawl", srv.URL+"/", "--format", "json", "--quiet")
	r = decode(t, out)
	if code != 1 || r.Complete || r.Pages != 0 {
		t.Errorf("robots.txt 503: exit %d, complete %v, pages %d; want 1, false, 0", code, r.Complete, r.Pages)
	}
	found := false
	for _, f := range r.Findings {
		found = found || (f.Rule == "robots-txt" && f.Severity == "error")
	}
	if !found {
		t.Errorf("robots.txt 503 gave no robots-txt error:\n%s", out)
	}
}
