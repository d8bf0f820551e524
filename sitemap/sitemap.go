// Package sitemap reads XML sitemaps and sitemap indexes as sitemaps.org
// defines them: a <urlset> of <url><loc> entries or a <sitemapindex> of
// <sitemap><loc> entries, in the sitemaps.org namespace, gzip allowed, at
// most 50,000 entries and 50 MB uncompressed. It records every departure
// from the protocol as a Problem with its line, so a linter can report
// them, and still returns the entries it could read.
//
// The package does no I/O beyond the reader it is given.
package sitemap

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// The protocol's limits and namespace.
const (
	MaxEntries = 50000
	MaxBytes   = 52428800 // 50 MB uncompressed, as sitemaps.org counts it
	Namespace  = "http://www.sitemaps.org/schemas/sitemap/0.9"
)

// Kinds of sitemap.
const (
	KindURLSet = "urlset"
	KindIndex  = "sitemapindex"
)

// A Sitemap is one parsed sitemap file.
type Sitemap struct {
	Kind      string // KindURLSet, KindIndex, or the unexpected root element's name
	Namespace string // namespace of the root element
	Entries   []Entry
	Problems  []Problem
	Gzip      bool  // the input was gzip-compressed
	Size      int64 // uncompressed bytes read
	// Count is the number of entries in the file, which may exceed
	// len(Entries) when the file is over MaxEntries (the rest are not kept).
	Count int
	// ErrLine is the line where the XML stopped being well-formed, when
	// Read or Parse returned an error.
	ErrLine int
}

// An Entry is one <url> or <sitemap> element.
type Entry struct {
	Loc     string // the <loc> text, trimmed
	LastMod string // the <lastmod> text, trimmed; "" when absent
	Line    int    // line of the <url> or <sitemap> element
}

// A Problem is a departure from the protocol.
type Problem struct {
	Line    int // 0 when it concerns the whole file
	Message string
}

// ErrNotXML is returned, wrapped, when the input is not well-formed XML.
var ErrNotXML = errors.New("not well-formed XML")

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// Read parses a sitemap from data, decompressing it first when it is
// gzip. An error means nothing usable was read (bad gzip, XML that is not
// well-formed before the root element closes); entries read before an
// XML error are still returned with it.
func Read(data []byte) (*Sitemap, error) {
	var r io.Reader = bytes.NewReader(data)
	gz := bytes.HasPrefix(data, gzipMagic)
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return &Sitemap{Gzip: true}, fmt.Errorf("gzip: %w", err)
		}
		r = zr
	}
	sm, err := Parse(io.LimitReader(r, MaxBytes+1))
	sm.Gzip = gz
	if sm.Size > MaxBytes {
		sm.Problems = append(sm.Problems, Problem{Message: fmt.Sprintf("uncompressed size is over the limit of %d bytes (50 MB); the rest was not read", MaxBytes)})
		err = nil // the cut, not the file, ended the XML
	}
	return sm, err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Parse reads an uncompressed sitemap.
func Parse(r io.Reader) (*Sitemap, error) {
	cr := &countingReader{r: r}
	sm := &Sitemap{}
	dec := xml.NewDecoder(cr)
	dec.Strict = true
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q: sitemaps must be UTF-8", label)
	}
	var (
		depth   int
		entry   *Entry
		field   string // "loc" or "lastmod" inside an entry
		text    strings.Builder
		hasLoc  bool
		childEl string // "url" or "sitemap"
	)
	err := func() error {
		for {
			line, _ := dec.InputPos()
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				if sm.Kind == "" {
					return fmt.Errorf("%w: no root element", ErrNotXML)
				}
				return nil
			}
			if err != nil {
				var se *xml.SyntaxError
				if errors.As(err, &se) {
					sm.ErrLine = se.Line
				} else {
					sm.ErrLine, _ = dec.InputPos()
				}
				return fmt.Errorf("%w: %w", ErrNotXML, err)
			}
			switch t := tok.(type) {
			case xml.StartElement:
				depth++
				switch depth {
				case 1:
					sm.Kind = t.Name.Local
					sm.Namespace = t.Name.Space
					switch sm.Kind {
					case KindURLSet:
						childEl = "url"
					case KindIndex:
						childEl = "sitemap"
					default:
						sm.Problems = append(sm.Problems, Problem{Line: line, Message: fmt.Sprintf("root element is <%s>, want <urlset> or <sitemapindex>", t.Name.Local)})
					}
					if t.Name.Space != Namespace && childEl != "" {
						ns := t.Name.Space
						if ns == "" {
							ns = "none"
						}
						sm.Problems = append(sm.Problems, Problem{Line: line, Message: fmt.Sprintf("namespace is %q, want %q", ns, Namespace)})
					}
				case 2:
					if t.Name.Local == childEl && childEl != "" {
						sm.Count++
						entry = &Entry{Line: line}
						hasLoc = false
					}
				case 3:
					if entry != nil && (t.Name.Local == "loc" || t.Name.Local == "lastmod") {
						field = t.Name.Local
						text.Reset()
					}
				}
			case xml.CharData:
				if field != "" {
					text.Write(t)
				}
			case xml.EndElement:
				switch depth {
				case 3:
					if entry != nil && field != "" {
						v := strings.TrimSpace(text.String())
						if field == "loc" {
							if hasLoc {
								sm.Problems = append(sm.Problems, Problem{Line: entry.Line, Message: "entry has more than one <loc>"})
							} else {
								entry.Loc, hasLoc = v, true
							}
						} else {
							entry.LastMod = v
						}
					}
					field = ""
				case 2:
					if entry != nil {
						if !hasLoc || entry.Loc == "" {
							sm.Problems = append(sm.Problems, Problem{Line: entry.Line, Message: fmt.Sprintf("<%s> without a <loc>", childEl)})
						} else if len(sm.Entries) < MaxEntries {
							sm.Entries = append(sm.Entries, *entry)
						}
						entry = nil
					}
				}
				depth--
			}
		}
	}()
	sm.Size = cr.n
	if sm.Count > MaxEntries {
		sm.Problems = append(sm.Problems, Problem{Message: fmt.Sprintf("%d entries, over the limit of %d per sitemap", sm.Count, MaxEntries)})
	}
	return sm, err
}

// lastmodLayouts are the W3C datetime forms (https://www.w3.org/TR/NOTE-datetime)
// that sitemaps accept, as Go layouts.
var lastmodLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01",
	"2006",
}

// ParseLastMod parses a W3C datetime: a year, year-month, date, or a date
// and time with minutes, optional seconds and fraction, and a time zone
// (required whenever a time is given).
func ParseLastMod(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return time.Time{}, false
	}
	for _, layout := range lastmodLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
