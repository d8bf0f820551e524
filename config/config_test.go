package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
)

// fakeRules stand in for the registry: the loader must validate against
// whatever rules and options it is given, not against today's real ones.
var fakeRules = []*checks.Check{
	{ID: "alpha-rule", Severity: checks.Error, Summary: "alpha finds things"},
	{ID: "beta-rule", Severity: checks.Warning, Summary: "beta finds other things", Options: []checks.Option{
		{Name: "min-links", Default: 4, Doc: "links a block needs before it counts"},
		{Name: "strict", Default: false, Doc: "also flag the doubtful cases"},
		{Name: "label", Default: "Reviewed by:", Doc: "the text that starts a byline"},
		{Name: "selectors", Default: []string{".byline", "p.meta"}, Doc: "extra selectors of the theme, tried in order after the built-in ones; a long doc wraps over several comment lines in the starter config"},
		{Name: "max-age", Default: 720 * time.Hour, Doc: "how old a review may be"},
	}},
	{ID: "gamma-rule", Severity: checks.Info, Summary: "gamma notes things"},
}

func TestLoadFull(t *testing.T) {
	path := filepath.Join("..", "testdata", "config", "full.pagelint.yml")
	f, err := Load(path, fakeRules)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	yes, no := true, false
	want := &File{
		Path: path,
		Checks: checks.Config{
			Rules: map[string]checks.RuleConfig{
				"alpha-rule": {Off: &yes},
				"beta-rule": {Severity: checks.Info, Options: map[string]any{
					"min-links": 6, "strict": true, "label": "Reviewed by:",
					"selectors": []string{".byline", "p.meta > span"}, "max-age": 2160 * time.Hour,
				}},
				"gamma-rule": {Severity: checks.Warning},
			},
			Overrides: []checks.Override{
				{Paths: []string{"/blog/**"}, Rules: map[string]checks.RuleConfig{
					"alpha-rule": {Off: &no},
					"beta-rule":  {Options: map[string]any{"min-links": 8}},
				}},
				{Paths: []string{"/legacy/*.html"}, Rules: map[string]checks.RuleConfig{
					"gamma-rule": {Off: &yes},
				}},
			},
			Ignore: []string{"/drafts/**", "*.pdf"},
		},
		FailOn: &checks.FailOn{Min: checks.Warning},
		Format: "json",
		Crawl: Crawl{
			MaxPages: ptr(500), MaxDepth: ptr(3), Concurrency: ptr(2),
			Delay: ptr(250 * time.Millisecond), Timeout: ptr(90 * time.Second),
			UserAgent: ptr("site-checker/2.0"), Scope: ptr("/blog/"),
			IgnoreRobots: &yes, SkipExternal: &yes,
		},
		Check: Check{
			BaseURL:    ptr("https://example.org/docs/"),
			Root:       ptr(filepath.Join("..", "testdata", "config", "public")),
			PrettyURLs: &yes, CheckExternal: &yes,
		},
		Links: Links{
			Exclude: []*regexp.Regexp{
				regexp.MustCompile(`^https://(www\.)?linkedin\.com/`), regexp.MustCompile(`^mailto:`),
			},
			Include:        []*regexp.Regexp{regexp.MustCompile(`^https://(www\.)?linkedin\.com/company/`)},
			ExcludeSources: []string{`^https://(www\.)?linkedin\.com/`, `^mailto:`},
			IncludeSources: []string{`^https://(www\.)?linkedin\.com/company/`},
		},
		Hash: sha256Hex(data),
	}
	f.lines = nil
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Load(%s):\n got %s\nwant %s", path, dump(f), dump(want))
	}
	if err := f.Checks.Validate(fakeRules); err != nil {
		t.Errorf("the engine rejects the loaded config: %v", err)
	}
}

// TestLoadTypo is the case the issue names: a typo fails naming the line.
func TestLoadTypo(t *testing.T) {
	path := filepath.Join("..", "testdata", "config", "typo.pagelint.yml")
	_, err := Load(path, fakeRules)
	want := path + `:5: unknown key "rulez" (known: check, crawl, fail-on, format, ignore, links, now, overrides, rules)`
	if err == nil || err.Error() != want {
		t.Errorf("Load(%s) = %v\nwant %s", path, err, want)
	}
}

