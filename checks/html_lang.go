package checks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// HTMLLang flags a page whose <html> element has no lang, an invalid one,
// or an xml:lang of another language (issue 4, rules-research §6; axe
// html-has-lang, html-lang-valid, html-xml-lang-mismatch).
var HTMLLang = &Check{
	ID:       "html-lang",
	Severity: Warning,
	Summary:  "the <html> element has no lang, an invalid one, or an xml:lang that disagrees",
	Doc: `Flags a page whose <html> element has no lang attribute (or an empty one), a lang that is not a
valid BCP 47 language tag ("en_US" with an underscore, "english", "en-"), a tag whose language
is not a known ISO 639 code, or an xml:lang whose base language differs from lang's. These are
axe's html-has-lang, html-lang-valid and html-xml-lang-mismatch checks. An xml:lang without
lang (XHTML-style output of AsciiDoc and DocBook) is only info: browsers ignore xml:lang in
HTML, but the W3C ACT rule accepts it.

Why: screen readers pick their voice and pronunciation rules from lang, browsers use it for
hyphenation, quotes, fonts and translation prompts, and search engines read it as a hint of the
page's language. A wrong tag makes a screen reader read the page with the wrong accent.

Pages that are not content (not status 200, redirect stubs, partials with no <html>, <head>,
<body> or <title>) are skipped.

Fix: set lang on <html> to the page's language, in BCP 47 form (language, optional region).

  bad:  <html lang="en_US">
  good: <html lang="en-US">`,
	Help: `Set lang on <html> to the page's language as a BCP 47 tag, e.g. lang="en" or lang="de-AT".`,
	Page: htmlLang,
}

func htmlLang(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	if !h.content(p) || h.html == nil {
		return nil
	}
	root := h.html
	at := func() Issue {
		if l := p.Page.Line(root); l > 0 {
			return Issue{Line: l, Evidence: htmlLangTag(root)}
		}
		return Issue{Line: 1, Evidence: htmlLangTag(root)}
	}
	lang, hasLang := dom.Attr(root, "lang")
	lang = strings.TrimSpace(lang)
	xmlLang := strings.TrimSpace(dom.AttrOr(root, "xml:lang"))
	switch {
	case !hasLang && xmlLang != "":
		// Info only: axe fails it, but the ACT rule accepts xml:lang as
		// "not known to impact accessibility" (XHTML generators such as
		// AsciiDoc print only xml:lang).
		is := at()
		is.Severity = Info
		is.Message = fmt.Sprintf("<html> has xml:lang %q but no lang attribute; in HTML (not XHTML) browsers read only lang", xmlLang)
		p.Report(is)
		return nil
	case !hasLang:
		is := at()
		is.Message = "<html> has no lang attribute"
		p.Report(is)
		return nil
	case lang == "":
		is := at()
		is.Message = `<html> has an empty lang attribute`
		p.Report(is)
		return nil
	}
	if why := htmlLangInvalid(lang); why != "" {
		is := at()
		is.Message = fmt.Sprintf("lang %q is not a valid BCP 47 language tag: %s", lang, why)
		p.Report(is)
		return nil
	}
	if xmlLang != "" && htmlLangInvalid(xmlLang) == "" && !strings.EqualFold(htmlLangBase(xmlLang), htmlLangBase(lang)) {
		is := at()
		is.Message = fmt.Sprintf("xml:lang %q names another language than lang %q", xmlLang, lang)
		p.Report(is)
	}
	return nil
}

// htmlLangSyntax is the BCP 47 (RFC 5646) langtag grammar, plus private-use
// tags and the irregular grandfathered i- tags.
var htmlLangSyntax = regexp.MustCompile(`(?i)^(?:` +
	`[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})` + // language, extlang
	`(?:-[a-z]{4})?` + // script
	`(?:-(?:[a-z]{2}|[0-9]{3}))?` + // region
	`(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*` + // variants
	`(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*` + // extensions
	`(?:-x(?:-[a-z0-9]{1,8})+)?$` + // private use
	`|^x(?:-[a-z0-9]{1,8})+$|^i-[a-z]{2,8}$`)

// htmlLangInvalid says why tag is not a valid language tag, or "" when it is.
func htmlLangInvalid(tag string) string {
	switch {
	case strings.Contains(tag, "_"):
		return "use a hyphen, not an underscore"
	case !htmlLangSyntax.MatchString(tag):
		return "it does not follow the language-region form"
	}
	base := htmlLangBase(tag)
	if strings.EqualFold(base, "x") || strings.EqualFold(base, "i") {
		return ""
	}
	if len(base) > 3 {
		return fmt.Sprintf("%q is not a language code", base)
	}
	if _, err := language.ParseBase(base); err != nil {
		return fmt.Sprintf("%q is not a known language code", base)
	}
	return ""
}

// htmlLangBase is the primary language subtag of tag.
func htmlLangBase(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}

// htmlLangTag renders the <html> start tag with its language attributes.
func htmlLangTag(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<html")
	for _, a := range n.Attr {
		if a.Key == "lang" || a.Key == "xml:lang" {
			fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
		}
	}
	b.WriteString(">")
	return b.String()
}
