package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/crawler"
	"github.com/pagelint/pagelint/page"
	"github.com/spf13/cobra"
)

type crawlOptions struct {
	lint         lintOptions
	links        linkFlags
	limits       crawlLimits
	maxPages     int
	maxDepth     int
	scope        string
	concurrency  int
	delay        time.Duration
	timeout      time.Duration
	userAgent    string
	ignoreRobots bool
	skipExternal bool
	stateDir     string
	resume       bool
}

func newCrawlCmd(d *deps) *cobra.Command {
	var o crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl URL",
		Short: "Crawl a live site over HTTP(S) and lint every page and link",
		Long: `crawl starts at URL and follows links on the same site (same scheme, host and port),
fetching each page once, and checks every link and resource it finds, on the site
and (unless --skip-external) on other sites. robots.txt is honoured unless
--ignore-robots. When a limit stops the crawl, the report says so.`,
		Example: `  # a whole site, links to other sites included
  pagelint crawl https://example.org/

  # a local preview server, only the blog section, site links only
  pagelint crawl http://127.0.0.1:1313/blog/ --scope /blog/ --skip-external

  # a gentle scheduled crawl
  pagelint crawl https://example.org/ --concurrency 2 --delay 250ms --format json -o report.json

  # a big site, kept on disk; after Ctrl-C or --max-duration, go on where it stopped
  pagelint crawl https://example.org/ --state crawl-state/ --max-duration 6h
  pagelint crawl https://example.org/ --state crawl-state/ --max-duration 6h --resume`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCrawl(d, cmd, o, args[0])
		},
	}
	o.lint.register(cmd)
	f := cmd.Flags()
	o.links.register(f)
	o.limits.register(f)
	f.IntVar(&o.maxPages, "max-pages", 10000, "read at most this many pages (0 for no limit)")
	f.IntVar(&o.maxDepth, "max-depth", -1, "follow links at most this many hops from the start page (-1 for no limit)")
	f.StringVar(&o.scope, "scope", "", "follow only pages whose path starts with this prefix, e.g. /blog/ (default: the whole site)")
	f.IntVar(&o.concurrency, "concurrency", 8, "requests in flight to the site at once")
	f.DurationVar(&o.delay, "delay", 0, "pause after each request to the site, e.g. 200ms")
	f.DurationVar(&o.timeout, "timeout", 15*time.Second, "per-request timeout, body included")
	f.StringVar(&o.userAgent, "user-agent", defaultUserAgent(), "User-Agent header")
	f.BoolVar(&o.ignoreRobots, "ignore-robots", false, "fetch pages that robots.txt disallows")
	f.BoolVar(&o.skipExternal, "skip-external", false, "check no link to another site: no DNS look-up, no request")
	f.StringVar(&o.stateDir, "state", "", "keep the crawl on disk in this folder as it goes (queue, pages read, link results, findings), so a stopped crawl can go on with --resume")
	f.BoolVar(&o.resume, "resume", false, "go on with the crawl kept in --state: pages already read are not fetched again, and the report covers the whole crawl")
	return cmd
}

