#!/usr/bin/env bash
# What the browser tests need besides the server's prerequisites: Debian's Chromium (driven by Playwright through
# its ExecutablePath; no `playwright install`) and node/npm to build the viewer app. As root it installs what is
# missing; otherwise it says what to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ "${#missing[@]}" = 0 ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "The browser tests need the Debian package(s) ${missing[*]}. Install with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${missing[*]} (Debian packages)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "${missing[*]} installed."
