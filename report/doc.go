// Package report renders what a run produced: findings in, bytes out to an
// io.Writer, one file per format (golangci-lint's printers). Reporters are
// pure: they do no I/O of their own beyond the writer, never sort (the
// engine already ordered and fingerprinted the findings), and never decide
// exit codes (that is checks.FailOn, read by the CLI).
//
// The json format is the stable contract of spec/findings.md; it is built
// from wire structs with explicit tags so that renaming a Go field cannot
// change the output. The table format is for people at a terminal.
//
// Text that comes from pages (messages, evidence, targets, even file names)
// is untrusted: the table format replaces control characters so a page
// cannot move the cursor, clear the screen or recolour the terminal.
//
// report may import checks; it never imports crawler, config or cmd.
package report
