# shellcheck shell=bash
# lab/lib/topology.sh - the network: switches, links, addresses, routes; up, down and the health check. Sourced by lab/lab.sh.

sysctl_ns() {
  local ns=$1
  shift
  in_ns "$ns" sysctl -qw "$@" >/dev/null
}

# A plain L2 switch: a bridge with no address and no IPv6 of its own, so that it never
# sends router solicitations or MLD reports onto the LAN.
make_switch() {
  local sw=$1
  sysctl_ns "$sw" net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$P$sw" link add br0 type bridge
  ip -n "$P$sw" link set br0 up
}

# plug HOST IFACE SWITCH: a veth from HOST's IFACE to a port <host>-port of SWITCH's br0.
# Created inside the host with its peer placed straight into the switch: nothing is
# ever named in the root namespace, so no clash with the machine's own links.
plug() {
  local host=$1 ifname=$2 sw=$3
  ip -n "$P$host" link add "$ifname" type veth peer name "$host-port" netns "$P$sw"
  ip -n "$P$sw" link set "$host-port" master br0
  ip -n "$P$sw" link set "$host-port" up
}

# wire A IFA B IFB: a point-to-point veth between two namespaces.
wire() {
  ip -n "$P$1" link add "$2" type veth peer name "$4" netns "$P$3"
}

addr_up() {
  local host=$1 ifname=$2 cidr=$3
  ip -n "$P$host" addr add "$cidr" dev "$ifname"
  ip -n "$P$host" link set "$ifname" up
}

