#!/usr/bin/env bash
# A throwaway network for the probe tests, separate from lab/lab.sh's lab:
#
#   ${P}probe-a --veth 1500-- ${P}probe-r1 --veth 1400-- ${P}probe-r2 --veth 1500-- ${P}probe-b
#   10.77.1.2      10.77.1.1  10.77.2.1        10.77.2.2  10.77.3.1        10.77.3.2
#   fd77:1::2      fd77:1::1  fd77:2::1        fd77:2::2  fd77:3::1        fd77:3::2
#
# P is REACH_LAB_PREFIX (so several engineers' runs do not collide). Kernel defaults everywhere: no sysctl
# is changed but forwarding on the routers (and DAD off, so addresses are usable at once).
#   probe-net.sh up | down
#   probe-net.sh exec HOST CMD...
set -euo pipefail
P=${REACH_LAB_PREFIX:-}
hosts=(a r1 r2 b)
ns() { echo "${P}probe-$1"; }
x() { ip netns exec "$(ns "$1")" "${@:2}"; }

link() { # link HOST1 HOST2 SUBNET MTU
  local h1=$1 h2=$2 n=$3 mtu=$4
  ip link add "pv$n-$h1" netns "$(ns "$h1")" mtu "$mtu" type veth peer name "pv$n-$h2" netns "$(ns "$h2")" mtu "$mtu"
  x "$h1" ip link set "pv$n-$h1" up
  x "$h2" ip link set "pv$n-$h2" up
}

addr() { # addr HOST IFACE N HOSTPART
  x "$1" ip addr add "10.77.$3.$4/24" dev "$2"
  x "$1" ip addr add "fd77:$3::$4/64" dev "$2" nodad
}

down() {
  for h in "${hosts[@]}"; do
    ip netns pids "$(ns "$h")" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$(ns "$h")" 2>/dev/null || true
  done
}

up() {
  down
  for h in "${hosts[@]}"; do
    ip netns add "$(ns "$h")"
    x "$h" ip link set lo up
    x "$h" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  done
  link a r1 1 1500
  link r1 r2 2 1400
  link r2 b 3 1500
  addr a pv1-a 1 2; addr r1 pv1-r1 1 1
  addr r1 pv2-r1 2 1; addr r2 pv2-r2 2 2
  addr r2 pv3-r2 3 1; addr b pv3-b 3 2
  for r in r1 r2; do x "$r" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1; done
  x a ip route add default via 10.77.1.1; x a ip -6 route add default via fd77:1::1
  x r1 ip route add 10.77.3.0/24 via 10.77.2.2; x r1 ip -6 route add fd77:3::/64 via fd77:2::2
  x r2 ip route add 10.77.1.0/24 via 10.77.2.1; x r2 ip -6 route add fd77:1::/64 via fd77:2::1
  x b ip route add default via 10.77.3.1; x b ip -6 route add default via fd77:3::1
  # Fresh IPv6 links hold neighbour discovery for about a second (lab/README.md, "Worth knowing"): wait it out end to end.
  for i in $(seq 1 30); do
    x a ping -6 -c1 -W1 fd77:3::2 >/dev/null 2>&1 && x a ping -c1 -W1 10.77.3.2 >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "probe-net: b not reachable from a" >&2; exit 1
}

case ${1:-} in
  up) up ;;
  down) down ;;
  exec) x "$2" "${@:3}" ;;
  *) echo "usage: $0 up|down|exec HOST CMD..." >&2; exit 2 ;;
esac
