package main

import (
	"math"
	"testing"
)

func TestGCPercentFor(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, budget uint64
		want         int
	}{
		{0, 150 * mb, 400},
		{10 * mb, 150 * mb, 400}, // 1400% would fit: capped
		{30 * mb, 150 * mb, 400}, // exactly 5x
		{50 * mb, 150 * mb, 200},
		{75 * mb, 150 * mb, 100},
		{100 * mb, 150 * mb, 100}, // 50% would fit: never below the default
		{400 * mb, 150 * mb, 100},
	} {
		if got := gcPercentFor(c.live, c.budget); got != c.want {
			t.Errorf("gcPercentFor(%d MB, %d MB) = %d, want %d", c.live/mb, c.budget/mb, got, c.want)
		}
	}
}

func TestMemoryLimitFor(t *testing.T) {
	const mb = 1 << 20
	if got := memoryLimitFor(50*mb, 170*mb); got != 170*mb {
		t.Errorf("small live heap: limit %d, want the budget", got)
	}
	if got := memoryLimitFor(85*mb, 170*mb); got != math.MaxInt64 {
		t.Errorf("live heap at half the budget: limit %d, want none", got)
	}
}
