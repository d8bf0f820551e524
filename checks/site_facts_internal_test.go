package checks

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/page"
)

// hashOf hashes words as siteFactsRecord does.
func hashOf(words []string) (exact, sim uint64) {
	w := newSiteWords()
	for _, word := range words {
		w.add(word)
	}
	return siteFactsHashes(w)
}

func TestSiteFactsHashes(t *testing.T) {
	words := strings.Fields(strings.Repeat("the quick brown fox jumps over the lazy dog near the river bank ", 8))
	e1, s1 := hashOf(words)
	e2, s2 := hashOf(append([]string(nil), words...))
	if e1 != e2 || s1 != s2 {
		t.Fatal("hashes must be deterministic")
	}
	edited := append([]string(nil), words...)
	edited[40] = "cat"
	e3, s3 := hashOf(edited)
	if e3 == e1 {
		t.Error("exact hash must change with a word")
	}
	if d := siteFactsDistance(s1, s3); d > 3 {
		t.Errorf("one word in %d: distance %d, want <= 3", len(words), d)
	}
	other := strings.Fields(strings.Repeat("pack my box with five dozen liquor jugs and then sail away quickly ", 8))
	_, s4 := hashOf(other)
	if d := siteFactsDistance(s1, s4); d <= 10 {
		t.Errorf("unrelated texts: distance %d, want > 10", d)
	}
	if e, s := hashOf(nil); e != 0 || s != 0 {
		t.Error("no words: zero hashes")
	}
}

func TestSiteFactsPageURL(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://e.org/blog/page/2/":         true,
		"https://e.org/category/news/page/3": true,
		"https://e.org/list?page=2":          true,
		"https://e.org/list?x=1&paged=4":     true,
		"https://e.org/?p=123":               false,
		"https://e.org/page/about/":          false,
		"https://e.org/pages/2/":             false,
		"https://e.org/library/os.html":      false,
	} {
		u, _ := url.Parse(raw)
		if got := siteFactsPageURL(u); got != want {
			t.Errorf("siteFactsPageURL(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestSiteFactsSeries(t *testing.T) {
	sums := func(paths ...string) []*page.Summary {
		var out []*page.Summary
		for _, p := range paths {
			out = append(out, &page.Summary{Path: p})
		}
		return out
	}
	cases := []struct {
		paths []string
		want  bool
	}{
		{[]string{"/genindex.html", "/genindex-A.html", "/genindex-B.html", "/genindex-all.html", "/genindex-Symbols.html", "/genindex-_.html"}, true},
		{[]string{"/docs/genindex-A.html", "/docs/genindex-B.html"}, true},
		{[]string{"/about.html", "/about-2.html"}, false}, // WordPress duplicate slug
		{[]string{"/about.html", "/team.html"}, false},
		{[]string{"/genindex.html", "/genindex.html"}, false}, // no suffix at all
		{[]string{"/a/genindex-A.html", "/b/genindex-B.html"}, false},
		{[]string{"/product-red.html", "/product-blue.html"}, false},
	}
	for _, c := range cases {
		if got := siteFactsOneSeries(sums(c.paths...)); got != c.want {
			t.Errorf("%v: %v, want %v", c.paths, got, c.want)
		}
	}
}

func TestSiteFactsHeaderNoindex(t *testing.T) {
	for v, want := range map[string]bool{
		"noindex":            true,
		"none":               true,
		"googlebot: noindex": true,
		"otherbot: noindex":  false,
		"max-snippet: 20":    false,
		"unavailable_after: 25 Jun 2010 15:00:00 PST": false,
		"index, follow":        false,
		"noarchive, nosnippet": false,
	} {
		if got := siteFactsHeaderNoindex(map[string][]string{"X-Robots-Tag": {v}}); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}

// TestSiteWordsStreamingMatchesJoined checks the streaming hashes against
// the definition: FNV-1a of the words joined by spaces, and a SimHash over
// the FNV-1a of each run of three joined words (one run when fewer).
func TestSiteWordsStreamingMatchesJoined(t *testing.T) {
	var long strings.Builder // over 255 shingles: the packed counters flush
	for i := range 1000 {
		fmt.Fprintf(&long, "w%d ", i%37*i%11)
	}
	for _, text := range []string{"One", "one two", "one two three", "Ünïcode Wörds and MORE words 42 here again", long.String()} {
		words := strings.Fields(strings.ToLower(text))
		ref := func(ws []string) uint64 {
			h := fnv.New64a()
			h.Write([]byte(strings.Join(ws, " ")))
			return h.Sum64()
		}
		var votes [64]int
		for i := range max(1, len(words)-2) {
			v := ref(words[i:min(len(words), i+3)])
			for b := range 64 {
				votes[b] += int(v>>b&1)*2 - 1
			}
		}
		var wantSim uint64
		for b := range 64 {
			if votes[b] > 0 {
				wantSim |= 1 << b
			}
		}
		exact, sim := hashOf(strings.Fields(text))
		if exact != ref(words) || sim != wantSim {
			t.Errorf("%q: hashes %x/%x, want %x/%x", text, exact, sim, ref(words), wantSim)
		}
	}
}
