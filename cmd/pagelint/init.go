package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/config"
	"github.com/spf13/cobra"
)

func newInitCmd(d *deps) *cobra.Command {
	var path string
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter .pagelint.yml",
		Long: `init writes a starter config file that lists every setting and every rule with its
default severity and options, all commented out, so the file changes nothing until
you edit it.`,
		Example: `  pagelint init
  pagelint init --path site/.pagelint.yml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := os.Stat(path); err == nil && !force {
				return fmt.Errorf("%s already exists (use --force to overwrite it)", path)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("init %s: %w", path, err)
			}
			if err := writeFileAtomic(path, []byte(config.Starter(checks.All()))); err != nil {
				return err
			}
			_, err := fmt.Fprintf(d.stdout, "wrote %s\n", path)
			return err
		},
	}
	cmd.Flags().StringVar(&path, "path", ".pagelint.yml", "where to write the config")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}
