package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		line int
		want string // in the message after "FILE:LINE: "
	}{
		{"unknown top key", "format: json\n\nrulez:\n  alpha-rule: off\n", 3,
			`unknown key "rulez" (known: check, crawl, fail-on, format, ignore, links, now, overrides, rules)`},
		{"unknown key in a section", "crawl:\n  max-page: 5\n", 2,
			`unknown key "max-page" in crawl (known: concurrency, delay, ignore-robots, max-depth, max-duration, max-pages, max-per-pattern, max-url-length, scope, skip-external, timeout, user-agent)`},
		{"unknown key in check", "check:\n  baseurl: https://example.org/\n", 2, `unknown key "baseurl" in check`},
		{"unknown key in links", "links:\n  excludes: [x]\n", 2, `unknown key "excludes" in links (known: exclude, include)`},
		{"not a mapping", "- rules\n", 1, "want a mapping of settings (check, crawl, fail-on, format, ignore, links, now, overrides, rules), got a list"},
		{"a plain string", "hello\n", 1, `want a mapping of settings`},
		{"key that is a list", "[a, b]: 1\n", 1, "a key must be a name, not a list"},
		{"repeated key", "format: json\nfail-on: error\nformat: table\n", 3, `key "format" repeats the one on line 1`},
		{"repeated rule", "rules:\n  alpha-rule: off\n  alpha-rule: on\n", 3, `key "alpha-rule" repeats the one on line 2`},

		{"wrong type int", "crawl:\n  max-pages: lots\n", 2, `crawl.max-pages: want a whole number, got "lots"`},
		{"float for int", "crawl:\n  concurrency: 2.5\n", 2, `crawl.concurrency: want a whole number, got 2.5`},
		{"rules as list", "rules: [a]\n", 1, "rules: want a mapping of rule ids to settings, got a list"},
		{"crawl as string", "crawl: fast\n", 1, `crawl: want a mapping of crawl settings, got "fast"`},
		{"ignore as string", "ignore: /drafts/**\n", 1, `ignore: want a list of strings, got "/drafts/**"`},
		{"unquoted colon", "links:\n  exclude:\n    - ^mailto:\n", 3, `links.exclude[0]: want a string, got a mapping (quote it: a value ending in ":" reads as a key)`},
		{"ignore item a list", "ignore:\n  - [a]\n", 2, "ignore[0]: want a string, got a list"},
		{"bool as string", "check:\n  pretty-urls: yes\n", 2, `check.pretty-urls: want true or false, got "yes"`},
		{"string as bool", "crawl:\n  scope: true\n", 2, "crawl.scope: want a string, got true"},

		{"unknown rule", "rules:\n  alpha-rule: error\n  delta-rule: off\n", 3,
			`rules: unknown rule "delta-rule" (known: alpha-rule, beta-rule, gamma-rule)`},
		{"unknown rule set to nothing", "rules:\n  delta-rule:\n", 2, `unknown rule "delta-rule"`},
		{"unknown rule in override", "overrides:\n  - paths: [/a/**]\n    rules:\n      brokn-link: off\n", 4,
			`overrides[0].rules: unknown rule "brokn-link"`},
		{"unknown option", "rules:\n  beta-rule:\n    min-link: 3\n", 3,
			`rules.beta-rule: unknown option "min-link" (known: off, severity, min-links, strict, label, selectors, max-age)`},
		{"option of a rule with none", "rules:\n  alpha-rule:\n    min-links: 3\n", 3,
			`rules.alpha-rule: unknown key "min-links": rule alpha-rule has no options (known: off, severity)`},
		{"enabled is not a key", "rules:\n  gamma-rule:\n    enabled: false\n", 3, `unknown key "enabled"`},

		{"bad severity", "rules:\n  alpha-rule: fatal\n", 2,
			`rules.alpha-rule: want a severity (error, warning, info), off, on, or a mapping of settings, got "fatal"`},
		{"bool for severity", "rules:\n  alpha-rule: false\n", 2, `rules.alpha-rule: want a severity (error, warning, info), off, on, or a mapping of settings, got false`},
		{"bad severity key", "rules:\n  beta-rule:\n    severity: critical\n", 3,
			`rules.beta-rule.severity: want error, warning or info, got "critical"`},
		{"severity off", "rules:\n  beta-rule:\n    severity: off\n", 3, `(to turn the rule off, write off: true)`},
		{"off as a string", "rules:\n  beta-rule:\n    off: \"yes\"\n", 3, `rules.beta-rule.off: want true or false, got "yes"`},

		{"option wrong int", "rules:\n  beta-rule:\n    min-links: five\n", 3, `rules.beta-rule.min-links: want a whole number, got "five"`},
		{"option wrong bool", "rules:\n  beta-rule: {strict: 1}\n", 2, `rules.beta-rule.strict: want true or false, got 1`},
		{"option wrong list", "rules:\n  beta-rule:\n    selectors: .byline\n", 3, `rules.beta-rule.selectors: want a list of strings, got ".byline"`},
		{"option list item", "rules:\n  beta-rule:\n    selectors:\n      - .a\n      - {b: c}\n", 5, `rules.beta-rule.selectors[1]: want a string, got a mapping`},
		{"option wrong duration", "rules:\n  beta-rule:\n    max-age: 30\n", 3, `rules.beta-rule.max-age: want a duration with a unit such as 250ms, 15s or 2h, got 30`},
		{"option wrong string", "rules:\n  beta-rule:\n    label: [a]\n", 3, `rules.beta-rule.label: want a string, got a list`},

		{"bad regex", "links:\n  exclude:\n    - ok\n    - '(unclosed'\n", 4,
			`links.exclude[1]: bad regular expression "(unclosed": missing closing )`},
		{"bad regex include", "links:\n  include: ['a**']\n", 2, `links.include[0]: bad regular expression "a**": invalid nested repetition operator`},
		{"glob is a URL", "ignore:\n  - https://example.org/drafts/**\n", 2,
			`ignore[0]: bad glob "https://example.org/drafts/**": globs match site paths such as /blog/**, not URLs`},
		{"glob with braces", "overrides:\n  - paths: ['/{blog,news}/**']\n    rules: {alpha-rule: off}\n", 2,
			`overrides[0].paths[0]: bad glob "/{blog,news}/**": only "**", "*" and "?" are special`},
		{"empty glob", "ignore: ['']\n", 1, `ignore[0]: bad glob "": empty`},
		{"glob with backslash", "ignore: ['\\drafts\\*']\n", 1, `ignore[0]: bad glob`},

		{"bad duration", "crawl:\n  delay: fast\n", 2, `crawl.delay: want a duration with a unit such as 250ms, 15s or 2h, got "fast"`},
		{"duration without unit", "crawl:\n  timeout: 15\n", 2, `crawl.timeout: want a duration with a unit`},
		{"negative delay", "crawl:\n  delay: -1s\n", 2, `crawl.delay: must not be negative, not -1s`},
		{"zero timeout", "crawl:\n  timeout: 0s\n", 2, `crawl.timeout: must be positive, not 0s`},
		{"zero concurrency", "crawl:\n  concurrency: 0\n", 2, `crawl.concurrency: must be at least 1, not 0`},
		{"negative max-pages", "crawl:\n  max-pages: -5\n", 2, `crawl.max-pages: must be 0 (no limit) or more, not -5`},
		{"max-depth below -1", "crawl:\n  max-depth: -2\n", 2, `crawl.max-depth: must be -1 (no limit) or more, not -2`},
		{"relative scope", "crawl:\n  scope: blog/\n", 2, `crawl.scope: want a path starting with /, such as /blog/, got "blog/"`},
		{"empty user agent", "crawl:\n  user-agent: ''\n", 2, `crawl.user-agent: must not be empty`},
		{"huge int", "crawl:\n  max-pages: 99999999999999999999999\n", 2, `crawl.max-pages: want a whole number`},

		{"bad fail-on", "fail-on: sometimes\n", 1, `fail-on: want error, warning, info or never, got "sometimes"`},
		{"bad format", "format: Table Output\n", 1, `format: want a format name such as table or json, got "Table Output"`},
		{"relative base-url", "check:\n  base-url: /docs/\n", 2, `check.base-url: want an absolute http:// or https:// URL`},
		{"ftp base-url", "check:\n  base-url: ftp://example.org/\n", 2, `check.base-url: want an absolute http:// or https:// URL`},
		{"empty root", "check:\n  root: ''\n", 2, `check.root: must not be empty`},

		{"overrides not a list", "overrides:\n  paths: [/a/]\n", 2, `overrides: want a list of overrides (each with paths and rules), got a mapping`},
		{"override without paths", "overrides:\n  - rules: {alpha-rule: off}\n", 2, `overrides[0]: paths is missing`},
		{"override without rules", "overrides:\n  - paths: [/a/**]\n", 2, `overrides[0]: rules is missing`},
		{"override with empty paths", "overrides:\n  - paths: []\n    rules: {alpha-rule: off}\n", 2, `overrides[0].paths: no globs`},
		{"override with empty rules", "overrides:\n  - paths: [/a/]\n    rules: {}\n", 3, `overrides[0].rules: no rule settings`},
		{"override unknown key", "overrides:\n  - path: [/a/]\n    rules: {alpha-rule: off}\n", 2, `unknown key "path" in overrides[0] (known: paths, rules)`},
		{"override empty item", "overrides:\n  -\n", 2, `overrides[0]: want a mapping with paths and rules, got nothing`},
		{"second override bad", "overrides:\n  - paths: [/a/]\n    rules: {alpha-rule: off}\n  - paths: /b/\n    rules: {alpha-rule: off}\n", 4,
			`overrides[1].paths: want a list of strings, got "/b/"`},

		{"yaml syntax", "format: json\nrules: [\n", 2, "invalid YAML:"},
		{"yaml syntax first line", "format: json: x\n", 1, "invalid YAML: mapping values are not allowed in this context"},
		{"tab indent", "rules:\n\talpha-rule: off\n", 2, "invalid YAML: found character that cannot start any token"},
		{"unclosed quote", "format: json\nfail-on: 'error\n", 2, "invalid YAML:"},
		{"unknown anchor", "format: json\ncrawl:\n  max-pages: *many\n", 3, "invalid YAML: unknown anchor 'many' referenced"},
		{"control character", "format: json\nfail-on: \"err\x01or\"\n", 2, "control character U+0001"},
		{"not utf-8", "format: json\n\nfail-on: \xff\n", 3, "the file is not UTF-8 text"},
		{"two documents", "format: json\n---\nformat: table\n", 2, "a second YAML document"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(".pagelint.yml", []byte(c.src), fakeRules)
			if err == nil {
				t.Fatalf("no error; got %s", dump(f))
			}
			if f != nil {
				t.Errorf("a File came back with the error")
			}
			prefix := fmt.Sprintf(".pagelint.yml:%d: ", c.line)
			msg := err.Error()
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, c.want) {
				t.Errorf("error\n%s\nwant it to start with %q and contain %q", msg, prefix, c.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("one mistake gave several errors:\n%s", msg)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line != c.line || e.File != ".pagelint.yml" {
				t.Errorf("error %#v is not an *Error for line %d", err, c.line)
			}
		})
	}
}

