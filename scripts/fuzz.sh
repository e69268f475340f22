#!/usr/bin/env bash
# Runs every Go fuzz target for the given time each (default 10s).
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10s}
grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u | while read -r dir; do
  for target in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do
    echo "== $dir $target ($t)"
    go test "./$dir" -run '^$' -fuzz "^$target\$" -fuzztime "$t"
  done
done
