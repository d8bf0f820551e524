package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pagelint/pagelint/page"
)

// An errKind sorts transport failures by what they mean for a link.
type errKind uint8

const (
	errNone     errKind = iota
	errDNS              // the host name does not resolve
	errRefused          // nothing listens, or the host is unreachable
	errTLS              // certificate or handshake failure
	errTimeout          // no answer in time
	errLoop             // a redirect leads back to a URL of the chain
	errTooMany          // more than maxRedirects hops
	errOther            // any other failure (bad redirect location, reset)
	errCanceled         // the run was interrupted: no verdict at all
)

// An observation is what the last request for a target saw: the status and
// headers of the final answer, the start of its body when it was read, or
// the transport failure.
type observation struct {
	Status   int
	Header   http.Header
	Body     []byte // the start of the body, when it was read
	Err      errKind
	ErrText  string
	Internal bool // the target is on the site being checked
}

// A StatusSet is the set of HTTP statuses --accept makes ok.
type StatusSet struct {
	custom bool // given by --accept: statuses outside it are failures
	ranges [][2]int
}

// defaultAccept is lychee's default: informational and success codes.
var defaultAccept = StatusSet{ranges: [][2]int{{100, 103}, {200, 299}}}

func (s StatusSet) has(code int) bool {
	for _, r := range s.ranges {
		if code >= r[0] && code <= r[1] {
			return true
		}
	}
	return false
}

// ParseAccept reads an --accept value such as "200-299,403".
func ParseAccept(spec string) (StatusSet, error) {
	set := StatusSet{custom: true}
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 100 || b > 999 || a > b {
			return StatusSet{}, fmt.Errorf("--accept: %q is not a status code or range such as 200-299", part)
		}
		set.ranges = append(set.ranges, [2]int{a, b})
	}
	if len(set.ranges) == 0 {
		return StatusSet{}, errors.New("--accept: no status codes given")
	}
	return set, nil
}

// classify turns what was seen into a verdict and, when it is not ok, the
// reason in a few words. It is the whole table of rules-research section 4:
//
//	accepted status (2xx by default)          ok
//	DNS failure, refused, TLS error           broken
//	redirect loop, more than 10 hops          broken
//	timeout (after the retries)               doubtful
//	challenge page (403/429/503)              unverified: bot protection
//	999                                       unverified: anti-bot response
//	401, 407                                  unverified: needs authentication
//	429 (after honouring Retry-After)         unverified: rate-limited
//	403                                       internal broken, external doubtful
//	5xx (after the retries)                   internal broken, external doubtful
//	other 4xx, status outside --accept        broken
func classify(o observation, accept StatusSet) (page.Outcome, string) {
	switch o.Err {
	case errNone:
	case errTimeout:
		return page.OutcomeDoubtful, "timed out"
	case errCanceled:
		return "", "interrupted"
	default:
		return page.OutcomeBroken, ""
	}
	st := o.Status
	switch {
	case accept.has(st):
		return page.OutcomeOK, ""
	case st >= 300 && st < 400 && !accept.custom:
		return page.OutcomeOK, "" // a 3xx without a Location to follow (304, 300)
	case st < 400:
		return page.OutcomeBroken, fmt.Sprintf("HTTP %d is not an accepted status (--accept)", st)
	case (st == 403 || st == 429 || st == 503) && isChallenge(o.Header, o.Body):
		return page.OutcomeUnverified, "blocked by bot protection (challenge page), not verified"
	case st == 999:
		return page.OutcomeUnverified, "blocked by the site's anti-bot response, not verified"
	case st == 401 || st == 407:
		return page.OutcomeUnverified, "needs authentication, not verified"
	case st == 429:
		return page.OutcomeUnverified, "rate-limited (still 429 after waiting), not verified"
	case st == 403 && !o.Internal:
		return page.OutcomeDoubtful, "forbidden (possibly bot-blocking)"
	case st >= 500 && st < 600 && !o.Internal:
		return page.OutcomeDoubtful, "server error on another site (may be temporary)"
	case st >= 500 && st < 600:
		return page.OutcomeBroken, "server error"
	}
	return page.OutcomeBroken, ""
}

// challengeMarkers are in the body of Cloudflare's (and look-alike)
// interstitial pages that ask the browser to run a script first.
var challengeMarkers = [][]byte{
	[]byte("/cdn-cgi/challenge-platform/"),
	[]byte("_cf_chl_opt"),
	[]byte("<title>Just a moment...</title>"),
	[]byte("<title>Just a moment…</title>"),
}

// isChallenge reports whether an answer is a bot-protection challenge.
func isChallenge(h http.Header, body []byte) bool {
	if strings.EqualFold(strings.TrimSpace(h.Get("Cf-Mitigated")), "challenge") {
		return true
	}
	for _, m := range challengeMarkers {
		if bytes.Contains(body, m) {
			return true
		}
	}
	return false
}

// retryable reports whether an answer may change if asked again later:
// rate limiting, server errors and timeouts, but not a challenge page.
func retryable(o observation) bool {
	if o.Err == errTimeout {
		return true
	}
	if o.Err != errNone {
		return false
	}
	if (o.Status == 429 || o.Status == 503) && isChallenge(o.Header, o.Body) {
		return false
	}
	// 501 and 505 say what the server cannot do, not that it is busy.
	return o.Status == 429 || (o.Status >= 500 && o.Status < 600 && o.Status != 501 && o.Status != 505)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// backoff is the wait before retry n (0 for the first retry): base doubled
// each time, times a jitter factor in [0.5, 1.5).
func backoff(n int, base time.Duration, jitter float64) time.Duration {
	d := base << min(n, 10)
	return time.Duration(float64(d) * (0.5 + jitter))
}

// errorKind sorts a transport error, with a short reason for a report.
func errorKind(err error) (errKind, string) {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, context.Canceled):
		return errCanceled, "interrupted"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return errTimeout, "timed out"
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout {
			return errTimeout, "DNS lookup timed out"
		}
		return errDNS, "DNS lookup failed: " + dnsErr.Err
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid):
		return errTLS, "TLS certificate error: " + tlsReason(err)
	case errors.As(err, &recErr), strings.Contains(err.Error(), "tls: "):
		return errTLS, "TLS handshake failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return errRefused, "connection refused"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return errRefused, "connection refused or host unreachable"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return errOther, ue.Err.Error()
	}
	return errOther, err.Error()
}

func tlsReason(err error) string {
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknownAuth):
		return "signed by an unknown authority"
	case errors.As(err, &hostErr):
		return "not valid for this host name"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "expired or not yet valid"
	}
	return "not trusted"
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
