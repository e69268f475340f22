#!/usr/bin/env bash
# Load benchmark: starts bin/guichet with demo data on SQLite on a free
# loopback port, loads it with cmd/loadgen (a second process) in turns with
# a bare Go server (the ceiling), and reports each page's ratio to the
# ceiling and p99 against the goals of issue 16, the start-up time to ready
# (on an empty folder, loading the demo, then again on its database) and the
# memory at rest. Then times sending a dossier against a raw insert of a
# dossier row (issue 9: at least half the rate) on SQLite, and on
# PostgreSQL when GUICHET_TEST_DATABASE_URL names a database, and runs the
# Go benchmarks of the repository.
# Writes build/bench.json, build/bench.txt, build/submit-bench.txt and
# build/go-bench.txt.
#   BENCH_DURATION=10s      measured time per target (and as much for the ceiling)
#   BENCH_CONNECTIONS=50    concurrent connections
#   BENCH_ONLY=home,procedure   load only these targets, and skip the Go benchmarks
#   BENCH_PROFILE=1         also write CPU and allocation profiles per target to build/profiles/
#   SUBMIT_BENCHTIME=2000x  -benchtime of the sending against the raw insert
#   GO_BENCHTIME=100ms      -benchtime of the Go benchmarks
# Extra loadgen flags pass through: scripts/bench.sh -target search=/demarches?q=apl
# A short run while working on one page:
#   BENCH_ONLY=home BENCH_DURATION=2s scripts/bench.sh -warmup 500ms
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build bin

[ -x bin/guichet ] || go build -o bin/guichet ./cmd/guichet
go build -o bin/loadgen ./cmd/loadgen

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$((20000 + RANDOM % 20000))
  until port_free "$p"; do p=$((20000 + RANDOM % 20000)); done
  echo "$p"
}
port=$(free_port)
metrics_port=$(free_port)

extra=()
[ -n "${BENCH_ONLY:-}" ] && extra+=(-only "$BENCH_ONLY")
[ -n "${BENCH_PROFILE:-}" ] && extra+=(-profile-base "http://127.0.0.1:$metrics_port" -profile-dir build/profiles)

# A fresh data folder: the first start loads the demo into it and is timed
# here; loadgen times the second one, a node starting on its database.
data=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$data"' EXIT
start_server() {
  bin/guichet serve --addr "127.0.0.1:$port" --metrics-addr "127.0.0.1:$metrics_port" --data "$data" --demo \
    --log-level warn >> build/bench-guichet.log 2>&1 &
  server=$!
}
: > build/bench-guichet.log
started=$(date +%s%N)
start_server
until curl -sf "http://127.0.0.1:$port/readyz" > /dev/null; do
  kill -0 "$server" 2>/dev/null || { cat build/bench-guichet.log >&2; exit 1; }
  sleep 0.01
done
first_start=$(( ($(date +%s%N) - started) / 1000000 ))ms
kill "$server"; wait "$server" 2>/dev/null || true

started=$(date +%s%N)
start_server
bin/loadgen -base "http://127.0.0.1:$port" -wait-ready 60s -started "$started" -first-start "$first_start" \
  -server-pid "$server" -duration "${BENCH_DURATION:-10s}" -connections "${BENCH_CONNECTIONS:-50}" -out build/bench.json \
  ${extra[@]+"${extra[@]}"} "$@" | tee build/bench.txt

kill "$server"; wait "$server" 2>/dev/null || true

if [ -n "${BENCH_ONLY:-}" ]; then
  exit 0
fi
status=0
echo
echo "== Sending a dossier against a raw insert (-benchtime ${SUBMIT_BENCHTIME:-2000x}), saved to build/submit-bench.txt"
: > build/submit-bench.txt
submit_ratio() { # database, then the environment of the run
  local line
  line=$(env "${@:2}" go test -run '^$' -bench BenchmarkSubmitVsRawInsert -benchtime "${SUBMIT_BENCHTIME:-2000x}" \
    ./internal/dossiers/ 2>&1 | tee -a build/submit-bench.txt | grep '^BenchmarkSubmitVsRawInsert') || { status=1; echo "$1: failed"; return; }
  awk -v db="$1" '{ for (i = 2; i <= NF; i++) m[$i] = $(i-1) }
    END { ok = m["ratio"] >= 0.5 ? "met" : "NOT MET"
      printf "%-10s submits/inserts %.2f (goal >= 0.50, %s), at the median %.2f, by id %.2f; submit p50 %.0f µs, insert p50 %.0f µs\n",
        db, m["ratio"], ok, m["ratio-p50"], m["ratio-by-id"], m["submit-p50-µs"], m["insert-p50-µs"] }' <<< "$line"
}
submit_ratio SQLite GUICHET_TEST_DATABASE_URL=
if [ -n "${GUICHET_TEST_DATABASE_URL:-}" ]; then
  submit_ratio PostgreSQL GUICHET_TEST_DATABASE_URL="$GUICHET_TEST_DATABASE_URL"
else
  echo "PostgreSQL: skipped, set GUICHET_TEST_DATABASE_URL to a database to measure it"
fi

echo
echo "== Go benchmarks (-benchtime ${GO_BENCHTIME:-100ms}), saved to build/go-bench.txt"
go test -run '^$' -bench . -benchmem -benchtime "${GO_BENCHTIME:-100ms}" ./... > build/go-bench.txt 2>&1 || status=$?
grep -E '^(Benchmark|ok|FAIL|---)' build/go-bench.txt || true
if [ "$status" -ne 0 ]; then
  echo "some Go benchmarks failed: see build/go-bench.txt" >&2
fi
exit "$status"
