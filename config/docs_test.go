package config

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

// TestDocExamples parses every YAML example of docs/config.md, against the
// real rules plus the options the examples use that no rule declares yet.
func TestDocExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "config.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rules []*checks.Check
	for _, r := range checks.All() {
		c := *r
		if c.ID == "duplicate-nav" {
			if _, ok := c.OptionSpec("min-links"); !ok {
				c.Options = append(slices.Clone(c.Options), checks.Option{Name: "min-links", Default: 4, Doc: "d"})
			}
		}
		rules = append(rules, &c)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) < 4 {
		t.Fatalf("found %d YAML examples in docs/config.md", len(blocks))
	}
	for _, b := range blocks {
		if _, err := Parse("docs/config.md example", []byte(b[1]), rules); err != nil {
			t.Errorf("%v\n%s", err, b[1])
		}
	}
	// Every key of the schema is documented.
	for _, key := range slices.Concat(topKeys, crawlKeys, checkKeys, linksKeys, overrideKeys, ruleKeys) {
		if !strings.Contains(string(data), "`"+key+"`") {
			t.Errorf("docs/config.md does not document key %q", key)
		}
	}
}
