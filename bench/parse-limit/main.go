// Command parse-limit reads and parses every HTML page of a corpus with
// golang.org/x/net/html on all cores, and nothing else. Its pages/s is the
// ceiling that pagelint's own figures are compared to in bench/README.md.
//
//	go run ./bench/parse-limit CORPUS_DIR
//	GOGC=400 go run ./bench/parse-limit CORPUS_DIR
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/html"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parse-limit CORPUS_DIR")
		os.Exit(2)
	}
	var files []string
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parse-limit:", err)
		os.Exit(2)
	}
	start := time.Now()
	var bytesRead, pages atomic.Int64
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range jobs {
				raw, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				if _, err := html.Parse(bytes.NewReader(raw)); err == nil {
					pages.Add(1)
					bytesRead.Add(int64(len(raw)))
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	secs := time.Since(start).Seconds()
	gogc := os.Getenv("GOGC")
	if gogc == "" {
		gogc = "default"
	}
	fmt.Printf("parse-limit GOGC=%s: %d pages, %.1f MB in %.2fs: %.0f pages/s, %.1f MB/s\n",
		gogc, pages.Load(), float64(bytesRead.Load())/1e6, secs, float64(pages.Load())/secs, float64(bytesRead.Load())/1e6/secs)
}
