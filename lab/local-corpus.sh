#!/usr/bin/env bash
# The real-world ruleset corpus (tests/Reach.Firewall.Tests/Fixtures/corpus/*/): for each ruleset,
# build a host namespace with the interfaces and addresses it names, load the ruleset with the real
# tools (iptables-restore, nft -f), start listeners (on the host and, for DNAT, in a third namespace
# that plays the container or pod), send real TCP SYNs from a client namespace and record what the
# kernel answered (open, rst, icmp, silence: connect() with IP_RECVERR and a 2 s timeout), then run the
# published `out/reach local PORT --from CLIENT [--to ADDR] --json` inside the host namespace.
# Prints one tab-separated line per packet: ruleset, port, to, kernel outcome, reach's code, summary.
# Namespaces: l-cc (client), l-ch (host), l-cx (container); all deleted afterwards. Needs root.
#   usage: lab/local-corpus.sh [RULESET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/tests/Reach.Firewall.Tests/Fixtures/corpus
reach=$root/out/reach
[[ -x $reach ]] || { echo "local-corpus: $reach is missing; run scripts/build.sh" >&2; exit 1; }
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	pids=()
	for n in l-cc l-ch l-cx; do ip netns del "$n" 2>/dev/null || true; done
}
trap '[[ -n ${KEEP:-} ]] || cleanup' EXIT

listen() { # listen NS PORT...: a TCP listener on 0.0.0.0 for each port, accepting forever
	local ns=$1; shift
	[[ $# -gt 0 ]] || return 0
	ip netns exec "$ns" python3 -c '
import socket, sys, select
socks = []
for p in sys.argv[1:]:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", int(p))); s.listen(64); socks.append(s)
print("ready", flush=True)
while True:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close()
' "$@" > "/tmp/l-corpus-listen-$ns.out" &
	pids+=($!)
	for _ in $(seq 50); do grep -q ready "/tmp/l-corpus-listen-$ns.out" 2>/dev/null && return 0; sleep 0.1; done
	echo "listener in $ns did not start" >&2; return 1
}

probe() { # probe ADDR PORT: what the kernel answered the client's SYN
	ip netns exec l-cc python3 -c '
import socket, sys, errno
a, p = sys.argv[1], int(sys.argv[2])
s = socket.socket(); s.setsockopt(socket.IPPROTO_IP, 11, 1)  # IP_RECVERR: ICMP errors on the error queue
s.settimeout(2)
try:
    s.connect((a, p)); print("open")
except socket.timeout:
    print("silence")
except OSError as e:
    try:
        s.recvmsg(512, 512, socket.MSG_ERRQUEUE); print("icmp")
    except OSError:
        print("rst" if e.errno == errno.ECONNREFUSED else "icmp" if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH) else "error-%d" % e.errno)
' "$1" "$2"
}

run_case() {
	local name=$1 dir=$corpus/$1
	local wan_if=eth0 host_ip=10.88.1.1/24 client_ip=10.88.1.2/24 host_extra=10.88.1.10/24
	local lan_if="" lan_ip="" ctr_ips="" client_routes="" host_default="" host_default_dev="" host_listen="" ctr_listen="" probes="" rules=""
	# shellcheck disable=SC1091
	source "$dir/case.sh"
	cleanup
	ip netns add l-cc; ip netns add l-ch
	ip -n l-cc link set lo up; ip -n l-ch link set lo up
	ip -n l-ch link add "$wan_if" type veth peer name eth0 netns l-cc
	ip -n l-ch addr add "$host_ip" dev "$wan_if"
	for a in $host_extra; do ip -n l-ch addr add "$a" dev "$wan_if"; done
	ip -n l-cc addr add "$client_ip" dev eth0
	ip -n l-ch link set "$wan_if" up; ip -n l-cc link set eth0 up
	local host=${host_ip%/*} client=${client_ip%/*}
	for r in $client_routes; do ip -n l-cc route add "$r" via "$host"; done
	[[ -z $host_default ]] || ip -n l-ch route add default via "$host_default"
	if [[ -n $lan_if ]]; then
		ip netns add l-cx; ip -n l-cx link set lo up
		ip -n l-ch link add "$lan_if" type bridge; ip -n l-ch link set "$lan_if" up
		ip -n l-ch addr add "$lan_ip" dev "$lan_if"
		ip -n l-ch link add vethc type veth peer name eth0 netns l-cx
		ip -n l-ch link set vethc master "$lan_if" up
		for a in $ctr_ips; do ip -n l-cx addr add "$a" dev eth0; done
		ip -n l-cx link set eth0 up
		ip -n l-cx route add default via "${lan_ip%/*}"
		# A router forwards: Docker, kube-proxy and OpenWrt all turn this on.
		ip netns exec l-ch sysctl -qw net.ipv4.ip_forward=1
		[[ -z $host_default_dev ]] || ip -n l-ch route add default dev "$host_default_dev"
	fi
	local file=${rules:-$(cd "$dir" && ls rules.v4 rules.nft 2>/dev/null | head -1)}
	case $file in
		*.nft) ip netns exec l-ch nft -f "$dir/$file" ;;
		*) ip netns exec l-ch iptables-restore < "$dir/$file"
		   [[ -f $dir/rules.v6 && -z $rules ]] && ip netns exec l-ch ip6tables-restore < "$dir/rules.v6" ;;
	esac
	if [[ -n ${CAPTURE:-} ]]; then
		# The engine's fast tests read these: what reach itself reads on such a host.
		ip netns exec l-ch iptables-save | { grep -v '^# \(Generated\|Completed\)' || true; } > "$dir/iptables-save.txt"
		[[ -s $dir/iptables-save.txt ]] || rm -f "$dir/iptables-save.txt"
		ip netns exec l-ch ip6tables-save | { grep -v '^# \(Generated\|Completed\)' || true; } > "$dir/ip6tables-save.txt"
		[[ -s $dir/ip6tables-save.txt ]] || rm -f "$dir/ip6tables-save.txt"
		ip netns exec l-ch nft -j list ruleset > "$dir/nft.json"
	fi
	# shellcheck disable=SC2086
	listen l-ch $host_listen
	# shellcheck disable=SC2086
	[[ -z $lan_if ]] || listen l-cx $ctr_listen
	sleep 1.2  # fresh veths: wait out the first neighbour resolution (DESIGN.md)
	for p in $probes; do
		local port=${p%@*} to="" addr=$host
		[[ $p == *@* ]] && { to=${p#*@}; addr=$to; }
		local kernel; kernel=$(probe "$addr" "$port")
		local args=(local "$port" --from "$client" --json)
		[[ -z $to ]] || args+=(--to "$to")
		local out; out=$(ip netns exec l-ch "$reach" "${args[@]}" 2>/dev/null || true)
		local code summary
		code=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["verdict"]["code"])' <<<"$out" 2>/dev/null || echo "no-json")
		summary=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["verdict"]["summary"].replace("\t"," "))' <<<"$out" 2>/dev/null || echo "$out" | head -c 300)
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$port" "${to:--}" "$kernel" "$code" "$summary"
	done
	[[ -n ${KEEP:-} ]] || cleanup
}

cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || mapfile -t cases < <(cd "$corpus" && ls -d */ | tr -d /)
for c in "${cases[@]}"; do run_case "$c"; done
