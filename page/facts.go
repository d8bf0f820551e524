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

	// Filled by the page part of the site rules (title-duplicate,
	// duplicate-content, orphan-page, …) whichever of them runs; Recorded
	// is true once they are.
	Recorded  bool
	TitleLine int    // line of the <title>, 0 when none
	DescLine  int    // line of the meta description, 0 when none
	MainLine  int    // line of the element holding the main content, 0 when unknown
	Refresh   bool   // a meta refresh stub: the page only sends readers elsewhere
	Words     int    // words of the visible main text
	TextHash  uint64 // FNV-1a of the main text's words, lowercased
	SimHash   uint64 // 64-bit SimHash of the main text's 3-word shingles
}

// An Alternate is one hreflang link of a page.
type Alternate struct {
	Lang     string // hreflang as written
	URL      string // normalized absolute URL (relative hrefs resolved); "" when not http(s)
	Line     int
	Evidence string
}
