package checks

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// A Finding is one problem on one page, as reported. Its fields follow
// findings.md; the report package maps them to the wire format.
type Finding struct {
	Rule     string
	Severity Severity
	URL      string // the page, as displayed: absolute, or the site path in check mode
	Path     string // the page's site path, which keys the fingerprint
	File     string // check mode: the file relative to the site root
	Line     int    // 1-based source line, 0 when unknown
	Target   string // link rules: the target as displayed
	// TargetKey is the target as fingerprinted: its site path when it is on the
	// site (so --base-url does not change it), else the absolute URL.
	TargetKey   string
	Message     string
	Evidence    string
	Fingerprint string
	Help        string
	// Baseline is "new" or "known" when the run compares with a baseline
	// (--baseline), else "".
	Baseline string
}

// sortFindings orders findings by url, then line (findings without a line
// first), then rule, so that two runs over one site diff cleanly. Message,
// target and evidence break the remaining ties for a stable order.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.URL, b.URL),
			cmp.Compare(a.Line, b.Line),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Target, b.Target),
			strings.Compare(a.Message, b.Message),
			strings.Compare(a.Evidence, b.Evidence),
		)
	})
}

// fingerprint fills Fingerprint on sorted findings: a digest of the rule, the
// page's site path, the target and the normalized evidence, never the line.
// Findings with equal inputs on one page get -2, -3, … in document order.
func fingerprint(fs []Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		h := sha256.New()
		for _, part := range []string{f.Rule, f.Path, f.TargetKey, normalizeEvidence(f.Evidence, f.Message)} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		fp := hex.EncodeToString(h.Sum(nil))[:16]
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp = fmt.Sprintf("%s-%d", fp, n)
		}
		f.Fingerprint = fp
	}
}

// normalizeEvidence folds whitespace and case-insensitive noise out of the
// evidence. A finding with no element (a page-level one) is identified by
// its message instead, with digits dropped so counts and dates in it do not
// change the fingerprint.
func normalizeEvidence(evidence, message string) string {
	if evidence != "" {
		return strings.Join(strings.Fields(evidence), " ")
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, message)
}
