package page

// Facts are small per-page values that site rules compare across pages.
// Page rules fill them; nothing here holds a document.
type Facts struct {
	Description string // meta description, whitespace folded
	Canonical   string // normalized absolute canonical URL, "" when none
	Noindex     bool   // meta robots or X-Robots-Tag says noindex (or none)
	Paginated   bool   // a page of a paginated series (rel=prev/next, /page/N/, ?page=N)
	Lang        string // <html lang>
	// Alternates are the page's <link rel="alternate" hreflang> in <head>,
	// in order (hreflang-invalid compares them across pages for return links).
	Alternates []Alternate
}

// An Alternate is one hreflang link of a page.
type Alternate struct {
	Lang     string // hreflang as written
	URL      string // normalized absolute URL (relative hrefs resolved); "" when not http(s)
	Line     int
	Evidence string
}
