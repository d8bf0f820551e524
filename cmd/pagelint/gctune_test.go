package main

import "testing"

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
	for _, c := range []struct{ live, want uint64 }{
		{50 * mb, 150 * mb},  // the budget
		{100 * mb, 150 * mb}, // 1.5x live is the budget
		{120 * mb, 180 * mb},
		{600 * mb, 900 * mb}, // a 100k-page site: a third of the limit is garbage room
	} {
		if got := memoryLimitFor(c.live, 150*mb); got != int64(c.want) {
			t.Errorf("memoryLimitFor(%d MB) = %d MB, want %d MB", c.live/mb, got/mb, c.want/mb)
		}
	}
}
