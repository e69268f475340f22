#!/usr/bin/env bash
# Runs the Go tests on PostgreSQL: starts the local server if it is stopped,
# creates a fresh database, and points the tests at it.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${GUICHET_PG_BASE:-postgres://postgres@127.0.0.1:5432}
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL is not answering: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sed -n 1p)" main start
  for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
db="guichet_test_$(date +%s)_$$"
psql "$base/postgres" -qc "CREATE DATABASE $db" >/dev/null
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
echo "PostgreSQL pass on database $db"
GUICHET_TEST_DATABASE_URL="$base/$db?sslmode=disable" go test -count=1 -timeout 30m "$@" ./...
