#!/usr/bin/env bash
# README command 2: install, build, publish, then run the whole test suite: unit tests (fixtures, no
# root) and the lab scenarios (root: namespaces, real faults, the published CLI). The lab scenarios are
# required here: REACH_REQUIRE_LAB=1 makes them fail, never skip, when they cannot run.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
export REACH_REQUIRE_LAB=1
log=$(mktemp)
trap 'rm -f "$log"; lab/lab.sh down >/dev/null 2>&1 || true' EXIT
set +e
dotnet test reach.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
       if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (s > 0) exit 1 }' "$log" || {
  echo "test: tests were skipped; every test must run here (the lab needs root)" >&2; status=1; }
exit "$status"
