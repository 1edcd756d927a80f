#!/usr/bin/env bash
# Runs the product on SQLite (data/certification.db) in Development on http://127.0.0.1:5080
# unless --urls says otherwise. Extra arguments are passed to the host.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
dotnet build src/Certification.Api -c Release -nologo -clp:ErrorsOnly
urls=()
[[ " $* " == *" --urls"* ]] || urls=(--urls http://127.0.0.1:5080)
exec dotnet src/Certification.Api/bin/Release/net10.0/Certification.Api.dll serve \
  --contentRoot "$PWD/src/Certification.Api" "${urls[@]}" "$@"
