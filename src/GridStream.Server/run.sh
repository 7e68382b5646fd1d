#!/usr/bin/env bash
# Runs GridStream. Without ConnectionStrings__GridStream it starts its own PostgreSQL in .gridstream/pg under the
# current folder and stops it on Ctrl+C.
set -euo pipefail
server_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$server_dir/prerequisites.sh"
# The viewer app (web/dist) is rebuilt when missing or older than its sources; without node the server runs API-only.
if command -v npm >/dev/null 2>&1; then
  bash "$server_dir/../../web/build.sh" || echo "The viewer app could not be built (see above); the server serves the API only." >&2
fi
dotnet build "$server_dir/GridStream.Server.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
# The default address lives here rather than in appsettings.json, where it would override ASPNETCORE_URLS.
if [ -z "${ASPNETCORE_URLS:-}" ]; then
  export ASPNETCORE_URLS="http://localhost:5080"
  # Bound to localhost, every peer runs on this machine, so declared addresses are all there is to tell the demo's
  # simulated networks apart (compute needs two subnets per unit). Any other address keeps the safe default.
  export GridStream__Swarm__TrustDeclaredAddresses="${GridStream__Swarm__TrustDeclaredAddresses:-true}"
fi
# exec, so Ctrl+C reaches the server itself and it can stop PostgreSQL cleanly.
exec dotnet "$server_dir/bin/Release/net10.0/GridStream.Server.dll" --contentRoot "$server_dir" "$@"
