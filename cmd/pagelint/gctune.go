package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// gcTuner trades memory the run can afford for garbage-collector time.
// Parsing makes short-lived garbage fast, and Go's default (GOGC=100)
// collects whenever the heap doubles: with the small live heap of a lint
// run that means a collection every few pages. The tuner lets the heap grow
// to 5x the live heap (GOGC=400) while that stays under a budget, and
// lowers the factor as the live heap grows, down to the default at
// half the budget and beyond, so a 100k-page run is never worse off than
// with GOGC=100. A soft memory limit (see memoryLimitFor) also holds the
// peak down: a big page's garbage, pages in flight. GOGC or GOMEMLIMIT in
// the environment turn the tuner off.
type gcTuner struct {
	budget  uint64 // heap goal to stay under, in bytes
	stopped atomic.Bool
	sample  []metrics.Sample
}

const (
	gcTuneBudget = 150 << 20 // total Go memory that keeps RSS under 200 MB
	gcTuneMax    = 400
	gcTuneMin    = 100
)

// startGCTuner starts tuning unless the user set GOGC or GOMEMLIMIT; the
// returned stop ends it.
func startGCTuner() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &gcTuner{budget: gcTuneBudget, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(gcTuneMax)
	debug.SetMemoryLimit(gcTuneBudget)
	t.arm()
	return func() { t.stopped.Store(true) }
}

// gcSentinel is garbage on purpose: its finalizer runs after each collection.
type gcSentinel struct{ _ [16]byte }

func (t *gcTuner) arm() {
	s := &gcSentinel{}
	runtime.SetFinalizer(s, func(*gcSentinel) {
		if t.stopped.Load() {
			return
		}
		t.adjust()
		t.arm()
	})
}

// adjust sets GOGC so the next heap goal, live*(1+GOGC/100), stays under
// the budget while that allows at least the default.
func (t *gcTuner) adjust() {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := t.sample[0].Value.Uint64()
	debug.SetGCPercent(gcPercentFor(live, t.budget))
	debug.SetMemoryLimit(memoryLimitFor(live, t.budget))
}

// memoryLimitFor is the soft memory limit for a live heap: the budget, or
// half as much again as the live heap once that is past two thirds of the
// budget. Each collection then frees at least a third of the limit, so the
// collector's work per page stays the same however large the site (a
// limit at the live heap itself would make it run back to back).
func memoryLimitFor(live, budget uint64) int64 {
	return int64(max(budget, live+live/2))
}

// gcPercentFor is the GOGC that keeps a heap of live bytes under budget,
// clamped to [gcTuneMin, gcTuneMax].
func gcPercentFor(live, budget uint64) int {
	if live == 0 {
		return gcTuneMax
	}
	if live >= budget {
		return gcTuneMin
	}
	p := int((budget - live) * 100 / live)
	return min(max(p, gcTuneMin), gcTuneMax)
}
