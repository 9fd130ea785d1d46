#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (browser downloads do not work on these machines).
# Installs it when missing and we may (root with apt); otherwise says how.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian chromium for the end-to-end tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium at $chromium_path: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH." >&2
exit 1
