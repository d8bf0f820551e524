// Command gensite writes a synthetic site of N pages with the markup of a
// typical WordPress theme: a menu rendered three times, related-post cards
// with excerpts, images, a reviewer byline and a footer. It is the
// benchmark corpus whose size can grow to 100k pages.
//
//	go run ./bench/gensite -n 10000 -out /tmp/site-10k
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields(`listening repair trust boundaries evening quiet partner habit argument apology
small weeks attention conversation honest kind patient season practice answer question morning calendar
promise shared weekend garden coffee letter distance return change gentle careful steady simple`)

func main() {
	n := flag.Int("n", 1000, "number of article pages")
	out := flag.String("out", "", "output folder (must not exist)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gensite -n N -out DIR")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gensite: %s exists\n", *out)
		os.Exit(2)
	}
	rng := rand.New(rand.NewPCG(1, uint64(*n)))
	if err := write(*out, *n, rng); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}

func sentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func postPath(i int) string { return fmt.Sprintf("/blog/post-%06d/", i) }

func menu(class, label string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<nav class=%q aria-label=%q><ul class=\"menu\">\n", class, label)
	for i, item := range []string{"Home", "Blog", "Counseling", "Workshops", "About", "Contact"} {
		href := []string{"/", "/blog/", "/blog/post-000001/", "/blog/post-000002/", "/about/", "/contact/"}[i]
		fmt.Fprintf(&b, "<li class=\"menu-item menu-item-%d\"><a href=%q>%s</a></li>\n", 100+i, href, item)
	}
	b.WriteString("</ul></nav>\n")
	return b.String()
}

func page(title, body string) string {
	return `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>` + title + ` | Synthetic Clinic</title>
<meta name="description" content="` + title + `: notes from the synthetic clinic blog, written for benchmarks.">
<link rel="stylesheet" href="/css/site.css"></head>
<body><header class="site-header">` + menu("main-menu", "Main Menu") + menu("main-menu sticky", "Main Menu Sticky") +
		menu("mobile-menu", "Main Menu Mobile") + `</header>
<main id="content">` + body + `</main>
<footer class="site-footer"><p>&copy; 2019 - 2026 Synthetic Clinic</p></footer></body></html>
`
}

func write(out string, n int, rng *rand.Rand) error {
	put := func(rel, content string) error {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(content), 0o644)
	}
	for _, f := range []struct{ rel, body string }{
		{"css/site.css", "body{font-family:sans-serif}\n"},
		{"img/photo.png", "not a real image\n"},
		{"about/index.html", page("About", "<h1>About</h1><p>"+sentence(rng, 30)+"</p>")},
		{"contact/index.html", page("Contact", "<h1>Contact</h1><p>"+sentence(rng, 20)+"</p>")},
	} {
		if err := put(f.rel, f.body); err != nil {
			return err
		}
	}
	// The blog index lists every post, 100 to a page of the listing.
	var idx strings.Builder
	idx.WriteString("<h1>Blog</h1>\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&idx, "<article class=\"post-card\"><h2><a href=%q>Post %d</a></h2></article>\n", postPath(i), i)
	}
	if err := put("index.html", page("Home", "<h1>Home</h1><p><a href=\"/blog/\">Blog</a></p>")); err != nil {
		return err
	}
	if err := put("blog/index.html", page("Blog", idx.String())); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		var b strings.Builder
		w := &b
		title := fmt.Sprintf("Post %d: %s", i, sentence(rng, 5))
		fmt.Fprintf(w, "<article class=\"post\"><h1>%s</h1>\n", title)
		fmt.Fprintf(w, "<p class=\"byline\">Reviewed by <a href=\"/about/\">Dana Whitfield, LMFT</a> on March %d, 2026</p>\n", 1+i%28)
		w.WriteString("<div class=\"entry-content\">\n")
		for range 8 {
			fmt.Fprintf(w, "<p>%s %s</p>\n", sentence(rng, 25), sentence(rng, 18))
		}
		w.WriteString("<img src=\"/img/photo.png\" alt=\"A quiet room\" srcset=\"/img/photo.png 1x, /img/photo.png 2x\">\n")
		if i%50 == 0 {
			w.WriteString("<p><a href=\"/blog/removed-post/\">an older post</a></p>\n") // a broken link now and then
		}
		w.WriteString("</div></article>\n<section class=\"related-posts\"><h3>Related Posts</h3>\n")
		for k := range 3 {
			j := 1 + (i+k*7)%n
			fmt.Fprintf(w, "<div class=\"card\"><h4><a href=%q>Post %d</a></h4><p class=\"excerpt\">%s</p><a class=\"read-more\" href=%q>Read more about post %d</a></div>\n",
				postPath(j), j, sentence(rng, 12), postPath(j), j)
		}
		w.WriteString("</section>\n")
		if err := put(strings.TrimPrefix(postPath(i), "/")+"index.html", page(title, b.String())); err != nil {
			return err
		}
	}
	return nil
}
