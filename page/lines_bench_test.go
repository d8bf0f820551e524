package page

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pagelint/pagelint/bench/synth"
	"golang.org/x/net/html"
)

// What line numbers cost (issue 7): x/net/html keeps no source positions,
// so buildLineIndex scans the source a second time and matches its start
// tags to the tree. These benchmarks put that second pass next to the parse
// it follows, on a synthetic WordPress post and, when PAGELINT_BENCH_PAGES
// names HTML files (a glob, e.g. "/tmp/debian/python/library/*.html"), on
// those files too:
//
//	go test ./page -run '^$' -bench 'Lines' -benchmem
//
// Parse is html.Parse alone; ParseAndLines adds the line index; LineIndex
// and ScanStartTags are the index alone and its byte scan alone, on a tree
// parsed beforehand. bench/README.md records the figures.

type benchPage struct {
	name string
	src  []byte
}

func linesBenchPages(b *testing.B) []benchPage {
	pages := []benchPage{{"synthetic-post", []byte(synth.PostPage(5000, 10000))}}
	if glob := os.Getenv("PAGELINT_BENCH_PAGES"); glob != "" {
		files, err := filepath.Glob(glob)
		if err != nil {
			b.Fatal(err)
		}
		var all []byte
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			all = append(all, src...)
			all = append(all, 0) // a separator no page has
		}
		if len(files) > 0 {
			pages = append(pages, benchPage{"files", all})
		}
	}
	return pages
}

// docs splits a benchPage back into its documents (one for the synthetic post).
func (p benchPage) docs() [][]byte { return bytes.Split(bytes.TrimSuffix(p.src, []byte{0}), []byte{0}) }

func parseAll(b *testing.B, docs [][]byte) []*html.Node {
	roots := make([]*html.Node, len(docs))
	for k, d := range docs {
		root, err := html.Parse(bytes.NewReader(d))
		if err != nil {
			b.Fatal(err)
		}
		roots[k] = root
	}
	return roots
}

// cpuTime is the CPU time of the process, user and system: unlike ns/op it
// hardly moves when other work shares the machine, and it counts the
// collector's work on other threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchLines(b *testing.B, run func(b *testing.B, docs [][]byte, roots []*html.Node)) {
	for _, p := range linesBenchPages(b) {
		b.Run(p.name, func(b *testing.B) {
			docs := p.docs()
			roots := parseAll(b, docs)
			b.SetBytes(int64(len(p.src)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				run(b, docs, roots)
			}
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkLinesParse(b *testing.B) {
	benchLines(b, func(b *testing.B, docs [][]byte, _ []*html.Node) { parseAll(b, docs) })
}

func BenchmarkLinesParseAndLines(b *testing.B) {
	benchLines(b, func(b *testing.B, docs [][]byte, _ []*html.Node) {
		for k, root := range parseAll(b, docs) {
			buildLineIndex(root, docs[k])
		}
	})
}

func BenchmarkLinesLineIndex(b *testing.B) {
	benchLines(b, func(_ *testing.B, docs [][]byte, roots []*html.Node) {
		for k, root := range roots {
			buildLineIndex(root, docs[k])
		}
	})
}

func BenchmarkLinesScanStartTags(b *testing.B) {
	benchLines(b, func(_ *testing.B, docs [][]byte, _ []*html.Node) {
		for _, d := range docs {
			scanStartTags(d)
		}
	})
}

// BenchmarkLinesPageParse is page.Parse (parse, goquery wrapper, links)
// followed by the line of every link, as Summarize asks for them.
func BenchmarkLinesPageParse(b *testing.B) {
	u, _ := url.Parse("https://clinic.example/blog/post-005000/")
	benchLines(b, func(b *testing.B, docs [][]byte, _ []*html.Node) {
		for _, d := range docs {
			p, err := Parse(u, d)
			if err != nil {
				b.Fatal(err)
			}
			for _, l := range p.Links {
				p.Line(l.Node)
			}
		}
	})
}
