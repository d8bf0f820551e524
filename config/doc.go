// Package config reads .pagelint.yml: per-rule severities and options, path
// overrides, ignored pages, link excludes, crawl and check settings. A file is
// checked whole before any page is read, against the rules of the registry it
// is given, and every mistake is reported as FILE:LINE: with the key it
// concerns (an unknown key, a value of the wrong type, an unknown rule or
// option, a bad severity, regular expression, glob or duration).
//
// The file only says what it sets: every setting outside Checks is a pointer
// or a nil slice when the file leaves it out, so the commands can layer
// defaults < file < flags given on the command line:
//
//	f, err := config.Load(path, checks.All())
//	if err != nil {
//		return err // exit 2; the message starts with FILE:LINE:
//	}
//	if !cmd.Flags().Changed("max-pages") && f.Crawl.MaxPages != nil {
//		o.maxPages = *f.Crawl.MaxPages
//	}
//
// The YAML is decoded through yaml.Node by hand rather than into tagged
// structs, so that every error carries a line and only known keys pass.
//
// It imports checks (for the rule registry and checks.Config), never crawler
// or report: the commands check a format name against report.Formats() and
// can point at the line with File.Errorf.
package config
