#!/usr/bin/env bash
# Runs the S3 file store's test (internal/filestore TestS3) against a real
# S3-compatible server on loopback: s3rver from npm (scripts/s3rver, pinned
# by its package-lock.json), which answers AWS Signature V4 requests as S3
# does. Neither Debian nor npm carries MinIO or Garage; s3rver is the S3
# server both registries offer.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd scripts/s3rver && [ -d node_modules/s3rver ] || npm ci --no-audit --no-fund --loglevel=error)
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
scripts/s3rver/node_modules/.bin/s3rver --silent --address 127.0.0.1 --port "$port" --directory "$dir" \
  --configure-bucket guichet >"$dir.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir" "$dir.log"' EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
export GUICHET_TEST_S3_URL="http://S3RVER:S3RVER@127.0.0.1:$port/guichet"
go test -count=1 -run 'TestS3' -v ./internal/filestore/
# Two nodes sharing their files through the store need PostgreSQL too.
if [ -n "${GUICHET_TEST_DATABASE_URL:-}" ]; then
  go test -count=1 -run 'TestTwoNodesServeOnePerson' -v ./cmd/guichet/
fi
