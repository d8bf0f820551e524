package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pagelint/pagelint/crawler"
	"github.com/spf13/pflag"
)

// defaultStripParams are the query parameters that name the visit, not the
// page: campaign tags, ad click ids and session ids. docs/robustness.md
// lists them.
var defaultStripParams = []string{
	"utm_*", "fbclid", "gclid", "gbraid", "wbraid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid",
	"_hsenc", "_hsmi", "phpsessid", "jsessionid", "aspsessionid*", "sid", "sessionid",
}

// crawlLimits are the flags that keep a crawl of a hostile or runaway site
// bounded: bytes per response, the whole run's time, URL length, pages per
// URL pattern, and the parameters dropped before pages are de-duplicated.
type crawlLimits struct {
	maxBody       byteSize
	maxDuration   time.Duration
	maxURLLength  int
	maxPerPattern int
	stripParams   []string
}

func (l *crawlLimits) register(f *pflag.FlagSet) {
	l.maxBody = 10 << 20
	f.Var(&l.maxBody, "max-body", "read at most this much of a page, after decompression (e.g. 10MB, 512KB); a longer page is checked as far as read and reported as page-too-large")
	f.DurationVar(&l.maxDuration, "max-duration", 0, "stop the crawl after this long and report what was read, e.g. 30m (0 for no limit)")
	f.IntVar(&l.maxURLLength, "max-url-length", 2048, "do not follow links to pages of the site longer than this many characters (0 for no limit)")
	f.IntVar(&l.maxPerPattern, "max-per-pattern", 1000, "read at most this many pages per URL pattern: the path with every number as N plus the query's parameter names, so /calendar/2026/01/ and /calendar/2031/12/ count together (0 for no limit)")
	f.StringSliceVar(&l.stripParams, "strip-params", defaultStripParams, "query parameters dropped before pages are de-duplicated, so /a?utm_source=x is /a (comma-separated, a trailing * matches a prefix; --strip-params= for none)")
}

// apply validates the flags and sets the crawl options they control.
func (l crawlLimits) apply(co *crawler.CrawlOptions) error {
	switch {
	case l.maxBody < 1024:
		return fmt.Errorf("--max-body must be at least 1KB, not %s", l.maxBody.String())
	case l.maxBody > 1<<30:
		return fmt.Errorf("--max-body must be at most 1GB, not %s", l.maxBody.String())
	case l.maxDuration < 0:
		return fmt.Errorf("--max-duration must be 0 (no limit) or positive, not %v", l.maxDuration)
	case l.maxURLLength < 0:
		return fmt.Errorf("--max-url-length must be 0 (no limit) or more, not %d", l.maxURLLength)
	case l.maxPerPattern < 0:
		return fmt.Errorf("--max-per-pattern must be 0 (no limit) or more, not %d", l.maxPerPattern)
	}
	co.MaxBody = int(l.maxBody)
	co.MaxDuration = l.maxDuration
	co.MaxURLLength = l.maxURLLength
	co.MaxPerPattern = l.maxPerPattern
	co.StripParams = nil
	for _, p := range l.stripParams {
		if p = strings.TrimSpace(p); p != "" {
			co.StripParams = append(co.StripParams, p)
		}
	}
	return nil
}

// byteSize is a flag value such as 10MB, 512KB, 1GB or a plain byte count.
// KB, MB and GB are powers of 1024, as KiB, MiB and GiB are.
type byteSize int64

var byteUnits = []struct {
	suffix string
	scale  int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1},
}

func (b *byteSize) Set(s string) error {
	t := strings.ToLower(strings.TrimSpace(s))
	scale := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(scale) > 1<<40 {
		return fmt.Errorf("%q is not a size such as 10MB, 512KB or 1048576", s)
	}
	*b = byteSize(n * float64(scale))
	return nil
}

func (b *byteSize) String() string {
	n := int64(*b)
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

func (*byteSize) Type() string { return "size" }
