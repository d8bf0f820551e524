package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pagelint/pagelint/crawler"
	"github.com/spf13/pflag"
)

func TestCrawlLimitFlags(t *testing.T) {
	parse := func(args ...string) (crawler.CrawlOptions, error) {
		var l crawlLimits
		f := pflag.NewFlagSet("crawl", pflag.ContinueOnError)
		l.register(f)
		if err := f.Parse(args); err != nil {
			return crawler.CrawlOptions{}, err
		}
		var co crawler.CrawlOptions
		return co, l.apply(&co)
	}
	co, err := parse()
	if err != nil || co.MaxBody != 10<<20 || co.MaxURLLength != 2048 || co.MaxPerPattern != 1000 || co.MaxDuration != 0 ||
		!slices.Contains(co.StripParams, "utm_*") || !slices.Contains(co.StripParams, "fbclid") {
		t.Errorf("defaults: %+v, %v", co, err)
	}
	co, err = parse("--max-body", "512KB", "--max-duration", "90s", "--max-url-length", "0", "--max-per-pattern", "50", "--strip-params", "ref,src_*")
	if err != nil || co.MaxBody != 512<<10 || co.MaxDuration != 90*time.Second || co.MaxURLLength != 0 || co.MaxPerPattern != 50 ||
		!slices.Equal(co.StripParams, []string{"ref", "src_*"}) {
		t.Errorf("set: %+v, %v", co, err)
	}
	if co, err = parse("--strip-params="); err != nil || len(co.StripParams) != 0 {
		t.Errorf("--strip-params= must strip nothing: %v %v", co.StripParams, err)
	}
	for in, want := range map[string]int{"1048576": 1 << 20, "2mb": 2 << 20, "1.5MiB": 3 << 19, "1GB": 1 << 30, "64k": 64 << 10} {
		if co, err := parse("--max-body", in); err != nil || co.MaxBody != want {
			t.Errorf("--max-body %s = %d, %v; want %d", in, co.MaxBody, err, want)
		}
	}
	for _, args := range [][]string{
		{"--max-body", "ten"}, {"--max-body", "100"}, {"--max-body", "2GB"}, {"--max-duration", "-1s"},
		{"--max-url-length", "-1"}, {"--max-per-pattern", "-2"},
	} {
		if _, err := parse(args...); err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(args[0], "--")) {
			t.Errorf("%v: want an error naming the flag, got %v", args, err)
		}
	}
}
