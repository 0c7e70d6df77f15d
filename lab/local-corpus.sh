#!/usr/bin/env bash
# The real-world ruleset corpus (tests/Reach.Firewall.Tests/Fixtures/corpus/*/): for each ruleset,
# build a host namespace with the interfaces and addresses it names, load the ruleset with the real
# tools (iptables-restore, nft -f), start listeners (on the host and, for DNAT, in a third namespace
# that plays the container or pod), send real packets from a client namespace, over IPv4 and IPv6, and
# record what the kernel answered, then run the published
# `out/reach local PORT[/udp] --from CLIENT [--to ADDR] --json` inside the host namespace.
#   TCP: connect() with IP_RECVERR and a 2 s timeout: open, rst, icmp-port (ICMP port unreachable),
#        icmp (any other ICMP error from another host), silence; local-error when the client itself
#        raised the error (its neighbour resolution failed), which never agrees with any verdict.
#   UDP: one datagram on a connected socket with IP_RECVERR; the listeners echo it back: open (the echo),
#        icmp-port (port unreachable: no socket, or a reject that says so), icmp, silence (2 s).
#   Silence is asked twice, the second time after the ICMP rate limit has refilled (see the probe loop).
# A case's probes are PORT[/PROTO][@TO]; PROTO is tcp (default), udp, tcp6 or udp6 (from the client's
# IPv6 address to the host's; an IPv6 TO implies it). Listeners are PORT or PORT/udp, on 0.0.0.0 and on
# :: (IPV6_V6ONLY, as sshd binds).
# Before the rules are loaded, the same `reach local` runs offline with --ruleset and the case's captured
# files (iptables-save.txt, ip6tables-save.txt, nft.json: what the live run reads from the kernel), so that
# the offline verdict can be compared with the live one on the very host the rules are proposed for.
# Prints one tab-separated line per packet: ruleset, port (53/udp, 22/tcp6), to, kernel outcome, reach's code,
# summary, the offline code, the offline summary.
# Namespaces: ${REACH_LAB_PREFIX}l-cc (client), l-ch (host), l-cx (container); all deleted afterwards. Needs root.
#   usage: lab/local-corpus.sh [RULESET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/tests/Reach.Firewall.Tests/Fixtures/corpus
reach=$root/out/reach
P=${REACH_LAB_PREFIX:-}
[[ $P =~ ^[a-z0-9-]{0,6}$ ]] || { echo "REACH_LAB_PREFIX must be at most 6 of [a-z0-9-]" >&2; exit 2; }
CC=${P}l-cc CH=${P}l-ch CX=${P}l-cx
[[ -x $reach ]] || { echo "local-corpus: $reach is missing; run scripts/build.sh" >&2; exit 1; }
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	pids=()
	for n in "$CC" "$CH" "$CX"; do ip netns del "$n" 2>/dev/null || true; done
}
trap '[[ -n ${KEEP:-} ]] || cleanup' EXIT

listen() { # listen NS PORT[/udp]...: listeners on 0.0.0.0 and :: for each port; TCP accepts, UDP echoes
	local ns=$1; shift
	[[ $# -gt 0 ]] || return 0
	# The previous case's file still says "ready": remove it before the new listener's redirection runs.
	rm -f "/tmp/l-corpus-listen-$ns.out"
	ip netns exec "$ns" python3 -c '
import socket, sys, select
socks = {}
for spec in sys.argv[1:]:
    port, _, proto = spec.partition("/")
    for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(fam, socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, int(port)))
        if proto != "udp":
            s.listen(64)
        socks[s] = proto
print("ready", flush=True)
while True:
    for s in select.select(list(socks), [], [])[0]:
        if socks[s] == "udp":
            data, peer = s.recvfrom(2048); s.sendto(data, peer)
        else:
            c, _ = s.accept(); c.close()
' "$@" > "/tmp/l-corpus-listen-$ns.out" &
	pids+=($!)
	for _ in $(seq 50); do grep -q ready "/tmp/l-corpus-listen-$ns.out" 2>/dev/null && return 0; sleep 0.1; done
	echo "listener in $ns did not start" >&2; return 1
}

probe() { # probe ADDR PORT PROTO: what the kernel answered the client's SYN or datagram
	ip netns exec "$CC" python3 -c '
import socket, struct, sys, errno
a, p, proto = sys.argv[1], int(sys.argv[2]), sys.argv[3]
v6 = ":" in a
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM)
# IP_RECVERR / IPV6_RECVERR (ip(7), ipv6(7)): ICMP errors land on the error queue with their type and code.
s.setsockopt(socket.IPPROTO_IPV6, 25, 1) if v6 else s.setsockopt(socket.IPPROTO_IP, 11, 1)
s.settimeout(2)
def icmp():
    # struct sock_extended_err: ee_errno u32, ee_origin u8, ee_type u8, ee_code u8, pad, info, data
    # (16 bytes, linux/errqueue.h), then SO_EE_OFFENDER: the sockaddr of the host that sent the error.
    try:
        _, anc, _, _ = s.recvmsg(512, 512, socket.MSG_ERRQUEUE)
    except OSError:
        return None
    for _, _, d in anc:
        _, origin, typ, code = struct.unpack_from("=IBBB", d)
        offender = socket.inet_ntop(socket.AF_INET6, d[24:40]) if v6 else socket.inet_ntop(socket.AF_INET, d[20:24])
        if offender == s.getsockname()[0]:
            return "local-error"  # the client itself (a failed neighbour resolution): not an answer from the host
        unreach_port = (origin == 3 and typ == 1 and code == 4) if v6 else (origin == 2 and typ == 3 and code == 3)
        return "icmp-port" if unreach_port else "icmp"
    return "icmp"
try:
    s.connect((a, p))
    if proto == "udp":
        s.send(b"reach-corpus")
        s.recv(2048)
    print("open")
except socket.timeout:
    print("silence")
except OSError as e:
    kind = icmp()
    if kind:
        print(kind)
    elif proto == "tcp" and e.errno == errno.ECONNREFUSED:
        print("rst")
    elif e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.ECONNREFUSED):
        print("icmp")
    else:
        print("error-%d" % e.errno)