func TestFileLineAndErrorf(t *testing.T) {
	path := filepath.Join("..", "testdata", "config", "full.pagelint.yml")
	f, err := Load(path, fakeRules)
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{
		"format": 3, "rules.beta-rule.min-links": 9, "crawl.max-pages": 28,
		"overrides[1].rules.gamma-rule": 52, "links.exclude": 21, "rules.beta-rule": 7, "nowhere": 0,
	} {
		if got := f.Line(key); got != line {
			t.Errorf("Line(%q) = %d, want %d", key, got, line)
		}
	}
	err = f.Errorf("format", "unknown format %q (want table or sarif)", "json")
	if want := path + `:3: format: unknown format "json" (want table or sarif)`; err.Error() != want {
		t.Errorf("Errorf = %q, want %q", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Key != "format" || e.Line != 3 {
		t.Errorf("Errorf = %#v, want an *Error for format on line 3", err)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n",
		"# nothing set\n",
		"---\n",
		"\ufeff# a byte order mark first\n",
		"rules:\nignore:\nlinks:\ncrawl:\ncheck:\noverrides:\nfail-on:\nformat:\n",
		"rules: {}\nignore: []\nlinks: {exclude: [], include: []}\ncrawl: {}\ncheck: {}\noverrides: []\n",
		"rules:\n  alpha-rule:\n  beta-rule: {min-links: ~}\ncrawl: {max-pages: null}\n",
	} {
		f, err := Parse(".pagelint.yml", []byte(src), fakeRules)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if !isEmpty(f) {
			t.Errorf("Parse(%q) = %s, want an empty config", src, dump(f))
		}
	}
}

// isEmpty reports whether a File sets nothing.
func isEmpty(f *File) bool {
	rest := *f
	rest.Path, rest.Hash, rest.lines = "", "", nil
	for _, rc := range rest.Checks.Rules {
		if rc.Off != nil || rc.Severity != 0 || len(rc.Options) > 0 {
			return false
		}
	}
	rest.Checks.Rules = nil
	return reflect.DeepEqual(rest, File{})
}

func TestRootResolvesAgainstTheConfigFolder(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "site")
	cases := []struct{ name, root, want string }{
		{"site/.pagelint.yml", "public", filepath.Join("site", "public")},
		{".pagelint.yml", "public", "public"},
		{"a/b/.pagelint.yml", "../out/html", filepath.Join("a", "out", "html")},
		{"a/.pagelint.yml", abs, abs},
	}
	for _, c := range cases {
		f, err := Parse(c.name, []byte("check:\n  root: "+c.root+"\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.Check.Root == nil || *f.Check.Root != c.want {
			t.Errorf("root %q in %s = %v, want %q", c.root, c.name, f.Check.Root, c.want)
		}
	}
}

func TestLinksSkip(t *testing.T) {
	f, err := Parse("x.yml", []byte(`links:
  exclude: ['^https://(www\.)?linkedin\.com/', '\.pdf$']
  include: ['^https://www\.linkedin\.com/company/']
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for target, skip := range map[string]bool{
		"https://linkedin.com/in/someone":          true,
		"https://www.linkedin.com/company/acme/":   false,
		"https://example.org/files/report.pdf":     true,
		"https://example.org/linkedin.com/":        false,
		"https://notlinkedin.com/":                 false,
		"/blog/a.html":                             false,
		"https://www.linkedin.com/in/x/report.pdf": true,
	} {
		if got := f.Links.Skip(target); got != skip {
			t.Errorf("Skip(%q) = %v, want %v", target, got, skip)
		}
	}
	if (Links{}).Skip("https://example.org/") {
		t.Error("empty Links skip a target")
	}
}

func TestHash(t *testing.T) {
	a, _ := Parse("a", []byte("format: json\n"), nil)
	b, _ := Parse("b", []byte("format: json\n"), nil)
	c, _ := Parse("a", []byte("format: json \n"), nil)
	if a.Hash != b.Hash || a.Hash == c.Hash || len(a.Hash) != 64 {
		t.Errorf("hashes %s %s %s: want equal for equal bytes, different otherwise", a.Hash, b.Hash, c.Hash)
	}
	if a.Hash != sha256Hex([]byte("format: json\n")) {
		t.Errorf("hash %s is not the sha256 of the bytes", a.Hash)
	}
}

func TestFind(t *testing.T) {
	top := t.TempDir()
	deep := filepath.Join(top, "site", "content", "blog")
	other := filepath.Join(top, "other", "x")
	both := filepath.Join(top, "both")
	for _, d := range []string{deep, other, both} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(deep, "page.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("format: json\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(top, "site", ".pagelint.yml"))
	write(filepath.Join(top, "other", ".pagelint.yaml"))
	write(filepath.Join(both, ".pagelint.yml"))
	write(filepath.Join(both, ".pagelint.yaml"))

	cases := []struct{ dir, want string }{
		{filepath.Join(top, "site"), filepath.Join(top, "site", ".pagelint.yml")},
		{deep, filepath.Join(top, "site", ".pagelint.yml")},
		{other, filepath.Join(top, "other", ".pagelint.yaml")},
		{top, ""},
	}
	for _, c := range cases {
		got, err := Find(c.dir)
		if err != nil || got != c.want {
			t.Errorf("Find(%s) = %q, %v; want %q", c.dir, got, err, c.want)
		}
	}
	if got, err := Find(filepath.Join(deep, "page.html")); err != nil || got != filepath.Join(top, "site", ".pagelint.yml") {
		t.Errorf("Find(a file) = %q, %v; want the config above its folder", got, err)
	}
	if _, err := Find(both); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("Find with both names = %v, want an error", err)
	}

	// A relative dir gives a relative path that works from the same place.
	t.Chdir(deep)
	for dir, want := range map[string]string{
		".":     filepath.Join("..", "..", ".pagelint.yml"),
		"..":    filepath.Join("..", "..", ".pagelint.yml"),
		"../..": filepath.Join("..", "..", ".pagelint.yml"),
	} {
		got, err := Find(dir)
		if err != nil || got != want {
			t.Errorf("Find(%q) from %s = %q, %v; want %q", dir, deep, got, err, want)
		}
	}
	t.Chdir(filepath.Join(top, "site"))
	if got, err := Find("."); err != nil || got != ".pagelint.yml" {
		t.Errorf(`Find(".") next to the file = %q, %v; want ".pagelint.yml"`, got, err)
	}
}

func TestStarter(t *testing.T) {
	for _, rules := range [][]*checks.Check{fakeRules, checks.All(), nil} {
		text := Starter(rules)
		f, err := Parse(".pagelint.yml", []byte(text), rules)
		if err != nil {
			t.Fatalf("the starter does not parse: %v\n%s", err, text)
		}
		if !isEmpty(f) {
			t.Errorf("the starter sets something: %s", dump(f))
		}
		// Every rule is listed with its default severity, and its options
		// with their defaults.
		for _, r := range rules {
			if len(r.Options) == 0 {
				if !regexp.MustCompile(`(?m)^  # ` + regexp.QuoteMeta(r.ID+": "+r.Severity.String()) + ` +# `).MatchString(text) {
					t.Errorf("the starter does not list %s: %s", r.ID, r.Severity)
				}
				continue
			}
			for _, want := range []string{"  # " + r.ID + ":", "  #   severity: " + r.Severity.String()} {
				if !strings.Contains(text, want+"\n") && !strings.Contains(text, want+" ") {
					t.Errorf("the starter lacks %q", want)
				}
			}
			for _, o := range r.Options {
				if want := "  #   " + o.Name + ": " + yamlValue(o.Default) + "\n"; !strings.Contains(text, want) {
					t.Errorf("the starter lacks %q", want)
				}
			}
		}
		// Every key of the schema is shown.
		for _, key := range slices.Concat(topKeys, crawlKeys, checkKeys, linksKeys, overrideKeys) {
			if !regexp.MustCompile(`(?m)^[ #-]*` + regexp.QuoteMeta(key) + `:`).MatchString(text) {
				t.Errorf("the starter does not show key %q", key)
			}
		}
	}
}

