package crawler

import (
	"net/http"
	"testing"
	"time"

	"github.com/pagelint/pagelint/page"
)

func TestClassify(t *testing.T) {
	cf := http.Header{"Cf-Mitigated": {"challenge"}}
	challengeBody := []byte(`<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>`)
	custom, err := ParseAccept("200-299, 403")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		obs    observation
		accept StatusSet
		want   page.Outcome
		reason string
	}{
		{"200", observation{Status: 200}, defaultAccept, page.OutcomeOK, ""},
		{"204", observation{Status: 204}, defaultAccept, page.OutcomeOK, ""},
		{"304 without location", observation{Status: 304}, defaultAccept, page.OutcomeOK, ""},
		{"404", observation{Status: 404}, defaultAccept, page.OutcomeBroken, ""},
		{"410", observation{Status: 410}, defaultAccept, page.OutcomeBroken, ""},
		{"400", observation{Status: 400}, defaultAccept, page.OutcomeBroken, ""},
		{"418 other 4xx", observation{Status: 418}, defaultAccept, page.OutcomeBroken, ""},
		{"401", observation{Status: 401}, defaultAccept, page.OutcomeUnverified, "needs authentication, not verified"},
		{"407", observation{Status: 407}, defaultAccept, page.OutcomeUnverified, "needs authentication, not verified"},
		{"403 external", observation{Status: 403}, defaultAccept, page.OutcomeDoubtful, "forbidden (possibly bot-blocking)"},
		{"403 internal", observation{Status: 403, Internal: true}, defaultAccept, page.OutcomeBroken, ""},
		{"403 cf-mitigated", observation{Status: 403, Header: cf}, defaultAccept, page.OutcomeUnverified, "blocked by bot protection (challenge page), not verified"},
		{"403 challenge body", observation{Status: 403, Body: challengeBody}, defaultAccept, page.OutcomeUnverified, "blocked by bot protection (challenge page), not verified"},
		{"403 internal challenge", observation{Status: 403, Header: cf, Internal: true}, defaultAccept, page.OutcomeUnverified, "blocked by bot protection (challenge page), not verified"},
		{"503 challenge", observation{Status: 503, Body: []byte(`window._cf_chl_opt={}`)}, defaultAccept, page.OutcomeUnverified, "blocked by bot protection (challenge page), not verified"},
		{"429", observation{Status: 429}, defaultAccept, page.OutcomeUnverified, "rate-limited (still 429 after waiting), not verified"},
		{"999", observation{Status: 999}, defaultAccept, page.OutcomeUnverified, "blocked by the site's anti-bot response, not verified"},
		{"500 external", observation{Status: 500}, defaultAccept, page.OutcomeDoubtful, "server error on another site (may be temporary)"},
		{"503 external", observation{Status: 503}, defaultAccept, page.OutcomeDoubtful, "server error on another site (may be temporary)"},
		{"500 internal", observation{Status: 500, Internal: true}, defaultAccept, page.OutcomeBroken, "server error"},
		{"dns", observation{Err: errDNS}, defaultAccept, page.OutcomeBroken, ""},
		{"refused", observation{Err: errRefused}, defaultAccept, page.OutcomeBroken, ""},
		{"tls", observation{Err: errTLS}, defaultAccept, page.OutcomeBroken, ""},
		{"loop", observation{Err: errLoop}, defaultAccept, page.OutcomeBroken, ""},
		{"too many hops", observation{Err: errTooMany}, defaultAccept, page.OutcomeBroken, ""},
		{"timeout", observation{Err: errTimeout}, defaultAccept, page.OutcomeDoubtful, "timed out"},
		{"timeout internal", observation{Err: errTimeout, Internal: true}, defaultAccept, page.OutcomeDoubtful, "timed out"},
		{"canceled", observation{Err: errCanceled}, defaultAccept, "", "interrupted"},
		{"accept 403", observation{Status: 403}, custom, page.OutcomeOK, ""},
		{"accept: 404 still broken", observation{Status: 404}, custom, page.OutcomeBroken, ""},
		{"accept: 304 not listed", observation{Status: 304}, custom, page.OutcomeBroken, "HTTP 304 is not an accepted status (--accept)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := classify(tt.obs, tt.accept)
			if got != tt.want || reason != tt.reason {
				t.Errorf("classify = %q, %q; want %q, %q", got, reason, tt.want, tt.reason)
			}
		})
	}
}

func TestRetryable(t *testing.T) {
	for _, tt := range []struct {
		obs  observation
		want bool
	}{
		{observation{Status: 429}, true},
		{observation{Status: 502}, true},
		{observation{Status: 503}, true},
		{observation{Status: 504}, true},
		{observation{Status: 500}, true},
		{observation{Err: errTimeout}, true},
		{observation{Status: 404}, false},
		{observation{Status: 403}, false},
		{observation{Status: 999}, false},
		{observation{Err: errDNS}, false},
		{observation{Status: 503, Header: http.Header{"Cf-Mitigated": {"challenge"}}}, false},
	} {
		if got := retryable(tt.obs); got != tt.want {
			t.Errorf("retryable(%+v) = %v, want %v", tt.obs, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"Sun, 01 Mar 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Sun, 01 Mar 2026 11:00:00 GMT", 0, true}, // in the past: no wait
		{"-3", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	} {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	base := time.Second
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if lo, hi := backoff(n, base, 0), backoff(n, base, 0.999); lo != want/2 || hi < want*3/2-time.Millisecond*5 || hi >= want*3/2 {
			t.Errorf("backoff(%d) spans [%v, %v], want [%v, %v)", n, lo, hi, want/2, want*3/2)
		}
	}
}

func TestParseAccept(t *testing.T) {
	set, err := ParseAccept("200-299,403, 999")
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[int]bool{200: true, 250: true, 299: true, 300: false, 403: true, 404: false, 999: true} {
		if set.has(code) != want {
			t.Errorf("has(%d) = %v", code, !want)
		}
	}
	for _, bad := range []string{"", "abc", "300-200", "42", "200-", ","} {
		if _, err := ParseAccept(bad); err == nil {
			t.Errorf("ParseAccept(%q) accepted", bad)
		}
	}
}
