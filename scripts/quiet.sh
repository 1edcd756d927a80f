#!/usr/bin/env bash
# Runs a benchmark command with every other session's processes at nice 19 for its duration, then puts them back
# at 0: near-quiet CPU for a measurement on a shared machine (docs/performance.md). Needs root.
# The kernel here schedules by session autogroup (/proc/sys/kernel/sched_autogroup_enabled = 1), so renicing
# threads does not reach across sessions; the autogroups' own nice value does.
# Usage: scripts/quiet.sh dotnet src/Certification.Api/bin/Release/net10.0/Certification.Api.dll bench lifecycle ...
set -u
mine=$(cut -d' ' -f1 /proc/self/autogroup)
set_all() {
  for group in /proc/[0-9]*/autogroup; do
    [ "$(cut -d' ' -f1 "$group" 2>/dev/null)" = "$mine" ] && continue
    { echo "$1" > "$group"; } 2>/dev/null
  done
}
# Repeated: processes started meanwhile (another session's build, say) are lowered too.
( while true; do set_all 19; sleep 2; done ) & keeper=$!
"$@"; rc=$?
kill "$keeper" 2>/dev/null; wait "$keeper" 2>/dev/null
set_all 0
exit $rc
