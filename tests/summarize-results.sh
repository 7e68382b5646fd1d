#!/usr/bin/env bash
# Adds up the TRX files of one test run into a single closing line: "tests: N passed, N failed, N skipped".
set -euo pipefail
passed=0 failed=0 total=0
for trx in "$1"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  total=$((total + $(value total)))
done
skipped=$((total - passed - failed))
echo "tests: $passed passed, $failed failed, $skipped skipped"
