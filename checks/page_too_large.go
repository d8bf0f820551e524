package checks

import "fmt"

// PageTooLarge reports a page whose body was larger than the byte limit
// (--max-body) and was cut there: the rules judged only the part read.
var PageTooLarge = &Check{
	ID:       "page-too-large",
	Severity: Warning,
	Summary:  "the page is larger than --max-body, so only its start was checked",
	Help:     "Make the page smaller (split it, paginate it, move inline data out), or raise --max-body.",
	Doc: `Flags a page whose HTML (after decompression) is larger than the per-response limit, --max-body
(10 MB unless set). pagelint reads the page up to the limit, checks that part, and stops reading, so
a runaway page, an endless stream or a decompression bomb cannot exhaust memory.

Why: a page this large is slow for every visitor and for search engines, which also stop reading
after a limit (Googlebot reads the first 15 MB of an HTML file); and whatever comes after the limit,
links included, was not checked by pagelint either.

Fix: split the page or paginate it, move large inline data (base64 images, JSON state, SVG sprites)
into separate files, or raise --max-body if the size is intended.`,
	Page: pageTooLarge,
}

func pageTooLarge(p *PagePass) error {
	if p.Page.Truncated <= 0 {
		return nil
	}
	p.Report(Issue{Line: 1, Message: fmt.Sprintf("page is larger than %s (--max-body), so only its first %s were checked", byteSize(p.Page.Truncated), byteSize(p.Page.Truncated))})
	return nil
}

// byteSize writes a byte count the way people read it: 10 MB, 512 KB, 900 bytes.
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