build_network() {
  local ns host

  # Nothing but lo up and the links below: every sysctl keeps the value a new
  # namespace gets (no ARP timing, ICMP rate limit or rp_filter tuning).
  for ns in "${ALL_NS[@]}"; do
    ip netns add "$P$ns"
    ip -n "$P$ns" link set lo up
  done
  # The one departure from the defaults, before any link exists: duplicate address detection off
  # (accept_dad=0). Every address here is unique by construction, and with DAD each new address
  # (link-local ones included) stays "tentative" for a second or more, unusable as a source: the lab
  # would start with IPv6 silently broken for a while, which is no fault of anything under test.
  for ns in dev1 dev2 ns1 gw web1 r2 web2; do
    sysctl_ns "$ns" net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  done

  make_switch sw
  make_switch sw2

  for host in "${LAN_HOSTS[@]}"; do
    plug "$host" eth0 sw
    addr_up "$host" eth0 "${LAN_ADDR[$host]}/24"
  done
  for host in dev1 dev2 ns1; do
    ip -n "$P$host" route add default via 10.1.1.1
  done
  for host in "${LAN_HOSTS[@]}"; do
    addr6 "$host" eth0 "${LAN_ADDR6[$host]}/64"
  done
  for host in dev1 dev2 ns1; do
    ip -n "$P$host" -6 route add default via 2001:db8:1:1::1
  done

  # web1's LAN is switched too, so that a dead web1 is a host that stops answering
  # behind a port that keeps its carrier: gw then finds out by ARP (3 probes, 1 s
  # apart by default) and only then sends ICMP host-unreachable, as a real router does.
  plug gw eth1 sw2
  addr_up gw eth1 10.1.2.1/24
  plug web1 eth0 sw2
  addr_up web1 eth0 10.1.2.5/24
  ip -n "${P}web1" route add default via 10.1.2.1
  addr6 gw eth1 2001:db8:1:2::1/64
  addr6 web1 eth0 2001:db8:1:2::5/64
  ip -n "${P}web1" -6 route add default via 2001:db8:1:2::1

  # A second router behind gw, over a /30 router-to-router link, with a far LAN.
  wire gw eth2 r2 eth0
  addr_up gw eth2 10.1.9.1/30
  addr_up r2 eth0 10.1.9.2/30
  wire r2 eth1 web2 eth0
  addr_up r2 eth1 10.1.4.1/24
  addr_up web2 eth0 10.1.4.5/24
  ip -n "${P}gw" route add 10.1.4.0/24 via 10.1.9.2
  ip -n "${P}r2" route add default via 10.1.9.1
  ip -n "${P}web2" route add default via 10.1.4.1
  addr6 gw eth2 2001:db8:1:9::1/64
  addr6 r2 eth0 2001:db8:1:9::2/64
  addr6 r2 eth1 2001:db8:1:4::1/64
  addr6 web2 eth0 2001:db8:1:4::5/64
  ip -n "${P}gw" -6 route add 2001:db8:1:4::/64 via 2001:db8:1:9::2
  ip -n "${P}r2" -6 route add default via 2001:db8:1:9::1
  ip -n "${P}web2" -6 route add default via 2001:db8:1:4::1

  # Routers route, both families: the sysctls the lab sets on them (ip-sysctl.rst, ip_forward and
  # conf/all/forwarding, which also makes them IPv6 routers that ignore router advertisements).
  sysctl_ns gw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  sysctl_ns r2 net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

# addr6 HOST IFACE CIDR: an IPv6 address, usable at once (nodad, as accept_dad=0 above: no tentative phase).
addr6() {
  ip -n "$P$1" -6 addr add "$3" dev "$2" nodad
}

# Freshly created IPv6 links hold back neighbour discovery for about a second after they come up
# (measured; lab/README.md, "Worth knowing"): wait until dev1 reaches web2 over IPv6 across both routers, so that no test
# counts that settling time as a fault.
wait_ipv6() {
  wait_until 100 in_ns dev1 ping -6 -c 1 -W 1 2001:db8:1:4::5 || die "IPv6 from dev1 to web2 (2001:db8:1:4::5) did not come up"
  wait_until 60 in_ns dev2 ping -6 -c 1 -W 1 2001:db8:1:2::5 || die "IPv6 from dev2 to web1 (2001:db8:1:2::5) did not come up"
}

configure_files() {
  local ns
  # `ip netns exec NS` bind-mounts every file of /etc/netns/NS over /etc, so each
  # namespace gets its own resolv.conf (and hosts) without touching the machine's.
  for ns in "${RESOLV_NS[@]}"; do
    write_healthy_resolv "$ns"
  done
  for ns in "${HOSTS_NS[@]}"; do
    write_hosts "$ns"
  done
  write_zone
  write_v6only_server
  write_backlog_server
  mkdir -p "$WEBROOT" "$WEBROOT2"
  printf '<!doctype html><title>web1</title><p>web1.example.net: reach lab</p>\n' >"$WEBROOT/index.html"
  printf '<!doctype html><title>web2</title><p>web2.example.net: reach lab</p>\n' >"$WEBROOT2/index.html"
  # 20 kB: a response of full-size segments, the traffic a path MTU black hole swallows.
  { printf '<!doctype html><title>big</title>\n'; head -c 20000 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$WEBROOT2/big.html"
  : >"$FAULTS_FILE"
}

health_check() {
  # One python per client (curl may be missing; python3 is always here). It checks
  # through the namespace's bind-mounted resolv.conf: the short name resolves via the
  # search path, the rooted name "web1." is NXDOMAIN, and the page is served.
  local client out
  for client in dev1 dev2; do
    if ! out=$(in_ns "$client" /usr/bin/python3 - <<'EOF' 2>&1
import socket
import urllib.request

addr = socket.getaddrinfo("web1", 80, socket.AF_INET, socket.SOCK_STREAM)[0][4][0]
assert addr == "10.1.2.5", f"web1 resolved to {addr}"
try:
    socket.getaddrinfo("web1.", 80, socket.AF_INET, socket.SOCK_STREAM)
    raise AssertionError("web1. resolved, expected NXDOMAIN")
except socket.gaierror as e:
    assert e.errno == socket.EAI_NONAME, f"web1.: {e}"
with urllib.request.urlopen("http://web1.example.net/", timeout=3) as r:
    assert r.status == 200, r.status
with urllib.request.urlopen("http://web2.example.net/big.html", timeout=3) as r:
    assert r.status == 200, r.status
    assert len(r.read()) > 20000
# IPv6: the dual-stack name comes IPv6 first (RFC 6724 with a global-looking source), and both
# servers answer over IPv6 through the routers.
first = socket.getaddrinfo("web1-ds", 80, socket.AF_UNSPEC, socket.SOCK_STREAM)[0][4][0]
assert first == "2001:db8:1:2::5", f"web1-ds comes first as {first}"
with urllib.request.urlopen("http://web1-v6.example.net/", timeout=3) as r:
    assert r.status == 200, r.status
with urllib.request.urlopen("http://web2-v6.example.net/big.html", timeout=3) as r:
    assert r.status == 200, r.status
    assert len(r.read()) > 20000
print(addr)
EOF
    ); then
      printf '%s\n' "$out" >&2
      die "health check failed from $client"
    fi
  done
}

cmd_up() {
  require_root
  if any_lab_ns || [[ -e $STATE ]]; then
    cmd_down >/dev/null
  fi
  # `down` removes the state dir with rm -rf once it holds our marker: never adopt
  # a directory that already holds something else (REACH_LAB_STATE=/tmp, say).
  if [[ -e $STATE ]]; then
    die "$STATE exists and is not a lab state directory; set REACH_LAB_STATE to a new or empty one"
  fi
  mkdir -p "$STATE"
  : >"$MARKER"

  build_network
  wait_ipv6
  configure_files
  start_dns
  start_http 0.0.0.0
  start_http2
  health_check

  cat <<EOF
reach lab is up (state: $STATE)
  dev1 10.1.1.7  dev2 10.1.1.8  ns1 10.1.1.3 (dnsmasq pid $(<"$DNS_PID"))
  gw   10.1.1.1 | 10.1.2.1 | 10.1.9.1   web1 10.1.2.5 (http.server pid $(<"$HTTP_PID"))
  r2   10.1.9.2 | 10.1.4.1              web2 10.1.4.5 (http.server pid $(<"$HTTP2_PID"))
  IPv6: 2001:db8:1:N::/64 next to each 10.1.N.0/24 (dev1 2001:db8:1:1::7, web1 2001:db8:1:2::5, web2 2001:db8:1:4::5)
  healthy: dev1, dev2 -> web1 = 10.1.2.5, web1. = NXDOMAIN, http://web1.example.net/ and http://web2.example.net/big.html 200,
           web1-ds IPv6 first, http://web1-v6.example.net/ and http://web2-v6.example.net/big.html 200
next: $PROG fault NAME ($PROG faults lists them); ip netns exec dev1 out/reach check web1:80
EOF
}

# ---------------------------------------------------------------- down

cmd_down() {
  require_root
  local ns pid pids=()

  # A host-wide setting a fault changed (web1-conntrack-full) goes back first: others share it.
  restore_conntrack_max

  # Servers first, by their recorded pids (this also catches a server whose
  # namespace someone already deleted by hand).
  kill_pidfile "$HTTP_PID" python3
  kill_pidfile "$HTTP2_PID" python3
  kill_pidfile "$DNS_PID" dnsmasq
  kill_pidfile "$FWD_PID" dnsmasq
  kill_pidfile "$HTTP6_PID" python3
  kill_pidfile "$HTTP2_6_PID" python3
  kill_pidfile "$LOCAL6_PID" python3
  kill_pidfile "$CTR_HTTP_PID" python3

  # Then anything else still running inside a lab namespace (an agent, a shell a
  # person opened with `exec`): a process keeps its namespace alive after
  # `ip netns del`, and `down` promises nothing is left behind.
  for ns in "${ALL_NS[@]}" "${FAULT_NS[@]}"; do
    ns_exists "$ns" || continue
    for pid in $(ip netns pids "$P$ns" 2>/dev/null); do
      [[ $pid != "$$" ]] && pids+=("$pid")
    done
  done
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for pid in "${pids[@]}"; do
      wait_until 40 pid_not_alive "$pid" || kill -KILL "$pid" 2>/dev/null || true
    done
  fi

  for ns in "${ALL_NS[@]}" "${FAULT_NS[@]}"; do
    if ns_exists "$ns"; then
      ip netns del "$P$ns"
    fi
  done
  for ns in "${RESOLV_NS[@]}" "${HOSTS_NS[@]}"; do
    rm -rf -- "/etc/netns/$P$ns"
  done
  # Leave /etc/netns itself alone unless we emptied it: other tools use it too.
  rmdir /etc/netns 2>/dev/null || true

  if [[ -e $MARKER ]]; then
    rm -rf -- "$STATE"
  elif [[ -d $STATE ]]; then
    rmdir -- "$STATE" 2>/dev/null || printf '%s: %s has no lab marker; left in place\n' "$PROG" "$STATE" >&2
  fi
  echo "reach lab is down"
}
