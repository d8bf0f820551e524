package crawler

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
)

// capTransport wraps the transport of the crawler's page requests. It
// decompresses gzip bodies itself, so that colly's own gzip branch (which
// caps the compressed bytes, not the decompressed ones) never runs, and it
// passes on at most limit bytes of any body (--max-body), marking a body
// that was cut, without reading the rest of a 2 GB page or a
// decompression bomb.
type capTransport struct {
	base  http.RoundTripper
	limit int64
}

func (t capTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.Body == nil {
		return resp, err
	}
	body := resp.Body
	if !resp.Uncompressed && isGzip(resp.Header.Get("Content-Encoding")) {
		body = &gunzipBody{src: body}
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
	}
	// Decompressed here, or never compressed: colly must not gunzip again
	// (it does for a Content-Type naming gzip and for .xml.gz paths).
	resp.Uncompressed = true
	resp.Body = &capBody{src: body, left: t.limit, header: resp.Header}
	return resp, nil
}

func isGzip(encoding string) bool {
	e := strings.ToLower(strings.TrimSpace(encoding))
	return e == "gzip" || e == "x-gzip"
}

// gunzipBody decompresses lazily, so a server trickling its gzip header is
// still bounded by the request deadline while the body is read.
type gunzipBody struct {
	src io.ReadCloser
	zr  *gzip.Reader
	err error
}

func (g *gunzipBody) Read(p []byte) (int, error) {
	if g.zr == nil && g.err == nil {
		g.zr, g.err = gzip.NewReader(g.src)
	}
	if g.err != nil {
		return 0, g.err
	}
	return g.zr.Read(p)
}

func (g *gunzipBody) Close() error { return g.src.Close() }

// truncatedHeader marks, in the response's own header map, a body that
// went on past the limit. It is taken out again before the page is read.
const truncatedHeader = "X-Pagelint-Truncated"

// capBody passes on at most left bytes, then looks for one more: if there
// is one, the body was cut, and the header map says so.
type capBody struct {
	src    io.ReadCloser
	left   int64
	header http.Header
}

func (b *capBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		if n, _ := io.ReadFull(b.src, one[:]); n > 0 {
			b.header.Set(truncatedHeader, "1")
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.src.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *capBody) Close() error { return b.src.Close() }

// capClient returns a copy of client whose transport caps and decompresses
// bodies as capTransport does.
func capClient(client *http.Client, limit int) *http.Client {
	jar, _ := cookiejar.New(nil) // as colly's own client has: cookies stay with their host
	c := &http.Client{Jar: jar}
	base := http.DefaultTransport
	if client != nil {
		*c = *client
		if client.Transport != nil {
			base = client.Transport
		}
	}
	c.Transport = capTransport{base: base, limit: int64(limit)}
	return c
}

// readCapped reads at most limit bytes of a file (10 MiB when limit is 0)
// and, when the file goes on, returns the limit as truncated.
func readCapped(path string, limit int) (raw []byte, truncated int, err error) {
	if limit <= 0 {
		limit = 10 << 20
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	// Size the buffer from the file's size, as os.ReadFile does: io.ReadAll
	// grows it from 512 bytes and copies the page a dozen times. A file that
	// grows while read (or a FIFO that reports 0) still reads to its end.
	size := 512
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > 0 {
		size = int(min(st.Size(), int64(limit))) + 1
	}
	raw = make([]byte, 0, size)
	for {
		n, err := f.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		if len(raw) > limit {
			break
		}
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)]
		}
	}
	if len(raw) > limit {
		return raw[:limit], limit, nil
	}
	return raw, 0, nil
}
