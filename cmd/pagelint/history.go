package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pagelint/pagelint/history"
	"github.com/spf13/cobra"
)

type historyOptions struct {
	file   string
	target string
	format string
}

func newHistoryCmd(d *deps) *cobra.Command {
	var o historyOptions
	cmd := &cobra.Command{
		Use:   "history FILE",
		Short: "List the runs stored in a history file",
		Long: `history lists the runs that check and crawl stored with --history FILE, oldest
first: when each started, its target, how long it took, how many pages it
checked, whether it was complete, and its findings per severity. A run's id is
what pagelint diff takes after the #: FILE#3, or FILE#latest and FILE#-1 for
the newest run and the one before it.`,
		Example: `  pagelint history site-history.db
  pagelint history site-history.db --target https://example.org/
  pagelint diff site-history.db#-1 site-history.db#latest`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			return runHistory(d, o)
		},
	}
	cmd.Flags().StringVar(&o.target, "target", "", "list only the runs of this target (start URL or folder)")
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table or json")
	return cmd
}

type historyRunJSON struct {
	ID          int64  `json:"id"`
	Target      string `json:"target"`
	Start       string `json:"start"`
	DurationMS  int64  `json:"duration_ms"`
	Pages       int    `json:"pages"`
	Complete    bool   `json:"complete"`
	ToolVersion string `json:"tool_version"`
	ConfigHash  string `json:"config_hash"`
	Error       int    `json:"error"`
	Warning     int    `json:"warning"`
	Info        int    `json:"info"`
}

func runHistory(d *deps, o historyOptions) error {
	if o.format != "table" && o.format != "json" {
		return fmt.Errorf("unknown --format %q (want table or json)", o.format)
	}
	// Open would create a missing file; a typo must not leave an empty database behind.
	if _, err := os.Stat(o.file); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	s, err := history.Open(d.ctx, o.file)
	if err != nil {
		return err
	}
	defer s.Close()
	runs, err := s.Runs(d.ctx, o.target)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if o.format == "json" {
		out := make([]historyRunJSON, 0, len(runs))
		for _, r := range runs {
			out = append(out, historyRunJSON{ID: r.ID, Target: r.Target, Start: r.Start.UTC().Format(time.RFC3339),
				DurationMS: r.Duration.Milliseconds(), Pages: r.Pages, Complete: r.Complete, ToolVersion: r.ToolVersion,
				ConfigHash: r.ConfigHash, Error: r.Errors, Warning: r.Warnings, Info: r.Infos})
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]any{"schema": "pagelint/history@1", "runs": out}); err != nil {
			return err
		}
	} else {
		if len(runs) == 0 {
			fmt.Fprintf(&buf, "no runs in %s\n", termSafe(o.file))
		} else {
			tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tSTARTED (UTC)\tTARGET\tDURATION\tPAGES\tCOMPLETE\tERRORS\tWARNINGS\tINFO\tVERSION\tCONFIG")
			for _, r := range runs {
				complete := "yes"
				if !r.Complete {
					complete = "no"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%s\t%s\n", r.ID, r.Start.UTC().Format("2006-01-02 15:04:05"),
					termSafe(r.Target), r.Duration.Round(100*time.Millisecond), r.Pages, complete, r.Errors, r.Warnings, r.Infos,
					termSafe(r.ToolVersion), termSafe(r.ConfigHash))
			}
			tw.Flush()
		}
	}
	_, err = d.stdout.Write(buf.Bytes())
	return err
}

// termSafe keeps text read from a file from moving the cursor or breaking
// a table row: controls and bidirectional overrides become U+FFFD.
func termSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