// TestStarterShowsDefaults makes the commented lines live: what they show
// must parse, and must be the defaults.
func TestStarterShowsDefaults(t *testing.T) {
	text := starter(fakeRules, defaults)
	f, err := Parse(".pagelint.yml", []byte(text), fakeRules)
	if err != nil {
		t.Fatalf("the starter's defaults do not parse: %v\n%s", err, text)
	}
	for _, r := range fakeRules {
		rc, ok := f.Checks.Rules[r.ID]
		if !ok || rc.Off != nil || rc.Severity != r.Severity {
			t.Errorf("starter shows %s as %+v, want severity %s", r.ID, rc, r.Severity)
		}
		want := map[string]any{}
		for _, o := range r.Options {
			want[o.Name] = o.Default
		}
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(rc.Options, want) {
			t.Errorf("starter shows %s options %v, want the defaults %v", r.ID, rc.Options, want)
		}
	}
	yes := func(b *bool) bool { return b != nil && !*b }
	switch {
	case f.FailOn == nil || *f.FailOn != (checks.FailOn{Min: checks.Error}):
		t.Errorf("fail-on = %v", f.FailOn)
	case f.Format != "table":
		t.Errorf("format = %q", f.Format)
	case *f.Crawl.MaxPages != 10000 || *f.Crawl.MaxDepth != -1 || *f.Crawl.Concurrency != 8 ||
		*f.Crawl.Delay != 0 || *f.Crawl.Timeout != 15*time.Second ||
		!yes(f.Crawl.IgnoreRobots) || !yes(f.Crawl.SkipExternal):
		t.Errorf("crawl = %s", dump(f.Crawl))
	case f.Crawl.UserAgent != nil || f.Crawl.Scope != nil:
		t.Errorf("crawl examples are live at the defaults level: %s", dump(f.Crawl))
	case !yes(f.Check.PrettyURLs) || !yes(f.Check.CheckExternal) || f.Check.BaseURL != nil || f.Check.Root != nil:
		t.Errorf("check = %s", dump(f.Check))
	case len(f.Checks.Ignore) > 0 || len(f.Checks.Overrides) > 0 || len(f.Links.Exclude) > 0:
		t.Errorf("examples are live at the defaults level: %s", dump(f))
	}

	// The examples must be valid too.
	text = starter(fakeRules, examples)
	f, err = Parse(".pagelint.yml", []byte(text), fakeRules)
	if err != nil {
		t.Fatalf("the starter's examples do not parse: %v\n%s", err, text)
	}
	if len(f.Checks.Ignore) != 2 || len(f.Checks.Overrides) != 2 || len(f.Links.Exclude) != 1 || len(f.Links.Include) != 1 ||
		f.Crawl.UserAgent == nil || f.Crawl.Scope == nil || f.Check.BaseURL == nil || f.Check.Root == nil {
		t.Errorf("an example is missing: %s", dump(f))
	}
}

