package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// An Option is a setting a rule reads, with its default. The default's Go
// type is the option's type: int, bool, string or []string.
type Option struct {
	Name    string // kebab-case key under the rule in .pagelint.yml
	Default any
	Doc     string
}

// Config adjusts the rules of a run: which run, at what severity, with which
// options, and differently under some paths. The zero value runs every rule
// with its defaults.
type Config struct {
	Rules     map[string]RuleConfig // by rule id
	Overrides []Override            // in order; a later match wins
	Ignore    []string              // site-path globs of pages that get no findings

	globs map[string]*regexp.Regexp // compiled once by compileGlobs
}

// compileGlobs compiles every path glob of the config once, so matching a
// page against the overrides costs no regexp compilation.
func (c *Config) compileGlobs() {
	c.globs = map[string]*regexp.Regexp{}
	add := func(gs []string) {
		for _, g := range gs {
			if re, err := compileGlob(g); err == nil {
				c.globs[g] = re
			}
		}
	}
	add(c.Ignore)
	for _, o := range c.Overrides {
		add(o.Paths)
	}
}

// matchPath is MatchAnyPath with the config's compiled globs.
func (c Config) matchPath(globs []string, sitePath string) bool {
	for _, g := range globs {
		re, ok := c.globs[g]
		if !ok {
			var err error
			if re, err = compileGlob(g); err != nil {
				continue
			}
		}
		if re.MatchString(sitePath) {
			return true
		}
	}
	return false
}

// RuleConfig is what a config says about one rule. Unset fields keep what
// the rule (or an earlier layer) had.
type RuleConfig struct {
	Off      *bool
	Severity Severity // 0: unchanged
	Options  map[string]any
}

// An Override applies rule settings to the pages whose site path matches one
// of its globs ("/blog/**", "/docs/*.html").
type Override struct {
	Paths []string
	Rules map[string]RuleConfig
}

// effective is a rule's resolved setting on one page.
type effective struct {
	on       bool
	severity Severity
	options  map[string]any
}

// resolve layers the base rules and the overrides matching sitePath over the
// rule's defaults.
func (c Config) resolve(rule *Check, sitePath string) effective {
	e := effective{on: true, severity: rule.Severity}
	apply := func(rc RuleConfig) {
		if rc.Off != nil {
			e.on = !*rc.Off
		}
		if rc.Severity != 0 {
			e.severity = rc.Severity
		}
		if len(rc.Options) > 0 {
			merged := make(map[string]any, len(e.options)+len(rc.Options))
			for k, v := range e.options {
				merged[k] = v
			}
			for k, v := range rc.Options {
				merged[k] = v
			}
			e.options = merged
		}
	}
	if rc, ok := c.Rules[rule.ID]; ok {
		apply(rc)
	}
	for _, o := range c.Overrides {
		if rc, ok := o.Rules[rule.ID]; ok && c.matchPath(o.Paths, sitePath) {
			apply(rc)
		}
	}
	return e
}

