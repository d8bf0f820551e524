package checks

import (
	"fmt"
	"mime"
	"net/url"
	"strings"

	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/robots"
)

// RobotsTxt checks the site's robots.txt (issue 4, rules-research §6).
var RobotsTxt = &Check{
	ID:       "robots-txt",
	Severity: Warning,
	Summary:  "robots.txt is unreachable, blocks the whole site, or has lines crawlers misread",
	Doc: `Reads /robots.txt (from the folder in check mode, when it has one; over HTTP in crawl mode) and
parses it as RFC 9309 does: groups of User-agent lines with their Allow and Disallow rules, the
longest matching rule deciding, "*" and a final "$" as wildcards. It flags:

- a server error or no answer (error): crawlers must then assume the whole site is disallowed,
  so pagelint stops the crawl (unless --ignore-robots) and the run is incomplete; a 4xx answer
  means "no restrictions" and is fine;
- "Disallow: /" for User-agent: * with no Allow rule opening a part of the site (error): search
  engines will not crawl the site, the usual leftover of a staging setup;
- an HTML page served as robots.txt (a CMS answering every path with a page);
- a file over 500 KiB: crawlers ignore the rules past that size;
- a Sitemap: line whose URL is not absolute;
- Allow or Disallow lines before any User-agent line, which crawlers ignore;
- noindex: and crawl-delay: lines (info): Google does not honour them.

Why: robots.txt decides what search engines may crawl. A blocked site or an unreachable file
takes it out of search; rules that crawlers ignore give a false sense of control.

Fix: answer 200 with a plain-text robots.txt that blocks only what must not be crawled, and use
a noindex robots meta tag to keep pages out of the index.

  bad:  User-agent: *
        Disallow: /
  good: User-agent: *
        Disallow: /wp-admin/
        Allow: /wp-admin/admin-ajax.php
        Sitemap: https://example.org/sitemap.xml`,
	Help:  "Serve a plain-text robots.txt with status 200 that blocks only what must not be crawled.",
	Modes: []page.Mode{page.ModeCheck, page.ModeCrawl},
	Site:  robotsTxt,
}

// robotsTxtSummary stands for robots.txt in findings.
func robotsTxtSummary(s *SitePass, rb *page.RobotsFile) *page.Summary {
	file := rb.File
	if file == "" && s.Site.Mode == page.ModeCheck {
		file = "robots.txt"
	}
	return sitemapFileSummary(s, rb.URL, file)
}

// robotsTxtEvidence is a robots.txt line as a finding's evidence.
func robotsTxtEvidence(l robots.Line) string {
	if l.Key == "" {
		return l.Value
	}
	return l.Key + ": " + l.Value
}

func robotsTxt(s *SitePass) error {
	rb := s.Site.Robots()
	if rb == nil {
		return nil
	}
	sum := robotsTxtSummary(s, rb)
	switch {
	case rb.Status == 0:
		s.Report(sum, Issue{Line: 1, Severity: Error, Message: fmt.Sprintf(
			"robots.txt could not be read (%s): crawlers treat the whole site as disallowed", strings.TrimSpace(rb.Err))})
		return nil
	case rb.Status >= 500:
		s.Report(sum, Issue{Line: 1, Severity: Error, Message: fmt.Sprintf(
			"robots.txt answered HTTP %d: crawlers treat the whole site as disallowed until it answers 200 or 404", rb.Status)})
		return nil
	case rb.Status >= 400 || rb.Status < 200 || rb.Status > 299 || rb.Rules == nil:
		return nil // no robots.txt: everything may be crawled
	}
	mt, _, _ := mime.ParseMediaType(rb.ContentType)
	if robots.LooksLikeHTML(rb.Body) || (mt == "text/html" && s.Site.Mode == page.ModeCrawl && !robotsTxtLooksLikeRules(rb.Rules)) {
		s.Report(sum, Issue{Line: 1, Message: fmt.Sprintf(
			"robots.txt is an HTML page (Content-Type %q), not a list of rules; serve a plain-text file or answer 404", rb.ContentType)})
		return nil
	}
	r := rb.Rules
	if rb.Size > robots.MaxSize {
		s.Report(sum, Issue{Line: 1, Message: fmt.Sprintf(
			"robots.txt is %d KiB, over the 500 KiB crawlers read; the rules past that are ignored", rb.Size>>10)})
	}
	if rule, all := r.DisallowsAll(""); all {
		s.Report(sum, Issue{Line: rule.Line, Severity: Error, Evidence: "Disallow: " + rule.Path, Message: fmt.Sprintf(
			"%q for User-agent: * blocks the whole site from search engines", "Disallow: "+rule.Path)})
	}
	for _, l := range r.Sitemaps {
		u, err := url.Parse(l.Value)
		switch {
		case l.Value == "":
			s.Report(sum, Issue{Line: l.Num, Evidence: robotsTxtEvidence(l), Message: "Sitemap: line has no URL"})
		case err != nil || !u.IsAbs() || u.Host == "":
			s.Report(sum, Issue{Line: l.Num, Evidence: robotsTxtEvidence(l), Message: fmt.Sprintf(
				"Sitemap: URL %q is not absolute; crawlers need the full URL (https://host/path)", l.Value)})
		}
	}
	for _, l := range r.Invalid {
		if l.Key == "" {
			continue // a line without "key:" is ignored by every crawler; often a stray note
		}
		s.Report(sum, Issue{Line: l.Num, Evidence: robotsTxtEvidence(l), Message: fmt.Sprintf(
			"%s line comes before any User-agent line; crawlers ignore it", robotsTxtTitle(l.Key))})
	}
	for _, l := range r.Other {
		switch l.Key {
		case "noindex", "nofollow":
			s.Report(sum, Issue{Line: l.Num, Evidence: robotsTxtEvidence(l), Severity: Info, Message: fmt.Sprintf(
				"%s: in robots.txt is not honoured by Google; use a robots meta tag or X-Robots-Tag header", l.Key)})
		case "crawl-delay":
			s.Report(sum, Issue{Line: l.Num, Evidence: robotsTxtEvidence(l), Severity: Info, Message: "crawl-delay: is not honoured by Google (Bing and Yandex read it)"})
		}
	}
	return nil
}

// robotsTxtLooksLikeRules reports whether a parsed file has any group or
// sitemap line: a plain robots.txt served with a wrong Content-Type.
func robotsTxtLooksLikeRules(r *robots.Robots) bool {
	return r != nil && (len(r.Groups) > 0 || len(r.Sitemaps) > 0)
}

// robotsTxtTitle spells a key as robots.txt files usually do.
func robotsTxtTitle(key string) string {
	switch key {
	case "allow":
		return "Allow"
	case "disallow":
		return "Disallow"
	}
	return key
}
