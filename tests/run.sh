#!/usr/bin/env bash
# Runs every GridStream test against real parts (a real PostgreSQL started by the tests themselves).
# Installs what the tests need first, so a fresh Debian machine with only the .NET SDK can run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash src/GridStream.Server/prerequisites.sh
bash tests/GridStream.Browser.Tests/prerequisites.sh
bash web/build.sh

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test GridStream.sln -c Release --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

bash tests/summarize-results.sh "$results"
exit "$status"
