#!/usr/bin/env bash
# Installs Debian's HAProxy when it is missing: `make cluster` puts it in
# front of the nodes. Only the binary is used; the Debian service stays off.
set -euo pipefail
if command -v haproxy >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "HAProxy is missing and this script needs root to install it: run 'sudo apt-get install haproxy'." >&2
  exit 1
fi
echo "Installing HAProxy from the Debian packages"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (a browser being installed) may hold the lock a while.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
apt_get install -y -qq --no-install-recommends haproxy >/dev/null 2>&1 ||
  { apt_get update -qq && apt_get install -y -qq --no-install-recommends haproxy >/dev/null; }
# The package starts its own service on port 80 where systemd runs; the
# cluster runs its own HAProxy, so that one is stopped.
if command -v systemctl >/dev/null && systemctl is-active -q haproxy 2>/dev/null; then
  systemctl stop haproxy || true
fi
haproxy -v | sed -n 1p # sed reads it all: head would end haproxy with SIGPIPE, which pipefail makes an error