func runCrawl(d *deps, cmd *cobra.Command, o crawlOptions, start string) (err error) {
	plan, err := o.lint.prepare(cmd)
	if err != nil {
		return err
	}
	if file := plan.file; file != nil {
		changed := cmd.Flags().Changed
		c := file.Crawl
		setInt(&o.maxPages, c.MaxPages, !changed("max-pages"))
		setInt(&o.maxDepth, c.MaxDepth, !changed("max-depth"))
		setInt(&o.concurrency, c.Concurrency, !changed("concurrency"))
		setDuration(&o.delay, c.Delay, !changed("delay"))
		setDuration(&o.timeout, c.Timeout, !changed("timeout"))
		setString(&o.userAgent, c.UserAgent, !changed("user-agent"))
		setString(&o.scope, c.Scope, !changed("scope"))
		setBool(&o.ignoreRobots, c.IgnoreRobots, !changed("ignore-robots"))
		setBool(&o.skipExternal, c.SkipExternal, !changed("skip-external"))
		setDuration(&o.limits.maxDuration, c.MaxDuration, !changed("max-duration"))
		setInt(&o.limits.maxURLLength, c.MaxURLLength, !changed("max-url-length"))
		setInt(&o.limits.maxPerPattern, c.MaxPerPattern, !changed("max-per-pattern"))
	}
	switch {
	case o.concurrency < 1:
		return fmt.Errorf("--concurrency must be at least 1, not %d", o.concurrency)
	case o.maxPages < 0:
		return fmt.Errorf("--max-pages must be 0 (no limit) or more, not %d", o.maxPages)
	case o.maxDepth < -1:
		return fmt.Errorf("--max-depth must be -1 (no limit) or more, not %d", o.maxDepth)
	case o.timeout <= 0:
		return fmt.Errorf("--timeout must be positive, not %v", o.timeout)
	case o.delay < 0:
		return fmt.Errorf("--delay must not be negative, not %v", o.delay)
	case o.scope != "" && !strings.HasPrefix(o.scope, "/"):
		return fmt.Errorf("--scope %q must be a path starting with /", o.scope)
	}
	co := crawler.CrawlOptions{
		Start: start, MaxPages: o.maxPages, MaxDepth: o.maxDepth, Scope: o.scope,
		Concurrency: o.concurrency, Delay: o.delay, Timeout: o.timeout, UserAgent: o.userAgent,
		IgnoreRobots: o.ignoreRobots, SkipExternal: o.skipExternal,
	}
	if err := o.links.applyCrawl(&co); err != nil {
		return err
	}
	if err := o.limits.apply(&co); err != nil {
		return err
	}
	addConfigLinks(&co.Links, plan.file)
	if o.resume && o.stateDir == "" {
		return errors.New("--resume needs --state DIR: the folder of the crawl to go on with")
	}
	if o.stateDir != "" {
		st, err := openCrawlState(o, plan, &co)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := st.Close(); err == nil {
				err = cerr
			}
		}()
	}
	c, site, err := crawler.NewCrawler(co)
	if err != nil {
		return err
	}
	run := lintRun{mode: page.ModeCrawl}
	if co.State != nil {
		run.keeper = checks.KeepFindings()
		c.KeepPages(run.keeper)
	}
	return lint(d, plan, site, run, func(handle func(*page.Page)) (runResult, error) {
		stop := func() {}
		if !o.lint.quiet && isTerminal(d.stderr) {
			stop = showProgress(d.stderr, c.Stats)
		}
		res, err := c.Run(d.ctx, handle)
		stop()
		if err != nil {
			return runResult{}, err
		}
		return runResult{target: res.Target, pages: res.Pages, complete: res.Complete, notices: res.Notices}, nil
	})
}

// openCrawlState opens --state DIR for co. A resumed crawl compares dates
// with the date its first run did, unless --now (or the config) names one.
func openCrawlState(o crawlOptions, plan *lintPlan, co *crawler.CrawlOptions) (*crawler.State, error) {
	st, err := crawler.OpenState(o.stateDir, o.resume)
	if err != nil {
		return nil, err
	}
	nowGiven := o.lint.now != "" || plan.file != nil && plan.file.Now != nil
	if saved := st.Setting("--now"); o.resume && !nowGiven && saved != "" {
		if t, err := time.Parse(time.RFC3339Nano, saved); err == nil {
			plan.now = t
		}
	}
	ids := make([]string, 0, len(plan.rules))
	for _, r := range plan.rules {
		ids = append(ids, r.ID)
	}
	h := sha256.New()
	h.Write([]byte(strings.Join(ids, ",")))
	if cfg, err := json.Marshal(plan.config); err == nil {
		h.Write(cfg)
	}
	co.State = st
	co.StateSettings = map[string]string{
		"rules and config": hex.EncodeToString(h.Sum(nil))[:12],
		"--now":            plan.now.UTC().Format(time.RFC3339Nano),
	}
	return st, nil
}

// showProgress redraws one status line on w until the returned stop is called.
func showProgress(w io.Writer, stats func() crawler.Stats) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
				s := stats()
				rate := float64(s.Pages) / max(s.Elapsed.Seconds(), 0.001)
				fmt.Fprintf(w, "\r\033[K%d pages done, %d queued, %d errors, %.0f pages/s", s.Pages, s.Queued, s.Errors, rate)
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