// Validate reports unknown rule ids, unknown options and options of the wrong
// type. Config files are checked with their own line numbers first; this is
// the last line of defence for configs built in code.
func (c Config) Validate(rules []*Check) error {
	byID := map[string]*Check{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	check := func(where string, m map[string]RuleConfig) error {
		for id, rc := range m {
			r, ok := byID[id]
			if !ok {
				return fmt.Errorf("%s: unknown rule %q", where, id)
			}
			for name, v := range rc.Options {
				if err := r.CheckOption(name, v); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
			}
		}
		return nil
	}
	if err := check("rules", c.Rules); err != nil {
		return err
	}
	for i, o := range c.Overrides {
		if err := check(fmt.Sprintf("overrides[%d]", i), o.Rules); err != nil {
			return err
		}
		for _, g := range o.Paths {
			if _, err := compileGlob(g); err != nil {
				return err
			}
		}
	}
	for _, g := range c.Ignore {
		if _, err := compileGlob(g); err != nil {
			return err
		}
	}
	return nil
}

// OptionSpec returns the rule's option called name.
func (c *Check) OptionSpec(name string) (Option, bool) {
	for _, o := range c.Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// CheckOption reports whether v is a valid value for the rule's option name.
func (c *Check) CheckOption(name string, v any) error {
	o, ok := c.OptionSpec(name)
	if !ok {
		var names []string
		for _, o := range c.Options {
			names = append(names, o.Name)
		}
		if len(names) == 0 {
			return fmt.Errorf("rule %s has no options (got %q)", c.ID, name)
		}
		return fmt.Errorf("rule %s has no option %q (known: %s)", c.ID, name, strings.Join(names, ", "))
	}
	if !sameOptionType(o.Default, v) {
		return fmt.Errorf("rule %s option %s: want %s, got %T", c.ID, name, optionTypeName(o.Default), v)
	}
	return nil
}

func sameOptionType(def, v any) bool {
	switch def.(type) {
	case int:
		_, ok := v.(int)
		return ok
	case bool:
		_, ok := v.(bool)
		return ok
	case string:
		_, ok := v.(string)
		return ok
	case []string:
		_, ok := v.([]string)
		return ok
	case time.Duration:
		_, ok := v.(time.Duration)
		return ok
	}
	return false
}

func optionTypeName(def any) string {
	switch def.(type) {
	case int:
		return "a whole number"
	case bool:
		return "true or false"
	case string:
		return "a string"
	case []string:
		return "a list of strings"
	case time.Duration:
		return "a duration such as 24h"
	}
	return fmt.Sprintf("%T", def)
}

// MatchAnyPath reports whether a site path matches one of the globs.
func MatchAnyPath(globs []string, sitePath string) bool {
	for _, g := range globs {
		re, err := compileGlob(g)
		if err == nil && re.MatchString(sitePath) {
			return true
		}
	}
	return false
}

// compileGlob turns a path glob into a regexp: "**" matches across "/", "*"
// and "?" within one segment. A glob without a leading "/" matches at any depth.
func compileGlob(g string) (*regexp.Regexp, error) {
	if g == "" {
		return nil, fmt.Errorf("empty path glob")
	}
	var b strings.Builder
	b.WriteString("^")
	if !strings.HasPrefix(g, "/") {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("path glob %q: %w", g, err)
	}
	return re, nil
}

// Enabled lists the rules the config leaves on somewhere (in the base rules
// or in an override), sorted by id. Rules off everywhere are dropped.
func (c Config) Enabled(rules []*Check) []*Check {
	var out []*Check
	for _, r := range rules {
		on := true
		if rc, ok := c.Rules[r.ID]; ok && rc.Off != nil {
			on = !*rc.Off
		}
		for _, o := range c.Overrides {
			if rc, ok := o.Rules[r.ID]; ok && rc.Off != nil && !*rc.Off {
				on = true
			}
		}
		if on {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Check) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Base returns the rule's on/off state and severity under the base rules of
// the config, before any path override (for `pagelint rules --config`).
func (c Config) Base(r *Check) (on bool, sev Severity) {
	on, sev = true, r.Severity
	if rc, ok := c.Rules[r.ID]; ok {
		if rc.Off != nil {
			on = !*rc.Off
		}
		if rc.Severity != 0 {
			sev = rc.Severity
		}
	}
	return on, sev
}

// option returns the value of a rule option: the configured one, else the default.
func option(rule *Check, opts map[string]any, name string) any {
	if v, ok := opts[name]; ok {
		return v
	}
	if o, ok := rule.OptionSpec(name); ok {
		return o.Default
	}
	panic(fmt.Sprintf("rule %s reads undeclared option %q", rule.ID, name))
}

// Options read by rules. A rule reads only options it declares, so a wrong
// name is a programming error caught by the rule's tests.
type optionReader struct {
	rule *Check
	opts map[string]any
}

// IntOption returns the rule's int option name.
func (o optionReader) IntOption(name string) int { return option(o.rule, o.opts, name).(int) }

// BoolOption returns the rule's bool option name.
func (o optionReader) BoolOption(name string) bool { return option(o.rule, o.opts, name).(bool) }

// StringOption returns the rule's string option name.
func (o optionReader) StringOption(name string) string {
	return option(o.rule, o.opts, name).(string)
}

// StringsOption returns the rule's list option name.
func (o optionReader) StringsOption(name string) []string {
	return option(o.rule, o.opts, name).([]string)
}

// DurationOption returns the rule's duration option name.
func (o optionReader) DurationOption(name string) time.Duration {
	return option(o.rule, o.opts, name).(time.Duration)
}
