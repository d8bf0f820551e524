package config

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
)

// FuzzConfig loads any bytes against the real rule registry (FuzzParse uses
// stand-in rules): nothing crashes, nothing takes long, every mistake names
// the file and a line.
func FuzzConfig(f *testing.F) {
	rules := checks.All()
	f.Add([]byte(Starter(rules)))
	for _, s := range []string{
		"rules:\n  duplicate-nav: {min-links: 0}\n  broken-link: warning\n",
		"a: &a [*a, *a, *a]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
		"crawl: {max-pages: -1, delay: 1y}\nnow: 2026-02-30\n",
		"overrides:\n  - paths: ['[']\n    rules: {title-length: {max: x}}\n",
		"\xef\xbb\xbfformat: json\n\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		began := time.Now()
		file, err := Parse("fz.yml", data, rules)
		if d := time.Since(began); d > 5*time.Second && len(data) < 1<<12 {
			t.Fatalf("parsing %d bytes took %v", len(data), d)
		}
		if err == nil {
			if file == nil {
				t.Fatal("nil File without an error")
			}
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "fz.yml:") {
				t.Fatalf("error line %q does not name the file", line)
			}
		}
		var e *Error
		if !errors.As(err, &e) || e.Line < 1 {
			t.Fatalf("error %q has no line", err)
		}
	})
}
