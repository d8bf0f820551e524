package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/pagelint/pagelint/diff"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	from, to string
	format   string
	output   string
}

func newDiffCmd(d *deps) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two runs: new, fixed and persisting findings",
		Long: `diff compares two runs and lists the findings that are new in NEW, fixed since
OLD, and still there, per rule and per page. Findings are matched by their
fingerprint, so a finding that only moved to another line is the same finding.

Each side is a JSON report (--format json) or a run in a history file
(--history FILE): FILE#latest is the newest run, FILE#-1 the one before it,
FILE#-N the Nth before it, and FILE#ID the run with that id (pagelint history
FILE lists them).

A finding of OLD on a page that NEW did not check (a crawl stopped early, a
page no longer linked) is "not checked", never "fixed". A JSON report does not
list the pages it checked: when NEW is a complete JSON report every page counts
as checked; when it is incomplete, only the pages it has findings on.`,
		Example: `  pagelint diff site-history.db#-1 site-history.db#latest
  pagelint diff last-week.json today.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  pagelint diff site-history.db#12 today.json --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.from, o.to = args[0], args[1]
			return runDiff(d, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: "+strings.Join(diff.Formats(), ", "))
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func runDiff(d *deps, o diffOptions) error {
	if !slices.Contains(diff.Formats(), o.format) {
		return fmt.Errorf("unknown --format %q (want %s)", o.format, strings.Join(diff.Formats(), ", "))
	}
	from, err := diff.Load(d.ctx, o.from)
	if err != nil {
		return err
	}
	to, err := diff.Load(d.ctx, o.to)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := diff.Write(&buf, o.format, diff.Compare(from, to)); err != nil {
		return err
	}
	if o.output != "" {
		return writeFileAtomic(o.output, buf.Bytes())
	}
	_, err = d.stdout.Write(buf.Bytes())
	return err
}
