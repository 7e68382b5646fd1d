#!/usr/bin/env bash
# Makes sure the machine has what the GridStream server needs besides the .NET SDK: PostgreSQL's server programs,
# which the server runs itself as an embedded database. As root it installs them; otherwise it says what to run.
set -euo pipefail

has_postgres_binaries() {
  if [ -n "${GRIDSTREAM_PG_BIN:-}" ]; then
    [ -x "$GRIDSTREAM_PG_BIN/initdb" ] && [ -x "$GRIDSTREAM_PG_BIN/pg_ctl" ] && [ -x "$GRIDSTREAM_PG_BIN/postgres" ]
    return
  fi
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if has_postgres_binaries && { [ "$(id -u)" != 0 ] || id -u postgres >/dev/null 2>&1; }; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "GridStream needs PostgreSQL's server programs. Install them with:" >&2
  echo "  sudo apt-get install -y postgresql" >&2
  exit 1
fi

echo "Installing PostgreSQL (Debian package postgresql)…"
# GridStream runs its own cluster; stop Debian from creating and starting a default one beside it.
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
echo "PostgreSQL installed."
