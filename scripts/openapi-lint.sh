#!/usr/bin/env bash
# The API's OpenAPI document (`guichet openapi`, the one /api/v1/openapi.json
# serves) through Redocly's recommended rules: any error fails, and so does
# any warning, so that client generators keep working.
# Usage: scripts/openapi-lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/npm-ci.sh
mkdir -p build
go run ./cmd/guichet openapi > build/openapi.json
# No telemetry and no update check: CI reaches no other host.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
npx --no-install redocly lint build/openapi.json --extends recommended --max-problems 100 --format stylish 2>&1 | tee build/openapi-lint.txt
if grep -Eq '^ +[0-9]+:[0-9]+ +(error|warning) ' build/openapi-lint.txt; then
  echo "the OpenAPI document has problems (above): fix them in internal/api/openapi_*.go" >&2
  exit 1
fi
