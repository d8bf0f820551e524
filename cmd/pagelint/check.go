package main

import (
	"errors"
	"time"

	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	out           outputOptions
	root          string
	baseURL       string
	prettyURLs    bool
	checkExternal bool
	timeout       time.Duration
	userAgent     string
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
  pagelint check public --format json --fail-on never > findings.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(d, o, args)
		},
	}
	o.out.register(cmd)
	f := cmd.Flags()
	f.StringVar(&o.root, "root", "", "the site root folder that /paths resolve against (default: the folder given)")
	f.StringVar(&o.baseURL, "base-url", "", "the address the folder is served at, e.g. https://example.org/; links to it resolve in the folder and findings get absolute URLs")
	f.BoolVar(&o.prettyURLs, "pretty-urls", false, "serve a.html at /a as well, as many static hosts do")
	f.BoolVar(&o.checkExternal, "check-external", false, "also check links to other sites over HTTP")
	f.DurationVar(&o.timeout, "timeout", 15*time.Second, "per-request timeout for --check-external")
	f.StringVar(&o.userAgent, "user-agent", defaultUserAgent(), "User-Agent header for --check-external")
	return cmd
}

func runCheck(d *deps, o checkOptions, paths []string) error {
	if _, err := o.out.validate(); err != nil {
		return err
	}
	opts := crawler.FolderOptions{Paths: paths, Root: o.root, BaseURL: o.baseURL, PrettyURLs: o.prettyURLs}
	if o.checkExternal {
		opts.External = &crawler.LinkOptions{Timeout: o.timeout, UserAgent: o.userAgent}
	}
	folder, site, err := crawler.NewFolder(opts)
	if err != nil {
		return err
	}
	return lint(d, o.out, site, func(handle func(*page.Page)) (runResult, error) {
		res, err := folder.Run(d.ctx, handle)
		if err != nil {
			return runResult{}, err
		}
		if res.Pages == 0 && len(res.Notices) == 0 {
			return runResult{}, errors.New("no .html or .htm files found in " + res.Target)
		}
		return runResult{target: res.Target, pages: res.Pages, complete: res.Complete, notices: res.Notices}, nil
	})
}
