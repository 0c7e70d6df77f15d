#!/usr/bin/env bash
# Prints, for each lab fault of the "faults nobody named" issue, what reach says of it from both ends:
# `reach check` on dev1 (the client), and `reach local PORT --from 10.1.1.7 --watch` on the server
# while that check runs (its verdict, and the kernel's drop reasons the eBPF watch reported for the flow).
# Read-only apart from the lab itself; needs root and the built out/reach. Run from anywhere:
#   REACH_LAB_PREFIX=xx- lab/unnamed-faults.sh [FAULT...]
set -euo pipefail
cd "$(dirname "$0")/.."
P=${REACH_LAB_PREFIX:-}
reach=$PWD/out/reach
[ -x "$reach" ] || { echo "unnamed-faults: $reach is missing: run scripts/build.sh" >&2; exit 2; }

# fault | faults to inject | client target | server namespace | server port (empty: no watch)
rows=(
  "gw-one-way-state|gw-one-way-state|web1:80|web1|80"
  "web1-conntrack-full|web1-conntrack-full|web1:80|web1|80"
  "web1-accept-full|web1-accept-full|web1:80|web1|80"
  "web1-rp-filter|web1-rp-filter|web1:80|web1|80"
  "web1-hashlimit|web1-hashlimit|web1:80|web1|80"
  "web1-recent-empty|web1-recent-empty|web1:80|web1|80"
  "gw-no-forwarding|gw-no-forwarding|web1:80|web1|80"
  "wrong-prefix|wrong-prefix|web1:80|web1|80"
  "no-default-route6|no-default-route6|web1-v6:80||"
  "dns-first-dead|dns-first-dead|web1:80||"
  "docker-twin|docker-published docker-twin|10.1.2.5:8080|web1|8080"
)
only=" $* "

# The conntrack fault changes a host-wide limit (nf_conntrack_max is not per namespace): whatever ends
# this script, the lab's reset puts it back.
trap 'lab/lab.sh reset >/dev/null 2>&1 || true' EXIT

printf '%-22s %-28s %-28s %s\n' "fault" "reach check (dev1)" "reach local --watch (server)" "kernel (eBPF) for the flow"
for row in "${rows[@]}"; do
  IFS='|' read -r name faults target server port <<<"$row"
  if [ "$only" != "  " ] && [[ "$only" != *" $name "* ]]; then continue; fi
  lab/lab.sh reset >/dev/null
  # shellcheck disable=SC2086
  lab/lab.sh fault $faults >/dev/null
  watch_json=$(mktemp)
  watch_pid=
  if [ -n "$port" ]; then
    # The watch ends on EOF on its stdin (as --server ends it), once the client's check is done.
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    ip netns exec "${P}${server}" "$reach" local "$port" --from 10.1.1.7 --watch --duration 30s --stop-on-eof --json \
      <"$fifo" >"$watch_json" 2>/dev/null &
    watch_pid=$!
    exec 3>"$fifo"
    rm -f "$fifo"
    sleep 1.5
  fi
  check=$(ip netns exec "${P}dev1" "$reach" check "$target" --json 2>/dev/null || true)
  # The verdict, and any other problem listed beside it (a warning that costs time, such as dns.slow).
  client=$(jq -r '.verdict.code + ([.problems[] | select(. != "ok")] - [.verdict.code] | if length > 0 then " +" + join(",") else "" end)' <<<"$check" 2>/dev/null || echo "?")
  local_code="-"; kernel="-"
  if [ -n "$watch_pid" ]; then
    exec 3>&-
    wait "$watch_pid" 2>/dev/null || true
    local_code=$(jq -r '.verdict.code' "$watch_json" 2>/dev/null || echo "?")
    kernel=$(jq -r '[.checks[].evidence[] | select(.source | startswith("kernel")) | .detail] | first // "none dropped"' "$watch_json" 2>/dev/null || echo "?")
  fi
  rm -f "$watch_json"
  printf '%-22s %-28s %-28s %s\n' "$name" "$client" "$local_code" "$kernel"
done
