package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// deps are what commands need from the outside world, so tests can replace them.
type deps struct {
	ctx    context.Context
	stdin  io.Reader
	caught func() os.Signal
	stdout io.Writer
	stderr io.Writer
}

func newRootCmd(ctx context.Context, caught func() os.Signal, stdout, stderr io.Writer) *cobra.Command {
	d := &deps{ctx: ctx, stdin: os.Stdin, caught: caught, stdout: stdout, stderr: stderr}
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
	root.AddCommand(newCheckCmd(d), newCrawlCmd(d), newRulesCmd(d), newInitCmd(d), newVersionCmd(d), newHistoryCmd(d), newDiffCmd(d))
	return root
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
	// CreateTemp makes the file private (0600); a report is an ordinary file.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
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
