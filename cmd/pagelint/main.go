// Command pagelint finds what is wrong with the pages of a website: broken
// links, duplicated navigation, truncated excerpts, undated reviews and more.
// See the README for usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
)

func main() {
	stopTuner := startGCTuner()
	stopProfile := startProfile(os.Getenv("PAGELINT_CPUPROFILE"))
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stopTuner()
	writeHeapProfile(os.Getenv("PAGELINT_MEMPROFILE"))
	os.Exit(code)
}

// writeHeapProfile writes the heap profile at the end of a run to path
// (PAGELINT_MEMPROFILE): what was allocated, and what the run still holds.
func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pagelint: PAGELINT_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "pagelint: PAGELINT_MEMPROFILE: %v\n", err)
	}
}

// startProfile writes a CPU profile to path (PAGELINT_CPUPROFILE) for the
// benchmarks in bench/; an empty path or an unwritable file profiles nothing.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pagelint: PAGELINT_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "pagelint: PAGELINT_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// errFailOn means the run worked and found something at or above --fail-on.
var errFailOn = errors.New("findings at or above --fail-on")

// interruptedError means a signal stopped the run after its reports were written.
type interruptedError struct{ sig os.Signal }

func (e interruptedError) Error() string { return fmt.Sprintf("stopped by %v", e.sig) }

// run is the one place where outcomes become exit codes (findings.md).
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop, caught := signalContext()
	defer stop()
	root := newRootCmd(ctx, caught, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var intr interruptedError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFailOn):
		return 1
	case errors.As(err, &intr):
		fmt.Fprintf(stderr, "pagelint: %v; the report is marked incomplete\n", intr.sig)
		if intr.sig == syscall.SIGTERM {
			return 143
		}
		return 130
	default:
		fmt.Fprintf(stderr, "pagelint: %s\n", oneLine(err.Error()))
		return 2
	}
}

// oneLine folds cobra's multi-line "Did you mean this?" suggestion into the
// error line, so every usage error is one line.
func oneLine(msg string) string {
	head, suggestions, ok := strings.Cut(msg, "\n\nDid you mean this?\n")
	if !ok {
		return msg
	}
	return fmt.Sprintf("%s (did you mean %s?)", head, strings.Join(strings.Fields(suggestions), " or "))
}

// signalContext is cancelled by the first SIGINT or SIGTERM; caught reports
// which one, so the exit code can say it.
func signalContext() (context.Context, func(), func() os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var (
		mu  sync.Mutex
		got os.Signal
	)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s
			mu.Unlock()
			cancel()
		case <-done:
		}
	}()
	stop := func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
	caught := func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
	return ctx, stop, caught
}
