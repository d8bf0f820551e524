package main

import (
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/page"
	"github.com/spf13/cobra"
)

func newRulesCmd(d *deps) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [RULE]",
		Short: "List every rule, or explain one",
		Example: `  pagelint rules
  pagelint rules broken-link`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				return explainRule(d, args[0])
			}
			return listRules(d)
		},
	}
}

func listRules(d *deps) error {
	t := tablewriter.NewWriter(d.stdout)
	t.Header("Rule", "Severity", "Modes", "Summary")
	for _, c := range checks.All() {
		if err := t.Append(c.ID, c.Severity.String(), modesOf(c), c.Summary); err != nil {
			return err
		}
	}
	return t.Render()
}

func modesOf(c *checks.Check) string {
	var modes []string
	for _, m := range []page.Mode{page.ModeCheck, page.ModeCrawl} {
		if c.RunsIn(m) {
			modes = append(modes, string(m))
		}
	}
	return strings.Join(modes, ", ")
}

func explainRule(d *deps, id string) error {
	c, ok := checks.Lookup(id)
	if !ok {
		var ids []string
		for _, c := range checks.All() {
			ids = append(ids, c.ID)
		}
		return fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(ids, ", "))
	}
	_, err := fmt.Fprintf(d.stdout, "%s (%s; runs in %s)\n\n%s\n\n%s\n\nFix: %s\n", c.ID, c.Severity, modesOf(c), c.Summary, c.Doc, c.Help)
	return err
}
