#!/usr/bin/env bash
# Captures this directory's fixtures from real servers (see README.md). Needs root, the lab
# (lab/lab.sh, honours REACH_LAB_PREFIX), sshd and PostgreSQL's initdb/postgres on PATH.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../.. && pwd)
P=${REACH_LAB_PREFIX:-}
lab="$root/lab/lab.sh"
cap=${P}datacap
work=$(mktemp -d)
cleanup() {
  [[ -f $work/sshd.pid ]] && kill "$(<"$work/sshd.pid")" 2>/dev/null || true
  [[ -f $work/pg/postmaster.pid ]] && kill "$(head -1 "$work/pg/postmaster.pid")" 2>/dev/null || true
  ip netns del "$cap" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# HTTP (python3 http.server on web1) and TCP_INFO, healthy and with gw-one-way-state.
"$lab" reset >/dev/null
ip netns exec "${P}dev1" python3 capture.py answer 10.1.2.5 80 "$(printf 'HEAD / HTTP/1.0\r\n\r\n' | xxd -p | tr -d '\n')" http-head.bin
ip netns exec "${P}dev1" python3 capture.py tcpinfo 10.1.2.5 80 tcp-info-healthy.bin
"$lab" fault gw-one-way-state >/dev/null
ip netns exec "${P}dev1" python3 capture.py tcpinfo 10.1.2.5 80 tcp-info-no-data.bin
# The PMTU black hole to web2 with the MSS clamp route.mtu-blackhole recommends applied on gw.
"$lab" reset >/dev/null
"$lab" fault mtu-blackhole >/dev/null
ip netns exec "${P}gw" iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
ip netns exec "${P}dev1" python3 capture.py tcpinfo 10.1.4.5 80 tcp-info-mss-clamped.bin
"$lab" reset >/dev/null

# SSH and PostgreSQL on loopback in a scratch namespace.
ip netns add "$cap"
ip -n "$cap" link set lo up
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ip netns exec "$cap" /usr/sbin/sshd -f /dev/null -h "$work/host_key" -p 2222 -o ListenAddress=127.0.0.1 -o PidFile="$work/sshd.pid"
sleep 0.5
ip netns exec "$cap" python3 capture.py answer 127.0.0.1 2222 '' ssh-banner.bin
chown nobody "$work"
runuser -u nobody -- initdb -D "$work/pg" -A trust >/dev/null
ip netns exec "$cap" runuser -u nobody -- postgres -D "$work/pg" -h 127.0.0.1 -p 5432 -k "$work" >"$work/pg.log" 2>&1 &
for _ in $(seq 50); do ip netns exec "$cap" python3 -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 1)' 2>/dev/null && break; sleep 0.2; done
ip netns exec "$cap" python3 capture.py answer 127.0.0.1 5432 0000000804d2162f postgres-sslrequest.bin
ls -l ./*.bin
