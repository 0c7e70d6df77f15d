#!/usr/bin/env bash
# Time to a verdict: `reach check web1:80` against the classic procedure (bench/classic.sh: ethtool, ip,
# ping -c 5 to the gateway, nslookup, ping, traceroute, nmap) inside dev1 on the lab, for a healthy
# path and five failures, among them a dead host behind a router (web1-down: gw's ARP with kernel
# defaults, !H after ~3 s) and a DROP on web1. Prints each median and the ratio classic/reach. Needs
# root and out/reach. Honours REACH_LAB_PREFIX. All traffic stays inside the lab's namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
ns="${REACH_LAB_PREFIX:-}dev1"
[[ -x out/reach ]] || { echo "bench: out/reach is missing; run scripts/build.sh" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing; run scripts/install-deps.sh" >&2; exit 1; }
trap 'lab/lab.sh down >/dev/null 2>&1 || true' EXIT
results=$(mktemp -d)

# name:fault[:target]; the target defaults to web1 (IPv4). healthy-ipv6 (AAAA only) and healthy-dual-stack
# (A and AAAA, IPv6 first: reach also probes the IPv4 address) are issue 7's.
scenarios=("healthy:" "healthy-ipv6::web1-v6" "healthy-dual-stack::web1-ds" "drop-on-web1:web1-drop" "dead-host-behind-gw:web1-down"
  "reject-on-web1:web1-reject" "silent-gateway:gw-drops-ping" "nameserver-down:dns-stopped")
for entry in "${scenarios[@]}"; do
  IFS=: read -r name fault host <<<"$entry"
  host=${host:-web1}
  lab/lab.sh reset >/dev/null
  [[ -n $fault ]] && lab/lab.sh fault "$fault" >/dev/null
  verdict=$(ip netns exec "$ns" out/reach check "$host:80" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"]["code"])' || true)
  hyperfine --runs "$runs" --ignore-failure --style none --export-json "$results/$name-reach.json" \
    "ip netns exec $ns $PWD/out/reach check $host:80" >/dev/null
  hyperfine --runs "$(( runs < 3 ? runs : 3 ))" --ignore-failure --style none --export-json "$results/$name-classic.json" \
    "ip netns exec $ns bash $PWD/bench/classic.sh $host 80" >/dev/null
  echo "$name $verdict" >> "$results/verdicts"
done

python3 - "$results" <<'PY'
import json, statistics, sys, os
d = sys.argv[1]
print(f"{'scenario':<21}{'verdict':<24}{'reach (s)':>10}{'classic (s)':>13}{'ratio':>8}")
for line in open(os.path.join(d, "verdicts")):
    name, verdict = line.split()
    med = lambda k: statistics.median(json.load(open(os.path.join(d, f"{name}-{k}.json")))["results"][0]["times"])
    r, c = med("reach"), med("classic")
    print(f"{name:<21}{verdict:<24}{r:>10.3f}{c:>13.3f}{c / r:>7.0f}x")
PY
rm -rf "$results"
