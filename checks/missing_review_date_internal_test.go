package checks

import (
	"strings"
	"testing"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

func TestReviewerNameTokens(t *testing.T) {
	tests := []struct {
		in     string
		linked bool
		want   string
	}{
		{"Dana Whitfield", false, "Dana Whitfield"},
		{"Dana Whitfield, MD — Written by Sam", false, "Dana Whitfield"},
		{"Priya Raman MD on June 3, 2025", false, "Priya Raman"},
		{"Dr. med. Jana Krüger am 3. Juni 2025", false, "Dr. med. Jana Krüger"},
		{"Dr. Chen", false, "Dr. Chen"},
		{"Gregor Haas. Thanks also to", false, "Gregor Haas"},
		{"Sarah K. Lee", false, "Sarah K. Lee"},
		{"Jane Roe MS", false, "Jane Roe"},
		{"Maria do Carmo Silva", false, "Maria do Carmo Silva"},
		{"Olu Bello PhD, RD", false, "Olu Bello"},
		{"Anna van der Berg", false, "Anna van der Berg"},
		{"María José de la Cruz y Ortega", false, "María José de la Cruz y Ortega"},
		{"J. R. O'Neill-Park", false, "J. R. O'Neill-Park"},
		{"Our Editorial Team", false, "Our Editorial Team"},
		{"Gal", true, "Gal"},
		{"Gal", false, ""},
		{"120 customers", false, ""},
		{"the core team", false, ""},
		{"Updated On", false, ""},
		{"Customers", false, ""},
		{"", false, ""},
		{"Lena de", false, ""},
	}
	for _, tt := range tests {
		if got := reviewerNameTokens(tt.in, tt.linked); got != tt.want {
			t.Errorf("reviewerNameTokens(%q, %v) = %q, want %q", tt.in, tt.linked, got, tt.want)
		}
	}
}

// bylinesOf parses a body fragment and returns "name@label-tag" for each
// byline found.
func bylinesOf(t *testing.T, fragment string) []string {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<!doctype html><html><body>" + fragment + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
	ft := flatten(body, skipForBylines)
	main, ok := ft.spanOf(dom.Main(root))
	if !ok {
		main = flatSpan{0, len(ft.text)}
	}
	var out []string
	for _, b := range findBylines(ft, main, shownDates(ft, body)) {
		out = append(out, b.name+"@"+b.label.Data)
	}
	return out
}

func TestFindBylines(t *testing.T) {
	filler := "<p>" + strings.Repeat("Plain prose about the topic at hand, long enough to push things into the middle. ", 8) + "</p>"
	tests := []struct {
		name, html string
		want       []string
	}{
		{"glued spans", `<div><span>Reviewed By: </span><span>Dana Whitfield</span><span>Updated On</span><span>June 27, 2025</span></div>`,
			[]string{"Dana Whitfield@span"}},
		{"name cut at glued element", `<div class="reviewer">Reviewed By: Dana Whitfield<span>Updated On</span></div>`,
			[]string{"Dana Whitfield@div"}},
		{"linked single name", `<p class="byline">Reviewed by <a href="/team/gal/">Gal</a></p>`, []string{"Gal@p"}},
		{"unlinked single name", `<p class="byline">Reviewed by Gal</p>`, nil},
		{"after separator", `<p>Written by <a href="/a/">Sam Ortega</a> | Reviewed by <a href="/b/">Lena Osei</a></p>`,
			[]string{"Lena Osei@p"}},
		{"mid-sentence", `<p>Patch by Ada Lindqvist, reviewed by Tomas Brenner.</p>`, nil},
		{"lower-case in prose", `<p>The guide was reviewed by Dr. Chen Wu last year.</p>`, nil},
		{"customer count", `<p>Reviewed by 120 customers</p>`, nil},
		{"label heading ending in a colon", `<div class="reviewer-box"><h4>Reviewed By:</h4><p><a href="/team/x/">Dana Whitfield</a></p></div>`, []string{"Dana Whitfield@h4"}},
		{"teaser card", `<article><h2><a href="/post/">Post</a></h2><p class="meta">Medically reviewed by Rosa Lind</p></article>`, nil},
		{"list intro", filler + `<p>Reviewed by Gregor Haas and Mei Tanaka:</p>` + filler, nil},
		{"plain credit mid-document", filler + `<p>Reviewed by Gregor Haas.</p>` + filler, nil},
		{"qualified label mid-document", filler + `<p>Medically reviewed by Gregor Haas.</p>` + filler, []string{"Gregor Haas@p"}},
		{"peer review mid-document", filler + `<p>Peer reviewed by Gregor Haas.</p>` + filler, nil},
		{"peer review at the top", `<p>Peer reviewed by Gregor Haas</p>` + filler + filler, []string{"Gregor Haas@p"}},
		{"testimonial quote", `<p>“Great care and kind staff.” — Reviewed by Petra Lindqvist</p>`, nil},
		{"stars", `<p>Reviewed by Jonas Eklund ★★★★★</p>`, nil},
		{"itemtype Review", `<div itemscope itemtype="https://schema.org/Review"><p>Reviewed by Jonas Eklund</p></div>`, nil},
		{"woocommerce review", `<ol class="commentlist"><li class="review"><p class="meta">Reviewed by <strong class="woocommerce-review__author">Harriet Vale</strong></p></li></ol>`, nil},
		{"blockquote", `<blockquote><p>Reviewed by Jonas Eklund</p></blockquote>`, nil},
		{"hidden", `<div style="display:none">Medically reviewed by Rosa Lind</div>`, nil},
		{"screen reader only", `<span class="sr-only">Medically reviewed by Rosa Lind</span>`, nil},
		{"site footer", `<footer class="site-footer"><p>Medically reviewed by Rosa Lind</p></footer>`, nil},
		{"article footer", `<article><h1>T</h1>` + filler + `<footer class="entry-footer"><p>Medically reviewed by Rosa Lind</p></footer></article>`,
			[]string{"Rosa Lind@p"}},
		{"code", `<pre># Medically reviewed by Rosa Lind</pre>`, nil},
		{"german", `<p>Medizinisch geprüft von <a href="/x/">Dr. med. Jana Krüger</a></p>`, []string{"Dr. med. Jana Krüger@p"}},
		{"french", `<p class="auteur">Relu par Claire Martin</p>`, []string{"Claire Martin@p"}},
		{"spanish", `<p class="autor">Revisado por María José de la Cruz</p>`, []string{"María José de la Cruz@p"}},
		{"reviewer colon", `<div class="article-meta">Medical reviewer: <a href="/x/">Ines Moreau, MD</a></div>`, []string{"Ines Moreau@div"}},
	}
	for _, tt := range tests {
		got := bylinesOf(t, tt.html)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: bylines = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestReadReviewData(t *testing.T) {
	tests := []struct {
		name, html string
		want       string // "name:dated" per reviewer, then "|last" when lastReviewed is present
	}{
		{"plain", `<script type="application/ld+json">{"@type":"MedicalWebPage","reviewedBy":{"@type":"Person","name":"Lena Osei"},"lastReviewed":"2025-05-20"}</script>`,
			"Lena Osei:true|last"},
		{"graph with @id", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage","@id":"#wp","reviewedBy":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Nadia Brook"}]}</script>`,
			"Nadia Brook:false"},
		{"graph split by @id", `<script type="application/ld+json">{"@graph":[{"@id":"#wp","reviewedBy":"#p"},{"@id":"#p","name":"Sam"},{"@id":"#wp","lastReviewed":"2025-01-01"}]}</script>`,
			"Sam:true|last"},
		{"top-level array and string", `<script type="application/ld+json">[{"@type":"WebPage","reviewedBy":["Ana Ruiz","Ben Cole"]}]</script>`,
			"Ana Ruiz:false,Ben Cole:false"},
		{"html comment wrapper", "<script type=\"application/ld+json\"><!--\n{\"reviewedBy\":{\"name\":\"Kai\"}}\n--></script>", "Kai:false"},
		{"broken json", `<script type="application/ld+json">{"reviewedBy": </script>`, ""},
		{"microdata", `<div itemscope itemtype="https://schema.org/MedicalWebPage"><span itemprop="reviewedBy" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ines Moreau</span></span><meta itemprop="lastReviewed" content="2025-04-07"></div>`,
			"Ines Moreau:true|last"},
		{"microdata undated", `<div itemscope><span itemprop="reviewedBy">Ines Moreau</span></div>`, "Ines Moreau:false"},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<!doctype html><html><head></head><body>" + tt.html + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		rd := readReviewData(root)
		var parts []string
		for _, r := range rd.reviewers {
			d := "false"
			if r.dated {
				d = "true"
			}
			parts = append(parts, r.name+":"+d)
		}
		got := strings.Join(parts, ",")
		if rd.lastReviewed {
			got += "|last"
		}
		if got != tt.want {
			t.Errorf("%s: readReviewData = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzBylines runs the byline machinery over arbitrary markup: it must not
// panic on offsets, however the text and elements interleave.
func FuzzBylines(f *testing.F) {
	for _, s := range []string{
		`<div><span>Reviewed By: </span>Dana Whitfield<span>Updated On</span><span>June 27, 2025</span></div>`,
		`<p>Medically reviewed by <a href="/x">Priya Raman, MD</a> — Updated on <time datetime="2025-03-04">March 4, 2025</time></p>`,
		`<p>Reviewed by<b></b><i> </i>Gal Sz<span>ekely</span> on 03/04/2025</p>`,
		`<script type="application/ld+json">{"@graph":[{"reviewedBy":{"@id":"#p"}},{"@id":"#p","name":"N"}]}</script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		root, err := html.Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		body := dom.Find(root, func(n *html.Node) bool { return n.Data == "body" })
		if body == nil {
			return
		}
		readReviewData(root)
		ft := flatten(body, skipForBylines)
		dates := shownDates(ft, body)
		hasVisibleReviewDate(ft, dates)
		for _, b := range findBylines(ft, flatSpan{0, len(ft.text)}, dates) {
			judgeBylineScope(ft, dates, b)
		}
	})
}
