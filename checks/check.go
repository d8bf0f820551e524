package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/page"
)

// A Check is one rule. Page runs on each page as it is read, possibly
// concurrently and with no state between calls; Site runs once after every
// page is in, on summaries. A rule may have both: its page part records what
// its site part compares (excerpts and the articles they summarize).
type Check struct {
	ID       string   // kebab-case; public contract, never renamed
	Severity Severity // default; a finding may carry a variant
	Summary  string   // one line, lowercase, no final period
	Doc      string   // what it flags, why it matters, how to fix
	Help     string   // one sentence on how to fix a finding
	Modes    []page.Mode
	Options  []Option // settings a config may change, with defaults
	Page     func(*PagePass) error
	Site     func(*SitePass) error
}

// RunsIn reports whether the rule runs when pages are read in mode m.
func (c *Check) RunsIn(m page.Mode) bool {
	return len(c.Modes) == 0 || slices.Contains(c.Modes, m)
}

// Validate reports a malformed registry entry.
func (c *Check) Validate() error {
	switch {
	case c.ID == "" || strings.ToLower(c.ID) != c.ID || strings.ContainsAny(c.ID, " _"):
		return fmt.Errorf("check %q: id must be kebab-case", c.ID)
	case c.Page == nil && c.Site == nil:
		return fmt.Errorf("check %s: needs a Page or a Site function", c.ID)
	case c.Summary == "" || c.Doc == "" || c.Help == "":
		return fmt.Errorf("check %s: needs a summary, doc and help", c.ID)
	}
	for _, o := range c.Options {
		if o.Name == "" || o.Doc == "" || optionTypeName(o.Default) == fmt.Sprintf("%T", o.Default) {
			return fmt.Errorf("check %s: option %q needs a name, a doc and a default of a known type", c.ID, o.Name)
		}
	}
	return nil
}

// All returns every rule, sorted by id. It builds a new slice each call so
// callers can filter it without touching shared state.
func All() []*Check {
	all := []*Check{
		BrokenLink,
		DuplicateNav,
		LinkMalformed,
		LinkUnverified,
		MissingReviewDate,
		PageTooLarge,
		RedirectChain,
		Soft404,
		TruncatedExcerpt,
	}
	// Rule groups live in their own files, so rules can be added without
	// touching this list.
	for _, group := range [][]*Check{staleRules, leftoverRules, seoRules, headRules, siteRules} {
		all = append(all, group...)
	}
	slices.SortFunc(all, func(a, b *Check) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// Lookup returns the rule with the given id.
func Lookup(id string) (*Check, bool) {
	for _, c := range All() {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}
