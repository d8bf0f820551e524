package checks

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// LinkMalformed reports hrefs that cannot work as written: URLs that do not
// parse, http links with a mistyped scheme, and mailto:/tel: links whose
// address or number is not valid. They are checked by syntax only.
var LinkMalformed = &Check{
	ID:       "link-malformed",
	Severity: Warning,
	Summary:  "a link that cannot work as written: unparsable URL, mistyped scheme, bad mailto: or tel:",
	Help:     "Fix the href: a full https:// URL, mailto:name@example.org, or tel:+15551234567.",
	Doc: `Flags links whose href cannot work whatever the server says: URLs that cannot be parsed (a
space in the host name, a bad percent escape such as %zz), http links with a mistyped scheme
(http//example.org, https:/example.org, http:\\example.org, which browsers read as paths on the
current site), mailto: links without a valid address, and tel: links with letters or too few digits.
mailto: and tel: links are checked by syntax only (RFC 6068 and RFC 3966); nothing is sent.

Why: a visitor who clicks one gets an error page, a mail client with no recipient, or a phone app
that cannot dial; nothing tells the site owner.

Fix: write the full address.

  bad:  <a href="http//example.org/pricing">Pricing</a>
  good: <a href="https://example.org/pricing">Pricing</a>
  bad:  <a href="mailto:info[at]example.org">Mail us</a>
  good: <a href="mailto:info@example.org">Mail us</a>
  bad:  <a href="tel:1-800-FLOWERS">Call</a>
  good: <a href="tel:+18003569377">Call</a>`,
	Page: linkMalformed,
}

func linkMalformed(p *PagePass) error {
	for _, l := range p.Page.Links {
		if l.Node == nil {
			continue
		}
		what := l.Node.Data + " " + l.Attr
		if l.Err != nil {
			if browsersAccept(l.Err) {
				continue
			}
			p.Report(Issue{Node: l.Node, Message: fmt.Sprintf("%s %q cannot be parsed: %s", what, l.Raw, parseReason(l.Err))})
			continue
		}
		if typo := schemeTypo(l.Raw); typo != "" {
			p.Report(Issue{Node: l.Node, Message: fmt.Sprintf("%s %q has a mistyped scheme (%s): browsers read it as a path on this site", what, l.Raw, typo)})
			continue
		}
		if l.URL == nil || l.Attr != "href" || (l.Node.Data != "a" && l.Node.Data != "area") {
			continue
		}
		switch strings.ToLower(l.URL.Scheme) {
		case "mailto":
			if why := badMailto(l.URL); why != "" {
				p.Report(Issue{Node: l.Node, Message: fmt.Sprintf("mailto link %q %s", l.Raw, why)})
			}
		case "tel":
			if why := badTel(l.URL); why != "" {
				p.Report(Issue{Node: l.Node, Message: fmt.Sprintf("tel link %q %s", l.Raw, why)})
			}
		}
	}
	return nil
}

// browsersAccept reports parse errors of Go's URL parser on hrefs that
// browsers resolve fine: a tab or newline inside the URL (the URL standard
// strips them) and a colon in a first relative path segment ("2024:recap").
func browsersAccept(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "invalid control character") || strings.Contains(msg, "first path segment in URL cannot contain colon")
}

// parseReason is the error of url.Parse without its quoting of the URL.
func parseReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	var esc url.EscapeError
	if errors.As(err, &esc) {
		msg = fmt.Sprintf("bad percent escape %q", string(esc))
	}
	var host url.InvalidHostError
	if errors.As(err, &host) {
		msg = fmt.Sprintf("invalid character %q in host name", string(host))
	}
	return msg
}

// typoSchemes are http(s) links with a colon or slash missing or turned.
var typoSchemes = regexp.MustCompile(`(?i)^(?:(https?)//|(https?):/[^/]|(https?):\\|(https?);//|(https?)::/)`)

// schemeTypo returns the mistyped scheme start of raw ("http//"), or "".
func schemeTypo(raw string) string {
	m := typoSchemes.FindString(strings.TrimSpace(raw))
	if m == "" {
		return ""
	}
	if strings.HasSuffix(m, "/") || strings.HasSuffix(m, `\`) {
		return m
	}
	return m[:len(m)-1] // the first path letter matched by [^/]
}

// mailAddr is a pragmatic addr-spec: a local part, @, and a domain with a dot.
// Domains may be internationalized (bücher.example).
var mailAddr = regexp.MustCompile(`^[^\s@<>()\[\],;:"]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$`)

// badMailto says what is wrong with a mailto: URL (RFC 6068), or "".
func badMailto(u *url.URL) string {
	to := u.Opaque
	if to == "" && u.Host == "" && u.Path != "" {
		to = u.Path // mailto://x parses with a path
	}
	if to == "" && u.Host != "" {
		return "has // after mailto:: write mailto:name@example.org"
	}
	dec, err := url.PathUnescape(to)
	if err != nil {
		return "has a bad percent escape"
	}
	var addrs []string
	for a := range strings.SplitSeq(dec, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 0 {
		q := u.Query()
		if q.Get("to") == "" && q.Get("cc") == "" && q.Get("bcc") == "" && q.Get("body") == "" && q.Get("subject") == "" {
			return "has no address"
		}
		return "" // mailto:?subject=… lets the reader choose the recipient
	}
	for _, a := range addrs {
		// A display name around the address is tolerated by mail clients.
		if i, j := strings.LastIndex(a, "<"), strings.LastIndex(a, ">"); i >= 0 && j > i {
			a = a[i+1 : j]
		}
		if !mailAddr.MatchString(a) {
			return fmt.Sprintf("has an invalid address %q", a)
		}
	}
	return ""
}

// badTel says what is wrong with a tel: URL (RFC 3966), or "". Spaces are
// tolerated: phones dial them away, and themes write them often.
func badTel(u *url.URL) string {
	num := u.Opaque
	if num == "" {
		num = u.Path
	}
	if num == "" && u.Host != "" {
		return "has // after tel:: write tel:+15551234567"
	}
	dec, err := url.PathUnescape(num)
	if err != nil {
		return "has a bad percent escape"
	}
	num, _, _ = strings.Cut(dec, ";") // ;ext=, ;phone-context= parameters
	digits := 0
	for i, r := range num {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && strings.TrimSpace(num[:i]) == "":
		case strings.ContainsRune(" -.()*#/,\u00a0", r): // visual separators; a comma pauses
		case strings.ContainsRune("pwxPWX", r) && digits > 0: // pause, wait, extension
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			return "has letters: phones dial digits only"
		default:
			return fmt.Sprintf("has %q, which is not part of a phone number", r)
		}
	}
	if digits == 0 {
		return "has no phone number"
	}
	return ""
}
