#!/usr/bin/env bash
# Load benchmark: starts bin/guichet with demo data on a free loopback port,
# loads it with cmd/loadgen (a second process) next to a bare Go server (the
# ceiling), then runs the Go benchmarks of the repository.
# Writes build/bench.json and build/go-bench.txt.
#   BENCH_DURATION=10s      measured time per target
#   BENCH_CONNECTIONS=50    concurrent connections
#   GO_BENCHTIME=100ms      -benchtime of the Go benchmarks
# Extra loadgen flags pass through: scripts/bench.sh -target search=/demarches?q=apl
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build bin

[ -x bin/guichet ] || go build -o bin/guichet ./cmd/guichet
go build -o bin/loadgen ./cmd/loadgen

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$((20000 + RANDOM % 20000))
until port_free "$port"; do port=$((20000 + RANDOM % 20000)); done

data=$(mktemp -d)
bin/guichet serve --addr "127.0.0.1:$port" --data "$data" --demo --log-level warn > build/bench-guichet.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

bin/loadgen -base "http://127.0.0.1:$port" -wait-ready 60s -duration "${BENCH_DURATION:-10s}" \
  -connections "${BENCH_CONNECTIONS:-50}" -out build/bench.json "$@"

kill "$server"; wait "$server" 2>/dev/null || true

echo
echo "== Go benchmarks (-benchtime ${GO_BENCHTIME:-100ms}), saved to build/go-bench.txt"
status=0
go test -run '^$' -bench . -benchmem -benchtime "${GO_BENCHTIME:-100ms}" ./... > build/go-bench.txt 2>&1 || status=$?
grep -E '^(Benchmark|ok|FAIL|---)' build/go-bench.txt || true
if [ "$status" -ne 0 ]; then
  echo "some Go benchmarks failed: see build/go-bench.txt" >&2
fi
exit "$status"
