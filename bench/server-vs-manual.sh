#!/usr/bin/env bash
# Time to a joined verdict: `reach check web1:80 --server ssh://web1` in dev1, against the manual way
# (the local run, then `ssh web1 iptables -L -n -v` and `ssh web1 ss -ltnp`, one after the other), and
# the local run alone, on the healthy lab and with web1 DROP. Honours REACH_LAB_PREFIX (its own lab:
# namespaces ${REACH_LAB_PREFIX}dev1, ...); sshd runs inside the namespaces (lab/remote-lab.sh). Needs
# root, out/reach and hyperfine. All traffic stays inside the lab's namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
P=${REACH_LAB_PREFIX:-}
[[ -x out/reach ]] || { echo "bench: out/reach is missing; run scripts/build.sh" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing; run scripts/install-deps.sh" >&2; exit 1; }
trap 'lab/remote-lab.sh down >/dev/null 2>&1 || true; lab/lab.sh down >/dev/null 2>&1 || true' EXIT
results=$(mktemp -d)
R=$PWD/out/reach

for entry in "healthy:" "drop-on-web1:web1-drop"; do
  name=${entry%%:*}; fault=${entry#*:}
  lab/lab.sh reset >/dev/null
  lab/remote-lab.sh up
  [[ -n $fault ]] && lab/lab.sh fault "$fault" >/dev/null
  ssh_cmd=$(lab/remote-lab.sh ssh-command)
  verdict=$(ip netns exec "${P}dev1" env REACH_SSH_COMMAND="$ssh_cmd" "$R" check web1:80 --server ssh://web1 --remote-reach "$R" --json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"]["code"])' || true)
  hyperfine --runs "$runs" --ignore-failure --style none --export-json "$results/$name-server.json" \
    "ip netns exec ${P}dev1 env REACH_SSH_COMMAND='$ssh_cmd' $R check web1:80 --server ssh://web1 --remote-reach $R" >/dev/null
  hyperfine --runs "$runs" --ignore-failure --style none --export-json "$results/$name-manual.json" \
    "ip netns exec ${P}dev1 sh -c '$R check web1:80; $ssh_cmd web1 iptables -L -n -v; $ssh_cmd web1 ss -ltnp'" >/dev/null
  hyperfine --runs "$runs" --ignore-failure --style none --export-json "$results/$name-local.json" \
    "ip netns exec ${P}dev1 $R check web1:80" >/dev/null
  echo "$name $verdict" >>"$results/verdicts"
done

python3 - "$results" <<'PY'
import json, statistics, sys, os
d = sys.argv[1]
def med(n): return statistics.median(json.load(open(os.path.join(d, n)))["results"][0]["times"])
print(f"{'scenario':<14}{'joined verdict':<17}{'--server (s)':>13}{'manual (s)':>12}{'local only (s)':>16}{'manual/--server':>17}")
for line in open(os.path.join(d, "verdicts")):
    name, verdict = line.split()
    s, m, l = med(f"{name}-server.json"), med(f"{name}-manual.json"), med(f"{name}-local.json")
    print(f"{name:<14}{verdict:<17}{s:>13.3f}{m:>12.3f}{l:>16.3f}{m/s:>16.1f}x")
PY
