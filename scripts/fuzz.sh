#!/usr/bin/env bash
# Runs every fuzz target of issue 6 for DURATION each, one after another
# (default 10m), e.g. scripts/fuzz.sh 30s. A failing input is written to the
# package's testdata/fuzz/FuzzX/ by go test: fix the bug, keep the file as a
# seed, and commit both, so plain `go test` replays it from then on.
# FUZZ_PARALLEL=N sets the fuzzing workers per target (default: one per CPU).
set -euo pipefail
duration="${1:-10m}"
cd "$(dirname "$0")/.."

targets=(
	"./checks FuzzPage"
	"./page FuzzNormalize"
	"./page FuzzSrcset"
	"./config FuzzConfig"
	"./checks FuzzDates"
)

failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "== $name ($pkg) for $duration"
	start=$(date +%s)
	if go test "$pkg" -run "^${name}\$" -fuzz "^${name}\$" -fuzztime "$duration" ${FUZZ_PARALLEL:+-parallel "$FUZZ_PARALLEL"}; then
		echo "== $name: ok after $(($(date +%s) - start))s"
	else
		echo "== $name: FAILED after $(($(date +%s) - start))s (the failing input is under $pkg/testdata/fuzz/$name/)"
		failed+=("$name")
	fi
done

if ((${#failed[@]} > 0)); then
	echo "failing fuzz targets: ${failed[*]}"
	exit 1
fi
echo "all ${#targets[@]} fuzz targets ran $duration each with nothing failing"
