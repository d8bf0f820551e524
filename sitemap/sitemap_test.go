package sitemap

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
)

const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc> https://example.org/ </loc>
    <lastmod>2026-05-01</lastmod>
    <changefreq>weekly</changefreq>
  </url>
  <url><loc>https://example.org/a?x=1&amp;y=2</loc></url>
  <url><lastmod>2026-05-01</lastmod></url>
</urlset>
`

func TestParseURLSet(t *testing.T) {
	sm, err := Read([]byte(urlset))
	if err != nil {
		t.Fatal(err)
	}
	if sm.Kind != KindURLSet || sm.Namespace != Namespace || sm.Gzip {
		t.Errorf("kind %q ns %q gzip %v", sm.Kind, sm.Namespace, sm.Gzip)
	}
	want := []Entry{
		{Loc: "https://example.org/", LastMod: "2026-05-01", Line: 3},
		{Loc: "https://example.org/a?x=1&y=2", Line: 8},
	}
	if fmt.Sprint(sm.Entries) != fmt.Sprint(want) {
		t.Errorf("entries = %+v, want %+v", sm.Entries, want)
	}
	if len(sm.Problems) != 1 || sm.Problems[0].Line != 9 || !strings.Contains(sm.Problems[0].Message, "without a <loc>") {
		t.Errorf("problems = %+v", sm.Problems)
	}
	if sm.Count != 3 || sm.Size != int64(len(urlset)) {
		t.Errorf("count %d size %d", sm.Count, sm.Size)
	}
}

func TestIndexAndGzip(t *testing.T) {
	doc := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.org/s1.xml.gz</loc><lastmod>2026-01-02T10:00:00+00:00</lastmod></sitemap></sitemapindex>`
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(doc))
	zw.Close()
	sm, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !sm.Gzip || sm.Kind != KindIndex || len(sm.Entries) != 1 || sm.Entries[0].Loc != "https://example.org/s1.xml.gz" {
		t.Errorf("%+v", sm)
	}
	if _, err := Read([]byte{0x1f, 0x8b, 0, 1}); err == nil {
		t.Error("bad gzip must fail")
	}
}

func TestProblems(t *testing.T) {
	cases := map[string]string{
		`<urlset><url><loc>https://e.org/</loc></url></urlset>`:                                                    `namespace is "none"`,
		`<urlset xmlns="http://www.google.com/schemas/sitemap/0.84"></urlset>`:                                     `want "http://www.sitemaps.org/schemas/sitemap/0.9"`,
		`<rss version="2.0"><channel></channel></rss>`:                                                             `root element is <rss>`,
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>a</loc><loc>b</loc></url></urlset>`: "more than one <loc>",
	}
	for doc, want := range cases {
		sm, err := Read([]byte(doc))
		if err != nil {
			t.Errorf("%s: %v", doc, err)
			continue
		}
		var msgs []string
		for _, p := range sm.Problems {
			msgs = append(msgs, p.Message)
		}
		if !strings.Contains(strings.Join(msgs, "|"), want) {
			t.Errorf("%s: problems %q, want %q", doc, msgs, want)
		}
	}
}

func TestNotWellFormed(t *testing.T) {
	for _, doc := range []string{
		"",
		"<!DOCTYPE html><html><body><p>Not found<br></body></html>",
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.org/?a=1&b=2</loc></url></urlset>`,
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x</loc></url>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><urlset/>`,
	} {
		_, err := Read([]byte(doc))
		if !errors.Is(err, ErrNotXML) {
			t.Errorf("%q: err = %v, want ErrNotXML", doc, err)
		}
	}
}

func TestTooManyEntries(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range MaxEntries + 2 {
		fmt.Fprintf(&b, "<url><loc>https://e.org/%d</loc></url>\n", i)
	}
	b.WriteString("</urlset>")
	sm, err := Read([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if sm.Count != MaxEntries+2 || len(sm.Entries) != MaxEntries {
		t.Errorf("count %d kept %d", sm.Count, len(sm.Entries))
	}
	if len(sm.Problems) != 1 || !strings.Contains(sm.Problems[0].Message, "50002 entries, over the limit of 50000") {
		t.Errorf("problems %+v", sm.Problems)
	}
}

func TestParseLastMod(t *testing.T) {
	good := []string{"2026", "2026-05", "2026-05-01", "2026-05-01T10:30Z", "2026-05-01T10:30:15+02:00", "2026-05-01T10:30:15.25-05:00"}
	bad := []string{"", "05/01/2026", "2026-5-1", "2026-05-01 10:30:00", "2026-05-01T10:30:15", "May 1, 2026", "2026-13-01"}
	for _, s := range good {
		if _, ok := ParseLastMod(s); !ok {
			t.Errorf("ParseLastMod(%q) failed", s)
		}
	}
	for _, s := range bad {
		if _, ok := ParseLastMod(s); ok {
			t.Errorf("ParseLastMod(%q) accepted", s)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(urlset))
	f.Add([]byte(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>x</loc></sitemap></sitemapindex>`))
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, _ := Read(data)
		if sm == nil {
			t.Fatal("nil sitemap")
		}
		if len(sm.Entries) > sm.Count || len(sm.Entries) > MaxEntries {
			t.Fatalf("%d entries of %d", len(sm.Entries), sm.Count)
		}
	})
}
