#!/usr/bin/env bash
# Makes sure the machine has what the GridStream server needs besides the .NET SDK: PostgreSQL's server programs,
# which the server runs itself as an embedded database, and ffmpeg, which makes the demo video on first start; and,
# optionally, node and npm, which build the viewer app (web/).
# As root it installs what is missing; otherwise it says what to run.
set -euo pipefail

has_postgres_binaries() {
  if [ -n "${GRIDSTREAM_PG_BIN:-}" ]; then
    [ -x "$GRIDSTREAM_PG_BIN/initdb" ] && [ -x "$GRIDSTREAM_PG_BIN/pg_ctl" ] && [ -x "$GRIDSTREAM_PG_BIN/postgres" ]
    return
  fi
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

missing=()
if ! has_postgres_binaries || { [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; }; then
  missing+=(postgresql)
fi
if ! command -v "${GridStream__Demo__Ffmpeg:-ffmpeg}" >/dev/null 2>&1; then
  missing+=(ffmpeg)
fi

# node and npm build the viewer app (web/); without them the server still runs, serving the API only.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    missing+=(nodejs npm)
  else
    echo "To build the viewer app GridStream needs node and npm; without them it serves the API only. Install with:" >&2
    echo "  sudo apt-get install -y nodejs npm" >&2
  fi
fi

if [ "${#missing[@]}" = 0 ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "GridStream needs the Debian package(s) ${missing[*]} (postgresql: the database it runs itself; ffmpeg: makes the demo video). Install with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${missing[*]} (Debian packages)…"
# GridStream runs its own cluster; stop Debian from creating and starting a default one beside it.
if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "${missing[*]} installed."