func TestYAMLValue(t *testing.T) {
	for v, want := range map[any]string{
		3:                      "3",
		true:                   "true",
		"plain":                "plain",
		"yes":                  `"yes"`,
		"true":                 `"true"`,
		"12":                   `"12"`,
		"a: b":                 `'a: b'`,
		"":                     `""`,
		"# x":                  `"# x"`,
		720 * time.Hour:        "720h",
		90 * time.Minute:       "1h30m",
		0 * time.Second:        "0s",
		250 * time.Millisecond: "250ms",
	} {
		got := yamlValue(v)
		if got != want {
			t.Errorf("yamlValue(%#v) = %s, want %s", v, got, want)
		}
	}
	if got := yamlValue([]string{"a", `b "c"`, "d, e"}); got != `["a", "b \"c\"", "d, e"]` {
		t.Errorf("yamlValue(list) = %s", got)
	}
	// Every form must read back as the value it came from.
	rule := &checks.Check{ID: "r", Options: []checks.Option{
		{Name: "s", Default: "", Doc: "d"}, {Name: "l", Default: []string(nil), Doc: "d"},
	}}
	for _, s := range []string{"yes", "a: b", "12", "", "# x", "x\ny", "tab\there", "'q'", "{a}", "- x", "é ü"} {
		src := "rules:\n  r:\n    s: " + yamlValue(s) + "\n    l: " + yamlValue([]string{s, "[x]"}) + "\n"
		f, err := Parse("x", []byte(src), []*checks.Check{rule})
		if err != nil {
			t.Errorf("%q: %v\n%s", s, err, src)
			continue
		}
		opts := f.Checks.Rules["r"].Options
		if opts["s"] != s || !reflect.DeepEqual(opts["l"], []string{s, "[x]"}) {
			t.Errorf("%q read back as %#v", s, opts)
		}
	}
}

func TestNowKey(t *testing.T) {
	for _, src := range []string{"now: 2026-01-31\n", "now: \"2026-01-31T00:00:00Z\"\n"} {
		f, err := Parse("n.yml", []byte(src), nil)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if f.Now == nil || !f.Now.Equal(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%q: now = %v", src, f.Now)
		}
	}
	if _, err := Parse("n.yml", []byte("now: yesterday\n"), nil); err == nil || !strings.Contains(err.Error(), "n.yml:1") {
		t.Errorf("bad now: %v", err)
	}
}
