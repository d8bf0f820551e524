#!/usr/bin/env bash
# Measures pagelint on one corpus folder: the parse limit (default GC and
# GOGC=400), `pagelint check` of the folder, and `pagelint crawl` of the same
# folder served by nginx on 127.0.0.1 (a Go file server when nginx is
# missing). Prints one table row per run: corpus, mode, pages, pages/s, MB/s,
# CPU seconds, peak RSS, and pages/s as a share of the GOGC=400 parse limit.
#
#   bench/run.sh CORPUS_DIR [NAME]
#   bench/run.sh bench/corpus/debian debian
#
# The crawl lifts the limits meant for runaway sites (--max-pages 0,
# --max-per-pattern 0): their defaults (10000 pages, 1000 per URL pattern)
# would stop it on a large site, where every /blog/post-N/ is one pattern.
# PAGELINT_FLAGS adds flags to both runs, e.g. PAGELINT_FLAGS="--now 2026-11-26"
# (bench/synthetic.sh sets it so the date rules find the same things any day).
# REPORTS=DIR keeps each run's JSON report as DIR/NAME-MODE.json.
# MODES limits the runs, e.g. MODES="check crawl" (default: parse check crawl).
set -euo pipefail
corpus=$(cd "$1" && pwd)
name=${2:-$(basename "$corpus")}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'kill $(cat "$work/server.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/pagelint" ./cmd/pagelint && go build -o "$work/parse-limit" ./bench/parse-limit)
mb=$(du -sb --apparent-size "$corpus" | awk '{print $1/1e6}')

# measure LABEL MODE CMD...: runs CMD under /usr/bin/time -v and prints a row.
limit400=""
measure() {
  local mode=$1; shift
  /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || true
  local secs cpu rss pages
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$work/time")
  case $mode in
    parse*) pages=$(grep -o '[0-9]* pages,' "$work/out" | grep -o '[0-9]*') ;;
    *) pages=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$work/report.json")
       if [ -n "${REPORTS:-}" ]; then mkdir -p "$REPORTS" && cp "$work/report.json" "$REPORTS/$name-$mode.json"; fi ;;
  esac
  local rate ratio
  rate=$(awk -v p="$pages" -v s="$secs" 'BEGIN{printf "%.0f", p/s}')
  if [ "$mode" = "parse-limit GOGC=400" ]; then limit400=$rate; fi
  ratio=$(awk -v r="$rate" -v l="${limit400:-0}" 'BEGIN{if (l>0) printf "%.0f%%", 100*r/l; else print "-"}')
  printf '| %s | %s | %s | %s | %.1f | %s | %s MB | %s |\n' "$name" "$mode" "$pages" "$rate" \
    "$(awk -v m="$mb" -v s="$secs" 'BEGIN{print m/s}')" "$cpu" "$rss" "$ratio"
}

# Serve the corpus on loopback.
port=$((20000 + RANDOM % 20000))
if command -v nginx >/dev/null; then
  mkdir -p "$work/nginx"
  cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/server.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$port; root $corpus; }
}
CONF
  nginx -c "$work/nginx.conf"
else
  (cd "$root" && go run ./bench/serve "$corpus" "127.0.0.1:$port") & echo $! > "$work/server.pid"
fi
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

echo "| corpus | mode | pages | pages/s | MB/s | CPU s | peak RSS | of parse limit |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
modes=${MODES:-parse check crawl}
read -r -a flags <<<"${PAGELINT_FLAGS:-}"
if [[ " $modes " == *" parse "* ]]; then
  measure "parse-limit GOGC=default" env -u GOGC "$work/parse-limit" "$corpus"
  measure "parse-limit GOGC=400" env GOGC=400 "$work/parse-limit" "$corpus"
fi
if [[ " $modes " == *" check "* ]]; then
  measure "check" "$work/pagelint" check "$corpus" --format json -o "$work/report.json" --fail-on never "${flags[@]}"
fi
if [[ " $modes " == *" crawl "* ]]; then
  measure "crawl" "$work/pagelint" crawl "http://127.0.0.1:$port/" --skip-external --max-pages 0 --max-per-pattern 0 \
    --quiet --format json -o "$work/report.json" --fail-on never "${flags[@]}"
fi
