#!/usr/bin/env bash
# `reach local` on real-host shapes that lab/lab.sh does not build: a container namespace behind a
# bridge with Docker's own rules (moby's iptabler test data), ufw's generated rules beside them,
# REDIRECT, a device-bound listener, a netdev ingress chain on another device, and a listener on a
# secondary address. Its own namespaces, all named l-l*: l-lc (client), l-lh (host), l-lx (container),
# l-lo (a neighbour on the host's second interface). Kernel defaults, except ip_forward on the host
# (Docker turns it on). Needs root.
#   usage: lab/local-lab.sh up | down | fault NAME | probe PORT [ADDR] | local ARGS...
#   faults: docker, docker-user-drop, docker-stopped, redirect, ufw-docker, bind-device,
#           ingress-other, ingress-eth0, secondary
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/tests/Reach.Firewall.Tests/Fixtures/corpus
run=/run/reach-local-lab
client=10.77.1.2 host=10.77.1.1 secondary=10.77.1.10 ctr=192.168.0.2

stop_pids() { # the listeners this script started, by the pids it recorded
	for f in "$run"/*.pid; do [[ -e $f ]] || continue; kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
}

down() {
	stop_pids
	for n in l-lc l-lh l-lx l-lo; do ip netns del "$n" 2>/dev/null || true; done
	rm -rf "$run"
}

listen() { # listen NAME NS ADDR PORT [DEVICE]: a TCP listener, optionally bound to a device (SO_BINDTODEVICE)
	local name=$1 ns=$2 addr=$3 port=$4 dev=${5:-}
	ip netns exec "$ns" python3 -c '
import socket, sys
addr, port, dev = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if dev: s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, dev.encode())
s.bind((addr, port)); s.listen(64); print("ready", flush=True)
while True:
    c, _ = s.accept(); c.close()
' "$addr" "$port" "$dev" > "$run/$name.out" 2>&1 &
	echo $! > "$run/$name.pid"
	for _ in $(seq 50); do grep -q ready "$run/$name.out" && return 0; sleep 0.1; done
	echo "listener $name did not start" >&2; return 1
}

up() {
	down
	mkdir -p "$run"
	for n in l-lc l-lh l-lx l-lo; do ip netns add "$n"; ip -n "$n" link set lo up; done
	ip -n l-lh link add eth0 type veth peer name eth0 netns l-lc
	ip -n l-lh addr add $host/24 dev eth0; ip -n l-lh addr add $secondary/24 dev eth0
	ip -n l-lc addr add $client/24 dev eth0
	ip -n l-lh link add eth1 type veth peer name eth0 netns l-lo
	ip -n l-lh addr add 10.77.2.1/24 dev eth1; ip -n l-lo addr add 10.77.2.2/24 dev eth0
	ip -n l-lh link add br-dummy type bridge
	ip -n l-lh addr add 192.168.0.1/24 dev br-dummy
	ip -n l-lh link add vethc type veth peer name eth0 netns l-lx
	ip -n l-lh link set vethc master br-dummy
	ip -n l-lx addr add $ctr/24 dev eth0
	for l in eth0 eth1 br-dummy vethc; do ip -n l-lh link set "$l" up; done
	ip -n l-lc link set eth0 up; ip -n l-lo link set eth0 up; ip -n l-lx link set eth0 up
	ip -n l-lc route add 192.168.0.0/24 via $host
	ip -n l-lx route add default via 192.168.0.1
	ip netns exec l-lh sysctl -qw net.ipv4.ip_forward=1
	listen host-22 l-lh 0.0.0.0 22
	listen ctr-80 l-lx 0.0.0.0 80
	sleep 1.2  # fresh veths: the first neighbour resolution (lab/README.md, "Worth knowing")
}

docker_rules() { # moby's rules for a container publishing 8080->80, plus the DOCKER-USER chain dockerd adds
	local noflush=${1:-}
	{
		if [[ -n $noflush ]]; then grep -v '^:\(INPUT\|FORWARD\|OUTPUT\|PREROUTING\|POSTROUTING\) ' "$corpus/docker-iptables/rules.v4"
		else cat "$corpus/docker-iptables/rules.v4"; fi
	} | ip netns exec l-lh iptables-restore ${noflush:+--noflush}
	# dockerd (setupUserChain): "DOCKER-USER" is created empty and jumped to first from FORWARD.
	ip netns exec l-lh iptables -N DOCKER-USER
	ip netns exec l-lh iptables -A DOCKER-USER -j RETURN
	ip netns exec l-lh iptables -I FORWARD 1 -j DOCKER-USER
}

fault() {
	local x=(ip netns exec l-lh)
	case $1 in
		docker) docker_rules ;;
		docker-user-drop) docker_rules; "${x[@]}" iptables -I DOCKER-USER -s $client -j DROP ;;
		docker-stopped) docker_rules; kill "$(cat "$run/ctr-80.pid")"; rm -f "$run/ctr-80.pid" ;;
		redirect)
			"${x[@]}" iptables -t nat -A PREROUTING -p tcp --dport 8081 -j REDIRECT --to-ports 9001
			"${x[@]}" iptables -t nat -A PREROUTING -p tcp --dport 8082 -j REDIRECT --to-ports 9002
			listen host-9001 l-lh 0.0.0.0 9001 ;;
		ufw-docker)
			# ufw's generated rules (INPUT policy DROP, 22 allowed), then Docker's, as on a host running both.
			"${x[@]}" iptables-restore < "$corpus/ufw/rules.v4"
			docker_rules noflush ;;
		bind-device) listen host-9100 l-lh 0.0.0.0 9100 br-dummy ;;
		ingress-other|ingress-eth0)
			local dev=eth1; [[ $1 == ingress-eth0 ]] && dev=eth0
			printf 'table netdev edge {\n\tchain ingress {\n\t\ttype filter hook ingress device "%s" priority 0; policy accept;\n\t\ttcp dport 22 drop\n\t}\n}\n' "$dev" | "${x[@]}" nft -f - ;;
		secondary) listen host-7000 l-lh $secondary 7000 ;;
		*) echo "unknown fault $1" >&2; exit 2 ;;
	esac
}

probe() { # what the kernel answers the client's SYN: open, rst, icmp, silence
	ip netns exec l-lc python3 -c '
import socket, sys, errno
a, p = sys.argv[1], int(sys.argv[2])
s = socket.socket(); s.setsockopt(socket.IPPROTO_IP, 11, 1); s.settimeout(2)
try:
    s.connect((a, p)); print("open")
except socket.timeout:
    print("silence")
except OSError as e:
    try:
        s.recvmsg(512, 512, socket.MSG_ERRQUEUE); print("icmp")
    except OSError:
        print("rst" if e.errno == errno.ECONNREFUSED else "error-%d" % e.errno)
' "${2:-$host}" "$1"
}

case ${1:-} in
	up) up ;;
	down) down ;;
	fault) fault "$2" ;;
	probe) probe "$2" "${3:-}" ;;
	local) shift; ip netns exec l-lh "$root/out/reach" local "$@" ;;
	*) sed -n '2,12p' "$0"; exit 2 ;;
esac
