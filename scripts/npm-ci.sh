#!/usr/bin/env bash
# Installs the npm packages of package-lock.json (the browser journeys'
# harness and the OpenAPI linter; never a browser from npm). node_modules is
# rebuilt only when package-lock.json changed since the last `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat node_modules/.guichet-lock-sha256 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "Installing the npm packages of package-lock.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.guichet-lock-sha256
fi
