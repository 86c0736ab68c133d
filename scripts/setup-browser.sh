#!/usr/bin/env bash
# Installs what the chat widget and its browser tests need on a fresh machine:
#   - node_modules from package-lock.json (`npm ci`) when missing or older than the lock file
#     (the socket.io client the widget loads; axe-core for the accessibility tests);
#   - Debian's Chromium at /usr/bin/chromium, unless --npm-only (`make run` needs no browser).
# Playwright drives that Chromium; `playwright install` (a browser download) is never used.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { echo "npm is missing: install Node.js (apt-get install -y nodejs npm)" >&2; exit 1; }
  echo "Installing the widget's npm packages (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" != "--npm-only" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests ..."
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