' "$1" "$2" "$3"
}

# probe_args SPEC: the packet a case's probe PORT[/PROTO][@TO] sends, and the reach local arguments for it
# (sets to, port, proto, fam, from, addr, what, label, args).
probe_args() {
	local p=$1 spec=${1%%@*}
	to="" proto=tcp
	[[ $p == *@* ]] && to=${p#*@}
	port=${spec%%/*}
	[[ $spec == */* ]] && proto=${spec#*/}
	fam=4
	[[ $proto == *6 || $to == *:* ]] && fam=6
	proto=${proto%6}
	from=$client addr=$host
	[[ $fam == 4 ]] || { from=${client_ip6%/*}; addr=${host_ip6%/*}; }
	[[ -z $to ]] || addr=$to
	what=$port
	[[ $proto == tcp ]] || what=$port/$proto
	args=(local "$what" --from "$from" --json)
	[[ -z $to ]] || args+=(--to "$to")
	label=$what
	[[ $fam == 4 || -n $to ]] || label=$port/${proto}6
}

# verdict code|summary: that field of the reach/1 JSON on stdin, or what reach said instead (one line).
verdict() {
	local out; out=$(cat)
	python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["verdict"][sys.argv[1]].replace("\t"," "))' "$1" <<<"$out" 2>/dev/null \
		|| { [[ $1 == code ]] && echo "no-json" || echo "$out" | tr '\n\t' '  ' | head -c 300; }
}

run_case() {
	local name=$1 dir=$corpus/$1
	local wan_if=eth0 host_ip=10.88.1.1/24 client_ip=10.88.1.2/24 host_extra=10.88.1.10/24
	# RFC 3849 documentation prefix, as lab.sh uses; nodad: usable at once, no 1 s of tentative address.
	local host_ip6=2001:db8:88::1/64 client_ip6=2001:db8:88::2/64 static_neigh6=""
	local lan_if="" lan_ip="" ctr_ips="" client_routes="" host_default="" host_default_dev="" host_listen="" ctr_listen="" probes="" rules=""
	# shellcheck disable=SC1091
	source "$dir/case.sh"
	cleanup
	ip netns add "$CC"; ip netns add "$CH"
	ip -n "$CC" link set lo up; ip -n "$CH" link set lo up
	ip -n "$CH" link add "$wan_if" type veth peer name eth0 netns "$CC"
	ip -n "$CH" addr add "$host_ip" dev "$wan_if"
	for a in $host_extra; do ip -n "$CH" addr add "$a" dev "$wan_if"; done
	ip -n "$CC" addr add "$client_ip" dev eth0
	ip -n "$CH" addr add "$host_ip6" dev "$wan_if" nodad
	ip -n "$CC" addr add "$client_ip6" dev eth0 nodad
	ip -n "$CH" link set "$wan_if" up; ip -n "$CC" link set eth0 up
	local host=${host_ip%/*} client=${client_ip%/*}
	if [[ -n $static_neigh6 ]]; then
		# A ruleset that drops neighbour discovery (its INPUT sees NS/NA; ARP passes no inet table): permanent
		# entries on both ends, so an IPv6 packet meets the rules instead of failing address resolution.
		ip -n "$CC" neigh replace "${host_ip6%/*}" lladdr "$(ip -n "$CH" -j link show "$wan_if" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')" dev eth0 nud permanent
		ip -n "$CH" neigh replace "${client_ip6%/*}" lladdr "$(ip -n "$CC" -j link show eth0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')" dev "$wan_if" nud permanent
	fi
	for r in $client_routes; do ip -n "$CC" route add "$r" via "$host"; done
	[[ -z $host_default ]] || ip -n "$CH" route add default via "$host_default"
	if [[ -n $lan_if ]]; then
		ip netns add "$CX"; ip -n "$CX" link set lo up
		ip -n "$CH" link add "$lan_if" type bridge; ip -n "$CH" link set "$lan_if" up
		ip -n "$CH" addr add "$lan_ip" dev "$lan_if"
		ip -n "$CH" link add vethc type veth peer name eth0 netns "$CX"
		ip -n "$CH" link set vethc master "$lan_if" up
		for a in $ctr_ips; do ip -n "$CX" addr add "$a" dev eth0; done
		ip -n "$CX" link set eth0 up
		ip -n "$CX" route add default via "${lan_ip%/*}"
		# A router forwards: Docker, kube-proxy and OpenWrt all turn this on.
		ip netns exec "$CH" sysctl -qw net.ipv4.ip_forward=1
		[[ -z $host_default_dev ]] || ip -n "$CH" route add default dev "$host_default_dev"
	fi
	# shellcheck disable=SC2086
	listen "$CH" $host_listen
	# shellcheck disable=SC2086
	[[ -z $lan_if ]] || listen "$CX" $ctr_listen

	# Offline first, on the host as it is before the change: no rule is loaded yet, the proposed rules are
	# the case's captures. (With CAPTURE the captures are being made: nothing to compare with.)
	local ruleset=()
	for f in iptables-save.txt ip6tables-save.txt nft.json; do
		[[ ! -f $dir/$f ]] || ruleset+=(--ruleset "$dir/$f")
	done
	declare -A offline_code=() offline_summary=()
	if [[ -z ${CAPTURE:-} && ${#ruleset[@]} -gt 0 ]]; then
		[[ -z $(ip netns exec "$CH" iptables-save) && -z $(ip netns exec "$CH" nft list ruleset) ]] \
			|| { echo "local-corpus: $CH holds rules before they are loaded" >&2; return 1; }
		for p in $probes; do
			probe_args "$p"
			local out; out=$(ip netns exec "$CH" "$reach" "${args[@]}" "${ruleset[@]}" 2>&1 || true)
			offline_code[$p]=$(verdict code <<<"$out")
			offline_summary[$p]=$(verdict summary <<<"$out")
		done
	fi

	local file=${rules:-$(cd "$dir" && ls rules.v4 rules.nft 2>/dev/null | head -1)}
	case $file in
		*.nft) ip netns exec "$CH" nft -f "$dir/$file" ;;
		*) ip netns exec "$CH" iptables-restore < "$dir/$file"
		   [[ -f $dir/rules.v6 && -z $rules ]] && ip netns exec "$CH" ip6tables-restore < "$dir/rules.v6" ;;
	esac
	if [[ -n ${CAPTURE:-} ]]; then
		# The engine's fast tests read these: what reach itself reads on such a host.
		ip netns exec "$CH" iptables-save | { grep -v '^# \(Generated\|Completed\)' || true; } > "$dir/iptables-save.txt"
		[[ -s $dir/iptables-save.txt ]] || rm -f "$dir/iptables-save.txt"
		ip netns exec "$CH" ip6tables-save | { grep -v '^# \(Generated\|Completed\)' || true; } > "$dir/ip6tables-save.txt"
		[[ -s $dir/ip6tables-save.txt ]] || rm -f "$dir/ip6tables-save.txt"
		ip netns exec "$CH" nft -j list ruleset > "$dir/nft.json"
	fi
	sleep 1.2  # fresh veths: wait out the first neighbour resolution (lab/README.md, "Worth knowing")
	for p in $probes; do
		probe_args "$p"
		local kernel; kernel=$(probe "$addr" "$port" "$proto")
		if [[ $kernel == silence ]]; then
			# Silence is the kernel's answer only when its ICMP error budget could have paid for one: errors to
			# one destination are rate-limited by the kernel (its default: 1000 ms a token, burst 6, never changed here;
			# net/ipv4/icmp.c icmpv4_xrlim_allow, net/ipv6/icmp.c), and a case's earlier rejects spend it, so a
			# REJECT's port-unreachable can be swallowed. The 2 s wait already earned tokens back; one more
			# second, then ask again: silence twice, with the budget refilled, is a drop.
			sleep 1
			kernel=$(probe "$addr" "$port" "$proto")
		fi
		local out; out=$(ip netns exec "$CH" "$reach" "${args[@]}" 2>/dev/null || true)
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "${to:--}" "$kernel" "$(verdict code <<<"$out")" "$(verdict summary <<<"$out")" \
			"${offline_code[$p]:--}" "${offline_summary[$p]:--}"
	done
	[[ -n ${KEEP:-} ]] || cleanup
}

cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || mapfile -t cases < <(cd "$corpus" && ls -d */ | tr -d /)
for c in "${cases[@]}"; do run_case "$c"; done
