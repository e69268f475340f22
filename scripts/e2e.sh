#!/usr/bin/env bash
# Browser journeys with the accessibility gate and the page-weight budget
# (e2e/README.md). Installs what it needs: Debian's Chromium and the npm
# packages of package-lock.json (never a browser from npm).
# Usage: scripts/e2e.sh [--only TEXT]   (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-chromium.sh

scripts/npm-ci.sh

if [ ! -x bin/guichet ]; then
  echo "bin/guichet is missing: run 'make e2e' (it builds first)." >&2
  exit 1
fi

echo "== harness self-test: faulty pages must fail the gate"
node --test --test-reporter=spec e2e/selftest.mjs

echo "== journeys"
node e2e/run.mjs "$@"
