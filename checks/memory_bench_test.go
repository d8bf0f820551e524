package checks_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/pagelint/pagelint/bench/synth"
	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
)

// BenchmarkKeptPerPage measures the memory a run keeps for each page once the
// page's document is gone (issue 7, "bytes kept per page"): the heap in use
// after a garbage collection, once every page of a synthetic site has been
// read, divided by the pages; then the findings, and what each field of the
// summaries holds, found by clearing that field in every summary and
// collecting again.
//
//	go test ./checks -run '^$' -bench KeptPerPage -benchtime 1x
//	PAGELINT_BENCH_SITE=/tmp/pagelint-synthetic-10000 go test ./checks -run '^$' -bench KeptPerPage -benchtime 1x
//
// The site is bench/synth's, of PAGELINT_BENCH_POSTS posts (default 1000)
// written to a temporary folder, or the folder PAGELINT_BENCH_SITE names.
// PAGELINT_HEAPPROFILE=PREFIX writes PREFIX-check.pprof and PREFIX-crawl.pprof:
// heap profiles taken while every summary is held, before the site rules.
func BenchmarkKeptPerPage(b *testing.B) {
	dir := keptSite(b)
	for _, mode := range []string{"check", "crawl"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				measureKept(b, dir, mode)
			}
		})
	}
}

