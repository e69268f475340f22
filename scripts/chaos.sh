#!/usr/bin/env bash
# make chaos: realistic journeys through the cluster's HAProxy (searches,
# procedure pages, drafts saved page by page, dossiers sent, an agent
# deciding, SMS to the provider simulator) while one node, then the worker,
# is killed with SIGKILL and restarted; then the checks that every
# acknowledged submission, draft page, decision and notification is there
# exactly once, and `guichet journal verify` on the cluster's database.
# It uses the cluster `make cluster` started, or starts one of its own and
# stops it at the end. Reports in build/chaos/.
#
# CHAOS_DURATION (default 45s) and CHAOS_PEOPLE (default 8) size the load.
set -euo pipefail
cd "$(dirname "$0")/.."
export CLUSTER_DIR=${CLUSTER_DIR:-build/cluster}
report=build/chaos
own=
if ! scripts/cluster.sh status | grep -q "^haproxy: running"; then
  scripts/cluster.sh start
  own=1
  trap 'scripts/cluster.sh stop' EXIT
fi
. "$CLUSTER_DIR/env"
port=${CLUSTER_PORT:-8400}
rm -rf "$report"
mkdir -p "$report"
status=0
bin/chaos run --target "http://127.0.0.1:$port" --sim "http://127.0.0.1:$((port + 9))" \
  --database-url "$database_url" --secret-key-file "$CLUSTER_DIR/secret.key" \
  --duration "${CHAOS_DURATION:-45s}" --citizens "${CHAOS_PEOPLE:-8}" --report "$report" || status=$?
echo "journal verify on the cluster's database:"
GUICHET_DATABASE_URL="$database_url" GUICHET_SECRET_KEY_FILE="$CLUSTER_DIR/secret.key" \
  bin/guichet journal verify --data "$report/data" | tee "$report/journal.txt" || status=1
cp "$CLUSTER_DIR"/*.log "$report/" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "chaos: FAILED (see $report/report.txt and the logs beside it)"
  exit "$status"
fi
echo "chaos: passed (reports in $report)"
