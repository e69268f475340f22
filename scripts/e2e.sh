#!/usr/bin/env bash
# Browser journeys with the accessibility gate and the page-weight budget
# (e2e/README.md). Installs what it needs: Debian's Chromium and the npm
# packages of package-lock.json (never a browser from npm).
# Usage: scripts/e2e.sh [--only TEXT]   (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-chromium.sh

# node_modules is rebuilt when package-lock.json changed since the last `npm ci`.
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat node_modules/.guichet-lock-sha256 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "Installing the npm packages of package-lock.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.guichet-lock-sha256
fi

if [ ! -x bin/guichet ]; then
  echo "bin/guichet is missing: run 'make e2e' (it builds first)." >&2
  exit 1
fi

echo "== harness self-test: faulty pages must fail the gate"
node --test --test-reporter=spec e2e/selftest.mjs

echo "== journeys"
node e2e/run.mjs "$@"
