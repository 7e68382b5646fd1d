#!/usr/bin/env bash
# Builds the viewer app into web/dist (npm ci + vite build) when dist is missing or older than any source; otherwise
# does nothing. Used by src/GridStream.Server/run.sh and by the browser tests.
set -euo pipefail
web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
built="$web_dir/dist/index.html"

sources=("$web_dir/src" "$web_dir/index.html" "$web_dir/package.json" "$web_dir/package-lock.json" "$web_dir/vite.config.ts" "$web_dir/tsconfig.json")
if [ -f "$built" ] && [ -z "$(find "${sources[@]}" -newer "$built" -print -quit)" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "Building the viewer app needs node and npm (Debian: apt-get install -y nodejs npm)." >&2
  exit 1
fi

echo "Building the viewer app (web/)…"
cd "$web_dir"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
# vite leaves index.html's time as it built it; touch it so the check above sees the build as newer than its sources.
touch "$built"
