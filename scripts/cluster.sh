#!/usr/bin/env bash
# make cluster: three `guichet serve` nodes and one `guichet worker` on a
# fresh database of the local PostgreSQL, behind Debian's HAProxy, which
# checks each node's /readyz every second. Attachments go to one folder
# every node shares (or to an S3-compatible store: set GUICHET_FILES=s3://…
# and GUICHET_S3_*). SMS go to the provider simulator of cmd/chaos, as
# Brevo answers, so that `make chaos` can count what it received.
#
#   scripts/cluster.sh start          the whole cluster, in the background
#   scripts/cluster.sh run            the same, in the foreground: Ctrl-C stops it
#   scripts/cluster.sh stop           SIGTERM to all (nodes drain), then drops the database
#   scripts/cluster.sh kill n2|worker SIGKILL one process (make chaos)
#   scripts/cluster.sh start n2|worker start one process again
#   scripts/cluster.sh restart n1     SIGTERM (the node drains), then start again
#   scripts/cluster.sh status
#
# CLUSTER_DIR (default build/cluster) holds the pid files, logs, the shared
# files and the secret key; CLUSTER_PORT (default 8400) is HAProxy's port,
# the nodes take the three after it, the simulator PORT+8 and PORT+9.
# CLUSTER_KEEP_DATABASE=1 keeps the database at stop, to look into it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CLUSTER_DIR:-build/cluster}
port=${CLUSTER_PORT:-8400}
base=${GUICHET_PG_BASE:-postgres://postgres@127.0.0.1:5432}
nodes="n1 n2 n3"
sim_port=$((port + 8))
list_port=$((port + 9))

node_port() { echo $((port + ${1#n})); }

alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

wait_ready() { # name url seconds
  for _ in $(seq $(($3 * 10))); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then return 0; fi
    if ! alive "$1"; then echo "$1 stopped while starting: see $dir/$1.log" >&2; tail -5 "$dir/$1.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "$1 not ready after $3 s: see $dir/$1.log" >&2
  return 1
}

# guichet_env sets what every Guichet process of the cluster shares.
guichet_env() {
  # shellcheck disable=SC1091
  . "$dir/env"
  export GUICHET_DATABASE_URL="$database_url" GUICHET_SECRET_KEY_FILE="$dir/secret.key"
  export GUICHET_FILES=${GUICHET_FILES:-$dir/files}
  export GUICHET_SMS_PROVIDER=brevo GUICHET_SMS_API_KEY=jeton-du-simulateur
  export GUICHET_SMS_BASE_URL="http://127.0.0.1:$sim_port" GUICHET_SMS_CALLBACK_SECRET=secret-des-accuses-du-cluster
  export GUICHET_BASE_URL="http://127.0.0.1:$port" GUICHET_TRUSTED_PROXIES=127.0.0.1/32
}

# Each process runs in a session of its own (setsid): a Ctrl-C in the
# terminal reaches the script, which stops them in order, never the
# processes directly.
start_one() {
  local what=$1
  if alive "$what"; then echo "$what already runs"; return 0; fi
  case $what in
    sim)
      setsid bin/chaos sim --addr "127.0.0.1:$sim_port" --list-addr "127.0.0.1:$list_port" >>"$dir/sim.log" 2>&1 &
      echo $! >"$dir/sim.pid"
      wait_ready sim "http://127.0.0.1:$list_port/received" 10 ;;
    n1|n2|n3)
      (guichet_env; exec setsid bin/guichet serve --addr "127.0.0.1:$(node_port "$what")" --data "$dir/$what" \
        --workers 0 --drain-wait 3s --demo) >>"$dir/$what.log" 2>&1 &
      echo $! >"$dir/$what.pid"
      wait_ready "$what" "http://127.0.0.1:$(node_port "$what")/readyz" 60 ;;
    worker)
      (guichet_env; exec setsid bin/guichet worker --data "$dir/worker" --workers 4) >>"$dir/worker.log" 2>&1 &
      echo $! >"$dir/worker.pid" ;;
    haproxy)
      haproxy_config >"$dir/haproxy.cfg"
      setsid haproxy -f "$dir/haproxy.cfg" -db >>"$dir/haproxy.log" 2>&1 &
      echo $! >"$dir/haproxy.pid"
      wait_ready haproxy "http://127.0.0.1:$port/readyz" 20 ;;
    *) echo "unknown process $what (n1, n2, n3, worker, sim, haproxy)" >&2; exit 2 ;;
  esac
}