func keptSite(b *testing.B) string {
	if dir := os.Getenv("PAGELINT_BENCH_SITE"); dir != "" {
		return dir
	}
	n := 1000
	if v := os.Getenv("PAGELINT_BENCH_POSTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("PAGELINT_BENCH_POSTS=%q: %v", v, err)
		}
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	return dir
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC() // the first may leave finalizer-held objects for the second
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// readSite runs the page rules over the site in dir, as `pagelint check` or
// `pagelint crawl --skip-external --max-pages 0 --max-per-pattern 0` do.
func readSite(b *testing.B, dir, mode string) (*page.Site, *checks.Runner) {
	var (
		site *page.Site
		run  func(context.Context, func(*page.Page)) (crawler.Result, error)
	)
	switch mode {
	case "check":
		folder, s, err := crawler.NewFolder(crawler.FolderOptions{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		site, run = s, folder.Run
	default:
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer srv.Close()
		c, s, err := crawler.NewCrawler(crawler.CrawlOptions{
			Start: srv.URL + "/", MaxDepth: -1, Concurrency: 8, Timeout: 30 * time.Second,
			SkipExternal: true, MaxBody: 10 << 20,
		})
		if err != nil {
			b.Fatal(err)
		}
		site, run = s, c.Run
	}
	r := checks.NewRunner(site, checks.All(), checktest.Now)
	if _, err := run(context.Background(), r.Page); err != nil {
		b.Fatal(err)
	}
	return site, r
}

// A keptPart is one share of the kept memory and how it was found.
type keptPart struct {
	name  string
	bytes int64
}

// countLinks returns the links and ids of every summary, and how many of
// the links are distinct once their line is set aside.
func countLinks(site *page.Site) (links, ids, distinct int) {
	seen := map[page.LinkRef]bool{}
	for _, s := range site.Summaries() {
		links += len(s.Links)
		ids += len(s.IDs)
		for _, l := range s.Links {
			l.Line = 0
			seen[l] = true
		}
	}
	return links, ids, len(seen)
}

// held is what the measurement holds, in fields so that dropping one is plain.
type held struct {
	site     *page.Site
	runner   *checks.Runner
	findings []checks.Finding
	sums     []*page.Summary
}

func measureKept(b *testing.B, dir, mode string) {
	start := heapInUse()
	h := &held{}
	h.site, h.runner = readSite(b, dir, mode)
	site := h.site
	pages := site.Len()
	read := heapInUse() - start
	if prefix := os.Getenv("PAGELINT_HEAPPROFILE"); prefix != "" {
		writeHeapProfile(b, prefix+"-"+mode+".pprof")
	}
	var err error
	h.findings, err = h.runner.Finish()
	if err != nil {
		b.Fatal(err)
	}
	finished := heapInUse() - start
	nFindings := len(h.findings)
	var findingBytes int64 // estimated: the structs and their own strings
	for _, f := range h.findings {
		findingBytes += int64(unsafe.Sizeof(f)) + int64(len(f.Message)+len(f.Fingerprint)+len(f.URL)+len(f.Target)+len(f.TargetKey))
	}
	links, ids, distinct := countLinks(site)
	// The runner holds the findings (and the suppressions); the Site holds
	// the rest.
	h.findings, h.runner = nil, nil
	afterRunner := heapInUse() - start
	// Clear one field of every summary at a time; what the collector then
	// frees is what that field held (strings shared with another field are
	// counted with the first one cleared).
	h.sums = site.Summaries()
	var parts []keptPart
	last := afterRunner
	drop := func(name string, f func(s *page.Summary)) {
		for _, s := range h.sums {
			f(s)
		}
		now := heapInUse() - start
		parts = append(parts, keptPart{name, last - now})
		last = now
	}
	drop("Links[].Evidence", func(s *page.Summary) {
		for k := range s.Links {
			s.Links[k].Evidence = ""
		}
	})
	drop("Links[].Raw", func(s *page.Summary) {
		for k := range s.Links {
			s.Links[k].Raw = ""
		}
	})
	drop("Links[].Target, Fragment", func(s *page.Summary) {
		for k := range s.Links {
			s.Links[k].Target, s.Links[k].Fragment = "", ""
		}
	})
	drop("Links (the LinkRef slice)", func(s *page.Summary) { s.Links = nil })
	drop("IDs", func(s *page.Summary) { s.IDs = nil })
	drop("Excerpts", func(s *page.Summary) { s.Excerpts = nil })
	drop("Lead", func(s *page.Summary) { s.Lead = "" })
	drop("Facts (description, canonical, alternates)", func(s *page.Summary) { s.Facts = page.Facts{} })
	drop("Title, H1", func(s *page.Summary) { s.Title, s.H1 = "", "" })
	// What is left: the Summary structs and their URL, Path and File, the
	// Site's maps, the link results, the runner's own state. Moving the
	// summaries to a new Site and dropping the old one and the runner
	// separates the link results and maps from the summaries.
	fresh := page.NewSite(site.Root, site.Mode, site.Absolute)
	for _, s := range h.sums {
		fresh.AddPage(s)
	}
	h.sums, h.site, site = nil, nil, nil
	now := heapInUse() - start
	parts = append(parts, keptPart{"link results, aliases, the Site's other maps", last - now})
	parts = append(parts, keptPart{"Summary structs, URL, Path, File, pages map", now})
	runtime.KeepAlive(fresh)

	per := func(v int64) float64 { return float64(v) / float64(pages) }
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(per(read), "kept-B/page")
	b.ReportMetric(per(finished), "total-B/page")
	var out strings.Builder
	fmt.Fprintf(&out, "%s of %s: %d pages, %d findings, %.1f links and %.1f ids a page (a LinkRef is %d bytes)\n",
		mode, dir, pages, nFindings, float64(links)/float64(pages), float64(ids)/float64(pages), unsafe.Sizeof(page.LinkRef{}))
	// What a site-wide table of distinct links (line aside) and a (link
	// index, line) pair of 8 bytes per link on each page would cost instead
	// of the LinkRef slices, their strings not counted in either.
	fmt.Fprintf(&out, "  %d distinct links (line aside) of %d: a table of them and 8 B a link would keep %.0f B/page of LinkRef instead of %.0f\n",
		distinct, links, per(int64(distinct)*int64(unsafe.Sizeof(page.LinkRef{}))+int64(links)*8),
		per(int64(links)*int64(unsafe.Sizeof(page.LinkRef{}))))
	fmt.Fprintf(&out, "  heap in use after reading every page %.1f MB (%.0f B/page), after the site rules %.1f MB (%.0f B/page)\n",
		float64(read)/1e6, per(read), float64(finished)/1e6, per(finished))
	fmt.Fprintf(&out, "  %-48s %8.1f MB %7.0f B/page (findings alone, estimated: %.0f B each)\n", "runner: findings, suppressions",
		float64(finished-afterRunner)/1e6, per(finished-afterRunner), float64(findingBytes)/float64(max(nFindings, 1)))
	for _, p := range parts {
		fmt.Fprintf(&out, "  %-48s %8.1f MB %7.0f B/page\n", p.name, float64(p.bytes)/1e6, per(p.bytes))
	}
	fmt.Print(out.String()) // b.Log would cut it to ten lines
}

func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}
