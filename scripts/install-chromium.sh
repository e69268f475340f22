#!/usr/bin/env bash
# Installs Debian's Chromium when /usr/bin/chromium is missing. The browser
# journeys drive this system browser: npm packages never download one.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing and this script needs root to install it: run 'sudo apt-get install chromium'." >&2
  exit 1
fi
echo "Installing Chromium from the Debian packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
