#!/usr/bin/env bash
# Measures pagelint on a synthetic WordPress-like site of N blog posts (about
# 1.1 N pages: the posts, the blog listing ten to a page, archives and static
# pages; see bench/synth). The site is generated with bench/gensite into DIR
# unless DIR already holds it, then bench/run.sh measures the parse limit,
# `check` and `crawl` on it and prints the table rows.
#
#   bench/synthetic.sh N [DIR]          (default DIR: /tmp/pagelint-synthetic-N)
#   bench/synthetic.sh 100000           (100k posts: about 3 GB of HTML)
#
# The date rules compare with a fixed day (--now), so the findings are the
# same whatever day it runs. Extra environment: MODES and REPORTS, as for
# bench/run.sh.
set -euo pipefail
n=${1:?usage: bench/synthetic.sh N [DIR]}
dir=${2:-${TMPDIR:-/tmp}/pagelint-synthetic-$n}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

# A folder is complete once renamed from DIR.partial: an interrupted
# generation is started again, never measured.
if [ ! -d "$dir" ]; then
  rm -rf "$dir.partial"
  (cd "$root" && go run ./bench/gensite -n "$n" -out "$dir.partial" >&2)
  mv "$dir.partial" "$dir"
fi

label=$n
case $n in
  *000000) label=${n%000000}M ;;
  *000) label=${n%000}k ;;
esac
PAGELINT_FLAGS="--now 2026-11-26 ${PAGELINT_FLAGS:-}" exec "$here/run.sh" "$dir" "synthetic-$label"
