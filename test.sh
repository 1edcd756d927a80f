#!/usr/bin/env bash
# The whole test suite. Installs what the tests need first when it is missing (PostgreSQL), builds once, runs every
# test project on SQLite, then the database-touching projects again on PostgreSQL. Exit code 0 only when all passed.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Certification.sln -c Release -nologo -clp:ErrorsOnly

# The browser tests drive Debian's chromium (never a browser downloaded by Playwright); CJK fonts for screenshots.
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

log=$(mktemp)
status=0
run() { # run LABEL PROJECT...
  local label=$1; shift
  for project in "$@"; do
    echo "== $label: $project"
    dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=1
  done
}

run SQLite tests/Certification.Domain.Tests tests/Certification.Workflows.Tests tests/Certification.Api.Tests tests/Certification.Browser.Tests

postgres=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop' EXIT
CERTIFICATION_TEST_POSTGRES="$postgres" run PostgreSQL tests/Certification.Workflows.Tests tests/Certification.Api.Tests

# One closing line for the whole run, summed over the test projects and both databases.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
