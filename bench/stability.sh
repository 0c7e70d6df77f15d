#!/usr/bin/env bash
# Is `reach check web1:80` right on every run? For a REJECT on web1 (port.rejected) and an
# admin-prohibited REJECT on gw (route.prohibited): 10 runs back to back on one lab (ICMP rate-limit
# buckets and neighbour caches carry over, as for an operator who runs the tool twice), 4 at once on a
# lab that has been quiet, and — the hardest case — 4 at once right after the 10, when the target's ICMP
# budget towards this host is spent. Prints how many runs gave the right verdict, and the wrong ones.
# Needs root and out/reach. Honours REACH_LAB_PREFIX. All traffic stays inside the lab's namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
ns="${REACH_LAB_PREFIX:-}dev1"
back=${BACK_TO_BACK:-10}
together=${AT_ONCE:-4}
[[ -x out/reach ]] || { echo "stability: out/reach is missing; run scripts/build.sh" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; lab/lab.sh down >/dev/null 2>&1 || true' EXIT

verdict() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"]["code"])' "$1" 2>/dev/null || echo "(no report)"; }

# count EXPECTED FILES...: prints "right/total"; the wrong verdicts go to $tmp/wrong.
count() {
  local expected=$1 right=0 total=0 f v
  shift
  for f in "$@"; do
    v=$(verdict "$f")
    total=$((total + 1))
    if [[ $v == "$expected" ]]; then right=$((right + 1)); else printf '%s ' "$v" >>"$tmp/wrong"; fi
  done
  printf '%d/%d' "$right" "$total"
}

printf '%-14s %-18s %-14s %-9s %-20s %s\n' fault expected "back to back" "at once" "at once right after" "wrong verdicts"
for entry in "web1-reject:port.rejected" "gw-prohibit:route.prohibited"; do
  fault=${entry%%:*}; expected=${entry#*:}
  lab/lab.sh reset >/dev/null
  lab/lab.sh fault "$fault" >/dev/null
  rm -f "$tmp"/*.json "$tmp/wrong"
  for ((i = 1; i <= back; i++)); do
    ip netns exec "$ns" out/reach check web1:80 --json >"$tmp/b$i.json" || true
  done
  pids=()
  for ((i = 1; i <= together; i++)); do
    ip netns exec "$ns" out/reach check web1:80 --json >"$tmp/c$i.json" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  lab/lab.sh reset >/dev/null
  lab/lab.sh fault "$fault" >/dev/null
  pids=()
  for ((i = 1; i <= together; i++)); do
    ip netns exec "$ns" out/reach check web1:80 --json >"$tmp/q$i.json" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  b=$(count "$expected" "$tmp"/b*.json)
  q=$(count "$expected" "$tmp"/q*.json)
  c=$(count "$expected" "$tmp"/c*.json)
  printf '%-14s %-18s %-14s %-9s %-20s %s\n' "$fault" "$expected" "$b" "$q" "$c" "$(cat "$tmp/wrong" 2>/dev/null || true)"
done
