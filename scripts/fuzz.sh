#!/usr/bin/env bash
# Runs every Go fuzz target of the repository for the given time each
# (default 10s), one after the other, and lists the ones that failed.
# A failing input is saved under the package's testdata/fuzz/ by go test:
# commit it with the fix, it becomes a regression test.
# Usage: scripts/fuzz.sh [FUZZTIME]
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10s}

# Packages with fuzz targets, wherever they are (cmd/, internal/…).
dirs=$(find . \( -name node_modules -o -name .git -o -name build -o -name bin -o -name testdata \) -prune -o \
  -name '*_test.go' -print | xargs grep -l '^func Fuzz' | xargs -n1 dirname | sort -u)

passed=0
failed=()
for dir in $dirs; do
  for target in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/^func \(Fuzz[A-Za-z0-9_]*\).*/\1/' | sort -u); do
    echo "== $dir $target ($t)"
    if go test "$dir" -run '^$' -fuzz "^$target\$" -fuzztime "$t"; then
      passed=$((passed + 1))
    else
      failed+=("$dir $target")
    fi
  done
done

for f in "${failed[@]}"; do echo "FAILED: $f"; done
echo "fuzz: $passed passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
