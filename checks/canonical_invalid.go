package checks

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// CanonicalInvalid reports rel=canonical links that search engines ignore
// or that point somewhere the page cannot mean.
var CanonicalInvalid = &Check{
	ID:       "canonical-invalid",
	Severity: Warning,
	Summary:  "a rel=canonical link search engines ignore or misread",
	Help:     "Give the page one <link rel=\"canonical\"> in <head> with the absolute https URL of the page itself (or of the version it duplicates).",
	Doc: `Flags <link rel="canonical"> problems on a page: more than one canonical with different URLs
(search engines then ignore all of them), a canonical with no href, an invalid or relative href
(protocol-relative included), a canonical inside <body> (ignored by Google; it lands there when
an element not allowed in <head> comes before it, which ends the head early), an http: canonical
on an https: page, and a canonical that points at a URL the page lists as the hreflang alternate
of another language (it tells search engines that the translation is the original, so the page
drops out for its own language). These are the checks of Lighthouse's canonical audit.

A canonical whose target is missing or redirects is reported by broken-link, not here. The
http:/https: check runs only when the page's scheme is known: in crawl mode, or in check mode with
an https --base-url. A file: canonical (an offline documentation build) and redirect stubs (a
meta refresh to the new URL, as mdBook and Jekyll write for moved pages) are left alone.

Why: the canonical tells search engines which URL to index; a wrong one moves or drops the page
from results, and an ignored one leaves duplicates competing.

Fix: one canonical per page, in <head>, absolute, same scheme as the site.

  bad:  <link rel="canonical" href="/pricing/">  and a second <link rel="canonical" href="https://example.com/pricing/?ref=nav">
  good: <link rel="canonical" href="https://example.com/pricing/">`,
	Page: canonicalInvalid,
}

func canonicalInvalid(p *PagePass) error {
	scan := headLinkCollect(p)
	scan.record(p)
	if scan.redirect {
		return nil // a redirect stub's canonical names its target, as it should
	}
	var firstURL *url.URL // first usable canonical, to compare later ones with
	firstLine := 0
	for _, c := range scan.canonicals {
		if !c.inHead {
			p.Reportf(c.node, "canonical link is inside <body>, where search engines ignore it: %s", headLinkBodyNote(p, c.node))
			continue
		}
		if !c.hasHref || c.raw == "" {
			p.Reportf(c.node, "canonical link has no href")
			continue
		}
		ref, err := url.Parse(c.raw)
		if err != nil {
			p.Reportf(c.node, "canonical href %q is not a valid URL", c.raw)
			continue
		}
		scheme := strings.ToLower(ref.Scheme)
		switch {
		case scheme == "file":
			continue // an offline build: there is no web page to name
		case ref.Scheme != "" && scheme != "http" && scheme != "https":
			p.Reportf(c.node, "canonical href %q is not an http(s) URL", c.raw)
			continue
		case ref.Scheme != "" && ref.Host == "":
			p.Reportf(c.node, "canonical href %q has no host", c.raw)
			continue
		case strings.HasPrefix(c.raw, "//"):
			p.Reportf(c.node, "canonical href %q is protocol-relative; use an absolute URL with https:", c.raw)
		case ref.Scheme == "":
			p.Reportf(c.node, "canonical href %q is relative; search engines expect an absolute URL", c.raw)
		}
		abs := scan.resolve(c.raw)
		if abs == nil {
			continue
		}
		if firstURL == nil {
			firstURL, firstLine = abs, p.Page.Line(c.node)
			if msg := canonicalSchemeMismatch(p, abs); msg != "" {
				p.Reportf(c.node, "%s", msg)
			}
			if msg := canonicalHreflangConflict(p, scan, abs); msg != "" {
				p.Reportf(c.node, "%s", msg)
			}
			continue
		}
		if page.Normalize(abs) != page.Normalize(firstURL) {
			p.Reportf(c.node, "second canonical %q differs from the canonical %q on line %d; search engines ignore conflicting canonicals",
				abs.String(), firstURL.String(), firstLine)
		}
	}
	return nil
}

// canonicalSchemeMismatch flags an http: canonical on an https: page, when
// the page's scheme is known.
func canonicalSchemeMismatch(p *PagePass, canon *url.URL) string {
	if !headLinkSchemeKnown(p) || p.Page.URL == nil || !strings.EqualFold(p.Page.URL.Scheme, "https") {
		return ""
	}
	if strings.EqualFold(canon.Scheme, "http") {
		return fmt.Sprintf("canonical %q uses http: on an https: page", canon.String())
	}
	return ""
}

// canonicalHreflangConflict flags a canonical that names the hreflang
// alternate of another language. Lighthouse's condition: the page lists
// itself and the canonical among its alternates and they differ. Without a
// known page URL the page's <html lang> stands in for its own entry.
func canonicalHreflangConflict(p *PagePass, scan *headLinkScan, canon *url.URL) string {
	self := page.Normalize(p.Page.URL)
	target := page.Normalize(canon)
	if target == self {
		return ""
	}
	var targetLang string
	selfListed := false
	for _, a := range scan.alternates {
		if !a.inHead || a.raw == "" {
			continue
		}
		u := scan.resolve(a.raw)
		if !page.Fetchable(u) {
			continue
		}
		switch page.Normalize(u) {
		case target:
			if targetLang == "" {
				targetLang = a.lang
			}
		case self:
			selfListed = true
		}
	}
	if targetLang == "" || strings.EqualFold(targetLang, "x-default") {
		return ""
	}
	if selfListed {
		return fmt.Sprintf("canonical %q is the hreflang %q alternate of this page; a translation must name itself as canonical", target, targetLang)
	}
	pageLang := hreflangBase(p.Summary.Facts.Lang)
	if pageLang == "" {
		pageLang = hreflangBase(canonicalHTMLLang(p))
	}
	if pageLang != "" && pageLang != hreflangBase(targetLang) {
		return fmt.Sprintf("canonical %q is the hreflang %q alternate of this %q page; a translation must name itself as canonical", target, targetLang, pageLang)
	}
	return ""
}

// canonicalHTMLLang returns the lang attribute of <html>.
func canonicalHTMLLang(p *PagePass) string {
	for n := p.Root().FirstChild; n != nil; n = n.NextSibling {
		if n.Data == "html" {
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Namespace == "" {
					return a.Val
				}
			}
		}
	}
	return ""
}
