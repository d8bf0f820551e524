package main

import (
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/config"
	"github.com/pagelint/pagelint/page"
	"github.com/spf13/cobra"
)

func newRulesCmd(d *deps) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "rules [RULE]",
		Short: "List every rule, or explain one",
		Long: `rules lists every rule with its severity, the modes it runs in and a summary.
With --config, the severity column shows what that config makes of each rule
("off" for rules it turns off). With a rule id, it explains that rule: what it
flags, why it matters, how to fix it, and its options.`,
		Example: `  pagelint rules
  pagelint rules broken-link
  pagelint rules --config .pagelint.yml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				return explainRule(d, args[0])
			}
			var cfg checks.Config
			if configPath != "" {
				file, err := config.Load(configPath, checks.All())
				if err != nil {
					return err
				}
				cfg = file.Checks
			}
			return listRules(d, cfg, configPath != "")
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "show the severities this config file sets")
	return cmd
}

func listRules(d *deps, cfg checks.Config, configured bool) error {
	t := tablewriter.NewWriter(d.stdout)
	head := "Severity"
	if configured {
		head = "Severity (config)"
	}
	t.Header("Rule", head, "Modes", "Summary")
	for _, c := range checks.All() {
		sev := c.Severity.String()
		if on, s := cfg.Base(c); !on {
			sev = "off"
		} else if s != c.Severity {
			sev = fmt.Sprintf("%s (default %s)", s, c.Severity)
		}
		if err := t.Append(c.ID, sev, modesOf(c), c.Summary); err != nil {
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
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s; runs in %s)\n\n%s\n\n%s\n\nFix: %s\n", c.ID, c.Severity, modesOf(c), c.Summary, c.Doc, c.Help)
	if len(c.Options) > 0 {
		b.WriteString("\nOptions (under rules." + c.ID + " in .pagelint.yml):\n")
		for _, o := range c.Options {
			fmt.Fprintf(&b, "  %s: %v\n      %s\n", o.Name, o.Default, o.Doc)
		}
	}
	_, err := fmt.Fprint(d.stdout, b.String())
	return err
}
