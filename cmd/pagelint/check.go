package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pagelint/pagelint/config"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	lint          lintOptions
	links         linkFlags
	root          string
	baseURL       string
	prettyURLs    bool
	checkExternal bool
	timeout       time.Duration
	userAgent     string
	pages         []string
	pagesFrom     string
}

func newCheckCmd(d *deps) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check PATH...",
		Short: "Lint a built site folder or HTML files, without a server",
		Long: `check reads the .html and .htm files under the given folders (or the given files)
and runs every rule on them. Root-relative links resolve against the site root:
the folder given, or --root. a/index.html is the page /a/; with --pretty-urls,
a.html is also /a. Links to other sites are not checked unless --check-external.`,
		Example: `  # lint a Hugo or Jekyll build
  pagelint check public/

  # the site is served at https://example.org/docs/: links to that address resolve in the folder
  pagelint check _site --base-url https://example.org/docs/

  # machine-readable output for CI, never failing the job
  pagelint check public --format json --fail-on never > findings.json

  # only the pages a change touched, failing only on findings not in the baseline
  git diff --name-only origin/main -- public | pagelint check public --pages-from - --baseline .pagelint-baseline.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(d, cmd, o, args)
		},
	}
	o.lint.register(cmd)
	f := cmd.Flags()
	o.links.register(f)
	f.StringVar(&o.root, "root", "", "the site root folder that /paths resolve against (default: the folder given)")
	f.StringVar(&o.baseURL, "base-url", "", "the address the folder is served at, e.g. https://example.org/; links to it resolve in the folder and findings get absolute URLs")
	f.BoolVar(&o.prettyURLs, "pretty-urls", false, "serve a.html at /a as well, as many static hosts do")
	f.BoolVar(&o.checkExternal, "check-external", false, "also check links to other sites over HTTP")
	f.DurationVar(&o.timeout, "timeout", 15*time.Second, "per-request timeout for --check-external")
	f.StringVar(&o.userAgent, "user-agent", defaultUserAgent(), "User-Agent header for --check-external")
	f.StringArrayVar(&o.pages, "page", nil, "lint only this page (repeatable; relative to the site root or the current directory); the whole folder still resolves links")
	f.StringVar(&o.pagesFrom, "pages-from", "", "lint only the pages listed in this file, one per line (- for standard input)")
	return cmd
}

func runCheck(d *deps, cmd *cobra.Command, o checkOptions, paths []string) error {
	plan, err := o.lint.prepare(cmd)
	if err != nil {
		return err
	}
	if file := plan.file; file != nil {
		changed := cmd.Flags().Changed
		setString(&o.baseURL, file.Check.BaseURL, !changed("base-url"))
		setString(&o.root, file.Check.Root, !changed("root"))
		setBool(&o.prettyURLs, file.Check.PrettyURLs, !changed("pretty-urls"))
		setBool(&o.checkExternal, file.Check.CheckExternal, !changed("check-external"))
		setDuration(&o.timeout, file.Crawl.Timeout, !changed("timeout"))
		setString(&o.userAgent, file.Crawl.UserAgent, !changed("user-agent"))
	}
	opts := crawler.FolderOptions{Paths: paths, Root: o.root, BaseURL: o.baseURL, PrettyURLs: o.prettyURLs}
	if o.pages != nil || o.pagesFrom != "" {
		opts.Pages = append([]string{}, o.pages...)
		if o.pagesFrom != "" {
			listed, err := readPageList(d, o.pagesFrom)
			if err != nil {
				return err
			}
			opts.Pages = append(opts.Pages, listed...)
		}
	}
	if o.checkExternal {
		ext, err := o.links.external(o.timeout, o.userAgent)
		if err != nil {
			return err
		}
		addConfigLinks(ext, plan.file)
		opts.External = ext
	}
	folder, site, err := crawler.NewFolder(opts)
	if err != nil {
		return err
	}
	root := o.root
	if root == "" {
		root = folder.Root()
	}
	return lint(d, plan, site, lintRun{mode: page.ModeCheck, siteRoot: root}, func(handle func(*page.Page)) (runResult, error) {
		res, err := folder.Run(d.ctx, handle)
		if err != nil {
			return runResult{}, err
		}
		if res.Pages == 0 && len(res.Notices) == 0 && opts.Pages == nil {
			return runResult{}, errors.New("no .html or .htm files found in " + res.Target)
		}
		return runResult{target: res.Target, pages: res.Pages, complete: res.Complete, notices: res.Notices}, nil
	})
}

// addConfigLinks adds the config file's link excludes and includes to those
// of the flags.
func addConfigLinks(lo *crawler.LinkOptions, file *config.File) {
	if file == nil {
		return
	}
	lo.Exclude = append(lo.Exclude, file.Links.Exclude...)
	lo.Include = append(lo.Include, file.Links.Include...)
}

// readPageList reads one path a line from a file, or standard input for "-".
func readPageList(d *deps, from string) ([]string, error) {
	var r io.Reader
	if from == "-" {
		r = d.stdin
	} else {
		f, err := os.Open(filepath.Clean(from))
		if err != nil {
			return nil, fmt.Errorf("--pages-from: %w", err)
		}
		defer f.Close()
		r = f
	}
	var pages []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			pages = append(pages, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--pages-from %s: %w", from, err)
	}
	return pages, nil
}

// setString and friends apply a config value when the flag was not given.
func setString(dst *string, v *string, apply bool) {
	if apply && v != nil {
		*dst = *v
	}
}

func setBool(dst *bool, v *bool, apply bool) {
	if apply && v != nil {
		*dst = *v
	}
}

func setInt(dst *int, v *int, apply bool) {
	if apply && v != nil {
		*dst = *v
	}
}

func setDuration(dst *time.Duration, v *time.Duration, apply bool) {
	if apply && v != nil {
		*dst = *v
	}
}