func TestParseReportsEveryMistakeInOrder(t *testing.T) {
	src := "crawl:\n  max-pages: lots\nrulez: 1\nrules:\n  alpha-rule: loud\n"
	_, err := Parse("site/.pagelint.yml", []byte(src), fakeRules)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		`site/.pagelint.yml:2: crawl.max-pages: want a whole number, got "lots"`,
		`site/.pagelint.yml:3: unknown key "rulez"`,
		`site/.pagelint.yml:5: rules.alpha-rule: want a severity`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(lines), len(want), err)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("error %d = %q, want it to start with %q", i, lines[i], want[i])
		}
	}

	var many strings.Builder
	for i := range 15 {
		fmt.Fprintf(&many, "bad-%d: 1\n", i)
	}
	_, err = Parse("x.yml", []byte(many.String()), nil)
	if lines := strings.Split(err.Error(), "\n"); len(lines) != maxErrors+1 || lines[maxErrors] != "x.yml: and 5 more mistakes" {
		t.Errorf("15 mistakes:\n%s", err)
	}
}

func TestParseForms(t *testing.T) {
	src := `
anchors: &none
`
	if _, err := Parse("x", []byte(src), nil); err == nil {
		t.Error("an unknown key for anchors passed")
	}
	// Aliases resolve; shorthands and severities are case-blind like the flags.
	src = `
rules:
  alpha-rule: &quiet info
  beta-rule: WARN
  gamma-rule: "off"
overrides:
  - paths: &blog ["/blog/**"]
    rules: {alpha-rule: *quiet}
  - paths: *blog
    rules: {gamma-rule: On}
`
	f, err := Parse("x", []byte(src), fakeRules)
	if err != nil {
		t.Fatal(err)
	}
	r := f.Checks.Rules
	if r["alpha-rule"].Severity.String() != "info" || r["beta-rule"].Severity.String() != "warning" || r["gamma-rule"].Off == nil || !*r["gamma-rule"].Off {
		t.Errorf("rules = %s", dump(r))
	}
	o := f.Checks.Overrides
	if len(o) != 2 || o[1].Paths[0] != "/blog/**" || o[0].Rules["alpha-rule"].Severity.String() != "info" || *o[1].Rules["gamma-rule"].Off {
		t.Errorf("overrides = %s", dump(o))
	}
	// Numbers where a string is wanted are taken as written; 0 is a duration.
	f, err = Parse("x", []byte("format: json\ncrawl: {user-agent: 2025, delay: 0}\nrules: {beta-rule: {label: 1.50}}\n"), fakeRules)
	if err != nil {
		t.Fatal(err)
	}
	if *f.Crawl.UserAgent != "2025" || *f.Crawl.Delay != 0 || f.Checks.Rules["beta-rule"].Options["label"] != "1.50" {
		t.Errorf("got %s", dump(f))
	}
	// fail-on never.
	f, err = Parse("x", []byte("fail-on: never\n"), nil)
	if err != nil || f.FailOn == nil || !f.FailOn.Never {
		t.Errorf("fail-on never = %v, %v", f, err)
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// dump prints a value with its pointers followed, for failure messages.
func dump(v any) string {
	return dumpValue(reflect.ValueOf(v))
}

func dumpValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Invalid:
		return "<nil>"
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		if s, ok := v.Interface().(fmt.Stringer); ok && v.Kind() == reflect.Pointer {
			return "&" + s.String()
		}
		return "&" + dumpValue(v.Elem())
	case reflect.Struct:
		var b strings.Builder
		b.WriteString("{")
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			fmt.Fprintf(&b, "%s:%s ", v.Type().Field(i).Name, dumpValue(v.Field(i)))
		}
		return strings.TrimSpace(b.String()) + "}"
	case reflect.Slice:
		var parts []string
		for i := range v.Len() {
			parts = append(parts, dumpValue(v.Index(i)))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.Map:
		var parts []string
		for _, k := range v.MapKeys() {
			parts = append(parts, fmt.Sprintf("%v:%s", k, dumpValue(v.MapIndex(k))))
		}
		return "map[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprintf("%v", v.Interface())
}

func TestLoadMissing(t *testing.T) {
	_, err := Load("no/such/.pagelint.yml", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "read config no/such/.pagelint.yml: ") {
		t.Errorf("Load of a missing file = %v", err)
	}
}

// FuzzParse: no input crashes the loader, and every mistake names the file
// and a line.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "rules:\n  beta-rule: {min-links: 3, selectors: [a]}\n", "crawl: {delay: 1s}\n",
		"overrides:\n  - paths: [/a/**]\n    rules: {alpha-rule: off}\n", "a: &x [*x]\n",
		"links: {exclude: ['(']}\n", "- - -\n", "? [a]\n: b\n", "rules: !!map {a: b}\n",
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte(Starter(fakeRules)))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fz.yml", data, fakeRules)
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
