// Package report renders what a run produced: findings in, bytes out to an
// io.Writer, one file per format (golangci-lint's printers). Reporters are
// pure: they do no I/O of their own beyond the writer, never sort (the
// engine already ordered and fingerprinted the findings; only markdown's
// "top findings" reorders a copy), and never decide exit codes (that is
// checks.FailOn, read by the CLI). The CI formats do ask the same question
// as the exit code (failing: at or above --fail-on and, with a baseline,
// new) so that a JUnit failure or a ❌ never disagrees with it.
//
// The json format is the stable contract of spec/findings.md; it is built
// from wire structs with explicit tags so that renaming a Go field cannot
// change the output. The table format is for people at a terminal. sarif
// (GitHub code scanning), junit (GitLab, Jenkins, CircleCI), github
// (workflow commands that annotate a pull request) and markdown (a PR
// comment or $GITHUB_STEP_SUMMARY) are for CI; docs/formats.md describes
// each.
//
// Text that comes from pages (messages, evidence, targets, even file names)
// is untrusted: the table format replaces control characters so a page
// cannot move the cursor, clear the screen or recolour the terminal; github
// escapes it so it cannot start a workflow command; markdown escapes it so
// it cannot add markup, break a table or mention anyone; junit drops what
// XML 1.0 forbids.
//
// report may import checks; it never imports crawler, config or cmd.
package report
