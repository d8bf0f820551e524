package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/report"
	"github.com/spf13/cobra"
)

// deps are what commands need from the outside world, so tests can replace them.
type deps struct {
	ctx    context.Context
	caught func() os.Signal
	stdout io.Writer
	stderr io.Writer
}

func newRootCmd(ctx context.Context, caught func() os.Signal, stdout, stderr io.Writer) *cobra.Command {
	d := &deps{ctx: ctx, caught: caught, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "pagelint",
		Short: "Find what is wrong with the pages of a website",
		Long: `pagelint finds what is wrong with the pages of a website before readers and search
engines do: broken links, navigation rendered several times, cut-off excerpts,
reviewer bylines without a review date, and more. It reads a built site folder
(check) or crawls a live site (crawl).`,
		Example: `  pagelint check public/
  pagelint crawl https://example.org/ --skip-external
  pagelint rules`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return err })
	root.AddCommand(newCheckCmd(d), newCrawlCmd(d), newRulesCmd(d), newVersionCmd(d))
	return root
}

// outputOptions are the flags every linting command shares.
type outputOptions struct {
	format string
	output string
	failOn string
	quiet  bool
}

func (o *outputOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "table", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning, info or never")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no progress line")
}

// validate checks the shared flags before any work starts.
func (o *outputOptions) validate() (checks.FailOn, error) {
	if !isFormat(o.format) {
		return checks.FailOn{}, fmt.Errorf("unknown --format %q (want one of %s)", o.format, strings.Join(report.Formats(), ", "))
	}
	return checks.ParseFailOn(o.failOn)
}

func isFormat(name string) bool {
	for _, f := range report.Formats() {
		if f == name {
			return true
		}
	}
	return false
}

// lint runs the rules over pages that read() hands to the runner, then
// writes the report and turns the outcome into an error for run().
func lint(d *deps, out outputOptions, site *page.Site, read func(handle func(*page.Page)) (runResult, error)) error {
	failOn, err := out.validate()
	if err != nil {
		return err
	}
	runner := checks.NewRunner(site, checks.All(), time.Now().UTC())
	res, err := read(runner.Page)
	if err != nil {
		return err
	}
	findings, ruleErr := runner.Finish()
	if sig := d.caught(); sig != nil {
		res.complete = false
	}
	r := report.Run{
		Target:   res.target,
		Pages:    res.pages,
		Complete: res.complete,
		Notices:  res.notices,
		Findings: findings,
	}
	if err := writeReport(d, out, r); err != nil {
		return err
	}
	switch {
	case d.caught() != nil:
		return interruptedError{sig: d.caught()}
	case ruleErr != nil:
		return fmt.Errorf("some rules could not judge every page, so this report may miss findings:\n%w", ruleErr)
	case failOn.Fails(findings):
		return errFailOn
	}
	return nil
}

// runResult is what a reader reports about its run, whatever its kind.
type runResult struct {
	target   string
	pages    int
	complete bool
	notices  []string
}

func writeReport(d *deps, out outputOptions, r report.Run) error {
	opts := report.Options{Color: out.output == "" && colorWanted(d.stdout)}
	if out.output == "" {
		return report.Write(d.stdout, out.format, r, opts)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, out.format, r, opts); err != nil {
		return err
	}
	return writeFileAtomic(out.output, buf.Bytes())
}

// writeFileAtomic writes through a temporary file and a rename, so a reader
// never sees half a report, even if the run is killed while writing.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// colorWanted honours NO_COLOR (https://no-color.org) and colours only terminals.
func colorWanted(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}
