#!/usr/bin/env bash
# Prepares the Debian documentation corpus: the HTML trees of the Python 3.11,
# PostgreSQL 15 and Git documentation packages, copied side by side (symlinks
# dereferenced) under one root with an index page that links to each.
#
#   bench/debian-corpus.sh [DEST]      (default: bench/corpus/debian)
set -euo pipefail
dest=${1:-"$(dirname "$0")/corpus/debian"}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in python3.11-doc postgresql-doc-15 git-doc; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

rm -rf "$dest"
mkdir -p "$dest"
cp -rL /usr/share/doc/python3.11/html "$dest/python"
cp -rL /usr/share/doc/postgresql-doc-15/html "$dest/postgresql"
cp -rL /usr/share/doc/git-doc "$dest/git"
cat > "$dest/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Debian documentation corpus</title></head>
<body><h1>Debian documentation corpus</h1>
<ul>
<li><a href="python/index.html">Python 3.11</a></li>
<li><a href="postgresql/index.html">PostgreSQL 15</a></li>
<li><a href="git/index.html">Git</a></li>
</ul></body></html>
HTML
# Git's docs have no index.html of their own: list its pages.
if [ ! -f "$dest/git/index.html" ]; then
  {
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Git documentation</title></head><body><h1>Git documentation</h1><ul>'
    (cd "$dest/git" && find . -name '*.html' | sort | sed 's|^\./||; s|.*|<li><a href="&">&</a></li>|')
    echo '</ul></body></html>'
  } > "$dest/git/index.html"
fi
echo "$dest: $(find "$dest" -name '*.html' | wc -l) pages, $(du -sh "$dest" | cut -f1)"
