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
# The browser tests run on their own, after the rest: real-time video and WebRTC in up to eight pages need the machine's
# two cores to themselves (run next to the server tests, data channels time out and pages fall back to the CDN).
dotnet test GridStream.sln -c Release --nologo --filter "FullyQualifiedName!~GridStream.Browser.Tests" \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
dotnet test tests/GridStream.Browser.Tests -c Release --nologo --no-build \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

bash tests/summarize-results.sh "$results"
exit "$status"
