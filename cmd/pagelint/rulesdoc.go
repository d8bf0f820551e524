package main

import (
	"fmt"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// rulesMarkdown renders the registry as docs/rules.md: every rule's id,
// severity, modes, summary, explanation and options. A test keeps the file
// in step with the code (go test ./cmd/pagelint -run TestRulesDoc -update).
func rulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("Generated from the rule registry (`pagelint rules`); do not edit by hand: run\n")
	b.WriteString("`go test ./cmd/pagelint -run TestRulesDoc -update` after changing a rule.\n\n")
	b.WriteString("| rule | default severity | modes | summary |\n| --- | --- | --- | --- |\n")
	for _, c := range checks.All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", c.ID, c.ID, c.Severity, modesOf(c), strings.ReplaceAll(c.Summary, "|", `\|`))
	}
	for _, c := range checks.All() {
		fmt.Fprintf(&b, "\n## %s\n\n", c.ID)
		fmt.Fprintf(&b, "Default severity **%s**; runs in %s mode.\n\n", c.Severity, strings.ReplaceAll(modesOf(c), ", ", " and "))
		fmt.Fprintf(&b, "%s.\n\n", upperFirst(c.Summary))
		b.WriteString("```text\n" + strings.TrimSpace(c.Doc) + "\n```\n\n")
		fmt.Fprintf(&b, "**Fix:** %s\n", c.Help)
		if len(c.Options) > 0 {
			b.WriteString("\n| option | default | meaning |\n| --- | --- | --- |\n")
			for _, o := range c.Options {
				fmt.Fprintf(&b, "| `%s` | `%v` | %s |\n", o.Name, o.Default, strings.ReplaceAll(o.Doc, "|", `\|`))
			}
		}
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
