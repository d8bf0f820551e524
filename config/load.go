package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
	"gopkg.in/yaml.v3"
)

// Top-level keys and the keys of each section, as the messages list them.
var (
	topKeys      = []string{"check", "crawl", "fail-on", "format", "ignore", "links", "now", "overrides", "rules"}
	crawlKeys    = []string{"concurrency", "delay", "ignore-robots", "max-depth", "max-duration", "max-pages", "max-per-pattern", "max-url-length", "scope", "skip-external", "timeout", "user-agent"}
	checkKeys    = []string{"base-url", "check-external", "pretty-urls", "root"}
	linksKeys    = []string{"exclude", "include"}
	overrideKeys = []string{"paths", "rules"}
	// ruleKeys come before a rule's options in its mapping form.
	ruleKeys = []string{"off", "severity"}
)

// maxErrors caps how many mistakes one run reports, so a file in the wrong
// format does not bury the first few lines of the message.
const maxErrors = 10

// parseYAML reads one YAML document; nil for an empty file or one holding
// only comments. Syntax errors come out as *Error with a line.
func parseYAML(name string, data []byte) (root *yaml.Node, err error) {
	if line, msg := badBytes(data); line > 0 {
		return nil, &Error{File: name, Line: line, Msg: msg}
	}
	defer func() {
		// yaml.v3 has panicked on malformed input before (CVE-2022-28948);
		// a config file must never crash the run.
		if r := recover(); r != nil {
			root, err = nil, &Error{File: name, Msg: fmt.Sprintf("cannot read YAML: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(name, data, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, yamlError(name, data, err)
	default:
		return nil, &Error{File: name, Line: extra.Line, Msg: "a second YAML document: a config file holds one (remove the ---)"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

var (
	yamlLine   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlError turns a yaml.v3 error into an *Error. yaml.v3 leaves the line out
// of errors on the first line, and out of unknown anchors.
func yamlError(name string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: n, Msg: "invalid YAML: " + m[2]}
	}
	line := 1
	if m := yamlAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line = 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	return &Error{File: name, Line: line, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// badBytes finds what yaml.v3 rejects without saying where: bytes that are
// not UTF-8 and control characters.
func badBytes(data []byte) (line int, msg string) {
	line = 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, "the file is not UTF-8 text"
		case r == '\n':
			line++
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7f:
			return line, fmt.Sprintf("control character %U: remove it", r)
		}
		i += size
	}
	return 0, ""
}

// A decoder fills a File from the node tree, collecting every mistake.
type decoder struct {
	name  string
	f     *File
	rules map[string]*checks.Check
	ids   []string // sorted
	errs  []*Error
	keys  map[string]int // dotted key -> line of the key itself
}

func newDecoder(name string, rules []*checks.Check, f *File) *decoder {
	d := &decoder{name: name, f: f, rules: map[string]*checks.Check{}, keys: map[string]int{}}
	for _, r := range rules {
		d.rules[r.ID] = r
		d.ids = append(d.ids, r.ID)
	}
	slices.Sort(d.ids)
	return d
}

func (d *decoder) errorf(n *yaml.Node, key, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.name, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// keyErrorf is errorf with the key named first: "crawl.max-pages: want ...".
func (d *decoder) keyErrorf(n *yaml.Node, key, format string, args ...any) {
	d.errorf(n, key, "%s: %s", key, fmt.Sprintf(format, args...))
}

func (d *decoder) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(d.errs, func(a, b *Error) int { return a.Line - b.Line })
	errs := make([]error, 0, maxErrors)
	for _, e := range d.errs[:min(len(d.errs), maxErrors)] {
		errs = append(errs, e)
	}
	if len(d.errs) > maxErrors {
		errs = append(errs, fmt.Errorf("%s: and %d more mistakes", d.name, len(d.errs)-maxErrors))
	}
	return errors.Join(errs...)
}

// set records the line of a key the file sets: the key's own line, or the
// value's for list items.
func (d *decoder) set(key string, v *yaml.Node) {
	if d.f.lines == nil {
		d.f.lines = map[string]int{}
	}
	line, ok := d.keys[key]
	if !ok {
		line = v.Line
	}
	d.f.lines[key] = line
}

// deref follows aliases (*anchor) to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node holds, for "want X, got Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool", "!!int", "!!float":
			return n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// join names a sub-key: join("crawl", "delay") is "crawl.delay".
func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// mapping calls fn for each entry of a mapping, in file order, after
// rejecting duplicate keys, keys that are not plain strings and, when known
// is not nil, unknown keys. A null value ("key:" with nothing after it) is
// passed on: each caller treats it as not set.
func (d *decoder) mapping(n *yaml.Node, where, want string, known []string, fn func(key string, k, v *yaml.Node)) {
	n = deref(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		if where == "" {
			d.errorf(n, "", "want a mapping of settings (%s), got %s", strings.Join(known, ", "), describe(n))
		} else {
			d.keyErrorf(n, where, "want %s, got %s", want, describe(n))
		}
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || isNull(k) {
			d.errorf(k, where, "a key must be a name, not %s", describe(k))
			continue
		}
		key := k.Value
		if line, dup := seen[key]; dup {
			d.errorf(k, join(where, key), "key %q repeats the one on line %d", key, line)
			continue
		}
		seen[key] = k.Line
		d.keys[join(where, key)] = k.Line
		if known != nil && !slices.Contains(known, key) {
			in := ""
			if where != "" {
				in = " in " + where
			}
			d.errorf(k, join(where, key), "unknown key %q%s (known: %s)", key, in, strings.Join(known, ", "))
			continue
		}
		fn(key, k, v)
	}
}

// file decodes the top-level mapping.
func (d *decoder) file(n *yaml.Node) {
	d.mapping(n, "", "", topKeys, func(key string, _, v *yaml.Node) {
		if isNull(v) {
			return
		}
		switch key {
		case "fail-on":
			if s, ok := d.str(v, key); ok {
				fo, err := checks.ParseFailOn(s)
				if err != nil {
					d.keyErrorf(v, key, "want error, warning, info or never, got %s", describe(v))
					return
				}
				d.f.FailOn = &fo
				d.set(key, v)
			}
		case "format":
			if s, ok := d.str(v, key); ok {
				if !formatName.MatchString(s) {
					d.keyErrorf(v, key, "want a format name such as table or json, got %s", describe(v))
					return
				}
				d.f.Format = s
				d.set(key, v)
			}
		case "now":
			// YAML reads an unquoted 2026-01-31 as a timestamp, not a string.
			if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
				v.Tag = "!!str"
			}
			if s, ok := d.str(v, key); ok {
				t, err := ParseNow(s)
				if err != nil {
					d.keyErrorf(v, key, "want a date such as 2026-01-31 or an RFC 3339 time, got %s", describe(v))
					return
				}
				d.f.Now = &t
				d.set(key, v)
			}
		case "rules":
			d.f.Checks.Rules = d.ruleSet(v, key)
		case "ignore":
			d.f.Checks.Ignore = d.globs(v, key)
		case "overrides":
			d.overrides(v, key)
		case "links":
			d.links(v, key)
		case "crawl":
			d.crawl(v, key)
		case "check":
			d.check(v, key)
		}
	})
}

// formatName is what a format can be called; the commands check it against
// the reporters.
var formatName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// ruleSet decodes a mapping of rule ids to settings; nil when it sets none.
func (d *decoder) ruleSet(n *yaml.Node, where string) map[string]checks.RuleConfig {
	var out map[string]checks.RuleConfig
	d.mapping(n, where, "a mapping of rule ids to settings", nil, func(id string, k, v *yaml.Node) {
		key := join(where, id)
		r, ok := d.rules[id]
		if !ok {
			d.errorf(k, key, "%s: unknown rule %q (known: %s)", where, id, strings.Join(d.ids, ", "))
			return
		}
		if isNull(v) {
			return
		}
		rc, ok := d.rule(r, v, key)
		if !ok || (rc.Off == nil && rc.Severity == 0 && len(rc.Options) == 0) {
			return
		}
		if out == nil {
			out = map[string]checks.RuleConfig{}
		}
		out[id] = rc
		d.set(key, v)
	})
	return out
}

// rule decodes one rule's settings: "error", "off", or a mapping with
// severity, off and the rule's options.
func (d *decoder) rule(r *checks.Check, v *yaml.Node, key string) (checks.RuleConfig, bool) {
	var rc checks.RuleConfig
	switch v.Kind {
	case yaml.ScalarNode:
		if v.ShortTag() == "!!str" {
			switch strings.ToLower(strings.TrimSpace(v.Value)) {
			case "off":
				rc.Off = ptr(true)
				return rc, true
			case "on":
				rc.Off = ptr(false)
				return rc, true
			}
			if sev, err := checks.ParseSeverity(v.Value); err == nil {
				rc.Severity = sev
				return rc, true
			}
		}
		d.keyErrorf(v, key, "want a severity (error, warning, info), off, on, or a mapping of settings, got %s", describe(v))
		return rc, false
	case yaml.MappingNode:
	default:
		d.keyErrorf(v, key, "want a severity (error, warning, info), off, on, or a mapping of settings, got %s", describe(v))
		return rc, false
	}
	known := slices.Clone(ruleKeys)
	for _, o := range r.Options {
		known = append(known, o.Name)
	}
	ok := true
	d.mapping(v, key, "", nil, func(name string, k, val *yaml.Node) {
		sub := join(key, name)
		if isNull(val) {
			if !slices.Contains(known, name) {
				d.unknownOption(r, k, key, name, known)
			}
			return
		}
		switch name {
		case "severity":
			s, isStr := d.str(val, sub)
			if !isStr {
				ok = false
				return
			}
			sev, err := checks.ParseSeverity(s)
			if err != nil {
				hint := ""
				if strings.EqualFold(strings.TrimSpace(s), "off") {
					hint = " (to turn the rule off, write off: true)"
				}
				d.keyErrorf(val, sub, "want error, warning or info, got %s%s", describe(val), hint)
				ok = false
				return
			}
			rc.Severity = sev
		case "off":
			b, isBool := d.boolean(val, sub)
			if !isBool {
				ok = false
				return
			}
			rc.Off = &b
		default:
			o, found := r.OptionSpec(name)
			if !found {
				d.unknownOption(r, k, key, name, known)
				ok = false
				return
			}
			x, good := d.value(val, sub, o.Default)
			if !good {
				ok = false
				return
			}
			if err := r.CheckOption(name, x); err != nil {
				d.keyErrorf(val, sub, "%v", err)
				ok = false
				return
			}
			if rc.Options == nil {
				rc.Options = map[string]any{}
			}
			rc.Options[name] = x
		}
		d.set(sub, val)
	})
	return rc, ok
}

func (d *decoder) unknownOption(r *checks.Check, k *yaml.Node, key, name string, known []string) {
	if len(r.Options) == 0 {
		d.errorf(k, join(key, name), "%s: unknown key %q: rule %s has no options (known: %s)", key, name, r.ID, strings.Join(known, ", "))
		return
	}
	d.errorf(k, join(key, name), "%s: unknown option %q (known: %s)", key, name, strings.Join(known, ", "))
}

// value decodes a rule option as the type of its default.
func (d *decoder) value(v *yaml.Node, key string, def any) (any, bool) {
	switch def.(type) {
	case int:
		return d.integer(v, key)
	case bool:
		return d.boolean(v, key)
	case string:
		return d.str(v, key)
	case []string:
		s, ok := d.strs(v, key)
		if ok && s == nil {
			s = []string{}
		}
		return s, ok
	case time.Duration:
		return d.duration(v, key)
	}
	d.keyErrorf(v, key, "the rule declares this option with a default of type %T, which a config cannot set", def)
	return nil, false
}

// str reads a string. Numbers are taken as written (a selector or a label
// may look like one); true, false, lists and mappings are not strings.
func (d *decoder) str(v *yaml.Node, key string) (string, bool) {
	if v.Kind == yaml.ScalarNode {
		switch v.ShortTag() {
		case "!!str", "!!int", "!!float":
			return v.Value, true
		}
	}
	hint := ""
	if v.Kind == yaml.MappingNode && len(v.Content) == 2 && isNull(v.Content[1]) && v.Content[0].Line == v.Line {
		hint = ` (quote it: a value ending in ":" reads as a key)`
	}
	d.keyErrorf(v, key, "want a string, got %s%s", describe(v), hint)
	return "", false
}

func (d *decoder) integer(v *yaml.Node, key string) (int, bool) {
	var i int
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&i) != nil {
		d.keyErrorf(v, key, "want a whole number, got %s", describe(v))
		return 0, false
	}
	return i, true
}

func (d *decoder) boolean(v *yaml.Node, key string) (bool, bool) {
	var b bool
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
		d.keyErrorf(v, key, "want true or false, got %s", describe(v))
		return false, false
	}
	return b, true
}

// duration reads a Go duration ("250ms", "15s", "1h30m"); a bare 0 is zero.
func (d *decoder) duration(v *yaml.Node, key string) (time.Duration, bool) {
	if v.Kind == yaml.ScalarNode {
		switch v.ShortTag() {
		case "!!str", "!!int", "!!float":
			if t, err := time.ParseDuration(strings.TrimSpace(v.Value)); err == nil {
				return t, true
			}
		}
	}
	d.keyErrorf(v, key, "want a duration with a unit such as 250ms, 15s or 2h, got %s", describe(v))
	return 0, false
}

// strs reads a list of strings; nil for an empty list.
func (d *decoder) strs(v *yaml.Node, key string) ([]string, bool) {
	v = deref(v)
	if v.Kind != yaml.SequenceNode {
		d.keyErrorf(v, key, "want a list of strings, got %s", describe(v))
		return nil, false
	}
	var out []string
	ok := true
	for i, it := range v.Content {
		it = deref(it)
		s, good := d.str(it, fmt.Sprintf("%s[%d]", key, i))
		if !good {
			ok = false
			continue
		}
		out = append(out, s)
	}
	return out, ok
}

// globs reads a list of site-path globs and checks each.
func (d *decoder) globs(v *yaml.Node, key string) []string {
	v = deref(v)
	list, ok := d.strs(v, key)
	if !ok {
		return nil
	}
	for i, g := range list {
		if msg := badGlob(g); msg != "" {
			d.keyErrorf(v.Content[i], fmt.Sprintf("%s[%d]", key, i), "bad glob %q: %s", g, msg)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	d.set(key, v)
	return list
}

// badGlob says what is wrong with a site-path glob, "" when nothing. The
// engine's globs know only "**", "*" and "?"; anything else is literal, so a
// brace list or a full URL would silently match no page.
func badGlob(g string) string {
	switch {
	case strings.TrimSpace(g) == "":
		return "empty"
	case strings.TrimSpace(g) != g:
		return "leading or trailing spaces"
	case strings.Contains(g, "://"):
		return "globs match site paths such as /blog/**, not URLs"
	case strings.ContainsAny(g, "{}[]"):
		return `only "**", "*" and "?" are special; list each path instead of {a,b} or [ab]`
	case strings.Contains(g, `\`):
		return `site paths use "/", not "\"`
	}
	if err := (checks.Config{Ignore: []string{g}}).Validate(nil); err != nil {
		return err.Error()
	}
	return ""
}

func (d *decoder) overrides(v *yaml.Node, key string) {
	v = deref(v)
	if v.Kind != yaml.SequenceNode {
		d.keyErrorf(v, key, "want a list of overrides (each with paths and rules), got %s", describe(v))
		return
	}
	for i, it := range v.Content {
		it = deref(it)
		where := fmt.Sprintf("%s[%d]", key, i)
		if isNull(it) {
			d.keyErrorf(it, where, "want a mapping with paths and rules, got nothing")
			continue
		}
		var o checks.Override
		var setPaths, setRules bool // given a value, good or bad
		before := len(d.errs)
		d.mapping(it, where, "a mapping with paths and rules", overrideKeys, func(name string, _, val *yaml.Node) {
			if isNull(val) {
				return
			}
			sub := join(where, name)
			switch name {
			case "paths":
				setPaths = true
				before := len(d.errs)
				o.Paths = d.globs(val, sub)
				if len(o.Paths) == 0 && len(d.errs) == before {
					d.keyErrorf(val, sub, "no globs: list the site paths this override applies to")
				}
			case "rules":
				setRules = true
				before := len(d.errs)
				o.Rules = d.ruleSet(val, sub)
				if len(o.Rules) == 0 && len(d.errs) == before {
					d.keyErrorf(val, sub, "no rule settings: say what this override changes")
				}
			}
		})
		if len(d.errs) > before {
			continue // the mistakes inside say enough
		}
		if !setPaths {
			d.keyErrorf(it, where, "paths is missing: the site-path globs this override applies to")
		}
		if !setRules {
			d.keyErrorf(it, where, "rules is missing: the rule settings this override applies")
		}
		if len(o.Paths) > 0 && len(o.Rules) > 0 {
			d.f.Checks.Overrides = append(d.f.Checks.Overrides, o)
		}
	}
}

func (d *decoder) links(v *yaml.Node, key string) {
	d.mapping(v, key, "a mapping with exclude and include", linksKeys, func(name string, _, val *yaml.Node) {
		if isNull(val) {
			return
		}
		sub := join(key, name)
		srcs, ok := d.strs(val, sub)
		if !ok {
			return
		}
		var res []*regexp.Regexp
		for i, s := range srcs {
			re, err := regexp.Compile(s)
			if err != nil {
				msg := err.Error()
				var se *syntax.Error
				if errors.As(err, &se) {
					msg = se.Code.String()
				}
				d.keyErrorf(deref(val).Content[i], fmt.Sprintf("%s[%d]", sub, i), "bad regular expression %q: %s", s, msg)
				ok = false
				continue
			}
			res = append(res, re)
		}
		if !ok || len(srcs) == 0 {
			return
		}
		if name == "exclude" {
			d.f.Links.Exclude, d.f.Links.ExcludeSources = res, srcs
		} else {
			d.f.Links.Include, d.f.Links.IncludeSources = res, srcs
		}
		d.set(sub, val)
	})
}

func (d *decoder) crawl(v *yaml.Node, key string) {
	c := &d.f.Crawl
	d.mapping(v, key, "a mapping of crawl settings", crawlKeys, func(name string, _, val *yaml.Node) {
		if isNull(val) {
			return
		}
		sub := join(key, name)
		var ok bool
		switch name {
		case "max-pages":
			c.MaxPages, ok = d.intAtLeast(val, sub, 0, "0 (no limit) or more")
		case "max-depth":
			c.MaxDepth, ok = d.intAtLeast(val, sub, -1, "-1 (no limit) or more")
		case "concurrency":
			c.Concurrency, ok = d.intAtLeast(val, sub, 1, "at least 1")
		case "max-url-length":
			c.MaxURLLength, ok = d.intAtLeast(val, sub, 0, "0 (no limit) or more")
		case "max-per-pattern":
			c.MaxPerPattern, ok = d.intAtLeast(val, sub, 0, "0 (no limit) or more")
		case "max-duration":
			var t time.Duration
			if t, ok = d.duration(val, sub); ok && t < 0 {
				d.keyErrorf(val, sub, "must not be negative, not %v (0 for no limit)", t)
				ok = false
			}
			if ok {
				c.MaxDuration = &t
			}
		case "delay":
			var t time.Duration
			if t, ok = d.duration(val, sub); ok && t < 0 {
				d.keyErrorf(val, sub, "must not be negative, not %v", t)
				ok = false
			}
			if ok {
				c.Delay = &t
			}
		case "timeout":
			var t time.Duration
			if t, ok = d.duration(val, sub); ok && t <= 0 {
				d.keyErrorf(val, sub, "must be positive, not %v", t)
				ok = false
			}
			if ok {
				c.Timeout = &t
			}
		case "user-agent":
			var s string
			if s, ok = d.str(val, sub); ok && strings.TrimSpace(s) == "" {
				d.keyErrorf(val, sub, "must not be empty (leave the key out for the default)")
				ok = false
			}
			if ok {
				c.UserAgent = &s
			}
		case "scope":
			var s string
			if s, ok = d.str(val, sub); ok && !strings.HasPrefix(s, "/") {
				d.keyErrorf(val, sub, "want a path starting with /, such as /blog/, got %s", describe(val))
				ok = false
			}
			if ok {
				c.Scope = &s
			}
		case "ignore-robots":
			c.IgnoreRobots, ok = d.boolPtr(val, sub)
		case "skip-external":
			c.SkipExternal, ok = d.boolPtr(val, sub)
		}
		if ok {
			d.set(sub, val)
		}
	})
}

func (d *decoder) check(v *yaml.Node, key string) {
	c := &d.f.Check
	d.mapping(v, key, "a mapping of check settings", checkKeys, func(name string, _, val *yaml.Node) {
		if isNull(val) {
			return
		}
		sub := join(key, name)
		var ok bool
		switch name {
		case "base-url":
			var s string
			if s, ok = d.str(val, sub); ok {
				u, err := url.Parse(strings.TrimSpace(s))
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					d.keyErrorf(val, sub, "want an absolute http:// or https:// URL such as https://example.org/, got %s", describe(val))
					ok = false
				}
			}
			if ok {
				c.BaseURL = &s
			}
		case "root":
			var s string
			if s, ok = d.str(val, sub); ok && strings.TrimSpace(s) == "" {
				d.keyErrorf(val, sub, "must not be empty (leave the key out for the folder given)")
				ok = false
			}
			if ok {
				// Relative to the config file, not to wherever pagelint runs.
				s = filepath.FromSlash(s)
				if !filepath.IsAbs(s) {
					s = filepath.Join(filepath.Dir(d.name), s)
				}
				c.Root = &s
			}
		case "pretty-urls":
			c.PrettyURLs, ok = d.boolPtr(val, sub)
		case "check-external":
			c.CheckExternal, ok = d.boolPtr(val, sub)
		}
		if ok {
			d.set(sub, val)
		}
	})
}

func (d *decoder) intAtLeast(v *yaml.Node, key string, least int, want string) (*int, bool) {
	i, ok := d.integer(v, key)
	if !ok {
		return nil, false
	}
	if i < least {
		d.keyErrorf(v, key, "must be %s, not %d", want, i)
		return nil, false
	}
	return &i, true
}

func (d *decoder) boolPtr(v *yaml.Node, key string) (*bool, bool) {
	b, ok := d.boolean(v, key)
	if !ok {
		return nil, false
	}
	return &b, true
}

func ptr[T any](v T) *T { return &v }
