#!/usr/bin/env bash
# `reach local` against a real-world-sized firewall: the ~10,000-rule ruleset of the firewall engine's
# fixtures (tests/Reach.Firewall.Tests/Fixtures/big/generate.py: iptables user chains, multiport,
# iprange, an ipset, and a native nft table with sets and verdict maps), loaded with the real tools
# into a scratch namespace. Times the whole answer (read ss, iptables-save, nft -j, ipset; parse; trace;
# judge) against the seed's manual step, `iptables -L -n -v --line-numbers` (which only lists).
# Needs root and out/reach. Sends no traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
ns=${REACH_BENCH_NS:-${REACH_LAB_PREFIX:-}reach-bench-fw}  # namespaces are shared by the machine: a lab prefix or a name of your own
[[ -x out/reach ]] || { echo "bench: out/reach is missing; run scripts/build.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1  # no dummy module on every kernel
ip -n "$ns" addr add 10.255.0.1/16 dev eth0
ip -n "$ns" link set eth0 up
python3 tests/Reach.Firewall.Tests/Fixtures/big/generate.py "$work" >/dev/null
ip netns exec "$ns" ipset restore < "$work/ipset.restore"
ip netns exec "$ns" iptables-restore < "$work/iptables.rules"
ip netns exec "$ns" nft -f "$work/ruleset.nft"
rules=$(( $(ip netns exec "$ns" iptables-save | grep -c '^-A') + $(ip netns exec "$ns" nft -a list table inet big | grep -c 'handle [0-9]*$') ))

# A packet from tenant 99 to its last port: it walks INPUT, the whole TENANT_099 chain, then nft's table.
from=10.99.79.1
echo "ruleset: $rules rules (iptables-nft + native nft), ipset: $(ip netns exec "$ns" ipset list big_blocklist | grep -c '^10\.') entries"
{ ip netns exec "$ns" out/reach local 10790 --from "$from" || true; } | sed -n '/firewall/,$p'
hyperfine --runs "$runs" --warmup 1 --ignore-failure --style none --export-json "$work/reach.json" \
  "ip netns exec $ns $PWD/out/reach local 10790 --from $from" >/dev/null
hyperfine --runs "$runs" --warmup 1 --style none --export-json "$work/list.json" \
  "ip netns exec $ns iptables -L -n -v --line-numbers" >/dev/null
python3 - "$work" <<'PY'
import json, statistics, sys, os
d = sys.argv[1]
med = lambda k: statistics.median(json.load(open(os.path.join(d, k + ".json")))["results"][0]["times"])
r, l = med("reach"), med("list")
print(f"reach local (read, parse, trace, judge): median {r:.3f} s")
print(f"iptables -L -n -v --line-numbers (list only): median {l:.3f} s  (reach/list = {r / l:.1f})")
PY
