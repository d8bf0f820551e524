// Command gensite writes a synthetic site of N blog posts with the markup of
// a typical WordPress theme (see package bench/synth): the benchmark corpus
// whose size can grow to 100k pages. bench/synthetic.sh runs it and then
// bench/run.sh.
//
//	go run ./bench/gensite -n 10000 -out /tmp/site-10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pagelint/pagelint/bench/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of blog posts (the site has about 1.1 times as many pages: listings, archives, static pages)")
	out := flag.String("out", "", "output folder (must not exist)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gensite -n N -out DIR")
		os.Exit(2)
	}
	if err := synth.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d pages (%d posts)\n", *out, synth.Pages(*n), *n)
}