# haproxy_config: round robin without stickiness, so that consecutive
# requests of one person land on different nodes; a node is out after 2
# failed checks of /readyz (one second apart) and back after 1; a refused
# connection is tried again on another node. Each answer names its node
# (X-Guichet-Node), so that make chaos can tell where a failed request was.
haproxy_config() {
  cat <<CFG
global
    maxconn 4096
    log stderr format iso local0 warning
defaults
    mode http
    log global
    option httplog
    option log-separate-errors
    option dontlog-normal
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 15s
    retries 3
    option redispatch 1
    option http-server-close
    option forwardfor
frontend guichet
    bind 127.0.0.1:$port
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
    http-after-response set-header X-Guichet-Node %s
CFG
  for n in $nodes; do
    echo "    server $n 127.0.0.1:$(node_port "$n") check"
  done
}

stop_one() { # name signal
  alive "$1" || { rm -f "$dir/$1.pid"; return 0; }
  kill "-$2" "$(cat "$dir/$1.pid")" 2>/dev/null || true
}

stop_all() {
  # Nodes drain first (readiness red, 3 s for HAProxy, in-flight finish).
  for p in $nodes worker; do stop_one "$p" TERM; done
  for _ in $(seq 200); do
    left=0
    for p in $nodes worker; do alive "$p" && left=1; done
    [ $left = 0 ] && break
    sleep 0.1
  done
  for p in $nodes worker haproxy sim; do stop_one "$p" KILL; rm -f "$dir/$p.pid"; done
  if [ -f "$dir/env" ]; then
    . "$dir/env"
    if [ "${CLUSTER_KEEP_DATABASE:-}" = "" ]; then
      psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -f "$dir/env"
  fi
  echo "cluster stopped: nothing left running"
}

start_all() {
  for p in $nodes worker haproxy sim; do
    if alive "$p"; then echo "a cluster already runs in $dir (scripts/cluster.sh stop)" >&2; exit 1; fi
  done
  scripts/install-haproxy.sh
  [ -x bin/guichet ] && [ -x bin/chaos ] || { echo "build first: make build (bin/guichet, bin/chaos)" >&2; exit 1; }
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sed -n 1p)" main start
    for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  rm -rf "$dir"
  mkdir -p "$dir/files"
  chmod 700 "$dir" "$dir/files"
  database="guichet_cluster_$(date +%s)_$$"
  psql "$base/postgres" -qc "CREATE DATABASE $database" >/dev/null
  printf 'database=%s\ndatabase_url=%s\n' "$database" "$base/$database?sslmode=disable" >"$dir/env"
  (umask 077; head -c 32 /dev/urandom | base64 >"$dir/secret.key")
  trap 'echo "start failed: stopping what started" >&2; stop_all' ERR
  start_one sim
  # The first node migrates the fresh database and loads the demo alone;
  # the two others, started together, find both done.
  start_one n1
  start_one n2 & p2=$!
  start_one n3 & p3=$!
  wait $p2
  wait $p3
  start_one worker
  start_one haproxy
  trap - ERR
  echo "Guichet cluster: http://127.0.0.1:$port (3 nodes, 1 worker, HAProxy; database $database)"
  echo "logs and pid files in $dir; stop with: make cluster-stop"
}

case ${1:-start} in
  start)
    if [ $# -ge 2 ]; then start_one "$2"; else start_all; fi ;;
  run)
    # The processes run in sessions of their own (setsid), so that Ctrl-C
    # reaches this script alone, which stops them in order: nodes drain
    # while HAProxy still runs.
    trap 'stop_all; exit 0' INT TERM
    start_all
    echo "Ctrl-C stops the cluster"
    while sleep 1; do :; done ;;
  kill)
    [ $# -ge 2 ] || { echo "kill what? n1, n2, n3 or worker" >&2; exit 2; }
    alive "$2" || { echo "$2 does not run" >&2; exit 1; }
    kill -KILL "$(cat "$dir/$2.pid")"
    # Reaped by nobody (its parent script is gone): wait until it is gone.
    for _ in $(seq 50); do alive "$2" || break; sleep 0.1; done ;;
  restart)
    # A rolling restart of one process: SIGTERM (a node drains), then start.
    [ $# -ge 2 ] || { echo "restart what? n1, n2, n3 or worker" >&2; exit 2; }
    stop_one "$2" TERM
    for _ in $(seq 300); do alive "$2" || break; sleep 0.1; done
    if alive "$2"; then echo "$2 did not stop within 30 s" >&2; exit 1; fi
    start_one "$2" ;;
  stop) stop_all ;;
  status)
    for p in $nodes worker haproxy sim; do
      if alive "$p"; then echo "$p: running (pid $(cat "$dir/$p.pid"))"; else echo "$p: stopped"; fi
    done ;;
  env) . "$dir/env"; echo "$database_url" ;;
  *) echo "usage: $0 start|run|stop|status|kill WHAT|start WHAT|restart WHAT" >&2; exit 2 ;;
esac
