#!/usr/bin/env bash
# lab/lab.sh - the seed's network (dev1 cannot reach web1:80) built from network
# namespaces, veth pairs, two Linux bridges, two forwarding routers, dnsmasq and
# real HTTP servers, plus named faults that break it with the real tools.
#
#   dev1 10.1.1.7 ─┐                           gw eth1 10.1.2.1 ─ sw2 (br0) ─ web1 10.1.2.5 :80
#   dev2 10.1.1.8 ─┼─ sw (br0) ─ gw eth0 10.1.1.1 │
#   ns1  10.1.1.3 ─┘                           gw eth2 10.1.9.1/30 ── r2 10.1.9.2/30
#                                                 r2 eth1 10.1.4.1 ── web2 10.1.4.5 :80
#
# Every network is dual stack: 2001:db8:1:N::/64 next to 10.1.N.0/24 (host part kept: dev1 is
# 2001:db8:1:1::7). The documentation prefix ranks above IPv4 in RFC 6724, as a global address does.
# Every namespace keeps the kernel's defaults (ARP timing, ICMP rate limits, rp_filter): see lab/README.md,
# except accept_dad=0 (why: see build_network).
# Needs root. All traffic stays inside the namespaces made here.
# Run `lab/lab.sh --help` for the commands.
set -euo pipefail

readonly PROG=${0##*/}
# /run is tmpfs: a reboot cannot leave stale pid files behind.
# REACH_LAB_PREFIX names a second, independent lab (e.g. "b-": namespaces b-dev1, b-web1, ...), so that
# two labs can run side by side on one machine. Inside this script hosts keep their short names.
readonly P=${REACH_LAB_PREFIX:-}
[[ $P =~ ^[a-z0-9-]{0,6}$ ]] || { echo "REACH_LAB_PREFIX must be at most 6 of [a-z0-9-]" >&2; exit 2; }
readonly STATE=${REACH_LAB_STATE:-/run/reach-lab${P:+-${P%-}}}
# A marker so that `down` only ever removes a directory this script made, even if
# REACH_LAB_STATE points somewhere unexpected.
readonly MARKER=$STATE/.reach-lab

readonly ALL_NS=(sw sw2 dev1 dev2 ns1 gw web1 r2 web2)
# Namespaces only a fault creates (the docker-published container): `down` removes them too.
readonly FAULT_NS=(ctr1)
# Hosts on the 10.1.1.0/24 LAN, each with eth0 plugged into sw's br0 via <host>-port.
readonly LAN_HOSTS=(dev1 dev2 ns1 gw)
# Namespaces that get their own /etc/netns/<ns>/resolv.conf.
readonly RESOLV_NS=(dev1 dev2 ns1 gw web1 r2 web2)
# Clients whose /etc/hosts a fault may make stale without touching the real one.
readonly HOSTS_NS=(dev1 dev2)
declare -rA LAN_ADDR=([dev1]=10.1.1.7 [dev2]=10.1.1.8 [ns1]=10.1.1.3 [gw]=10.1.1.1)
declare -rA LAN_ADDR6=([dev1]=2001:db8:1:1::7 [dev2]=2001:db8:1:1::8 [ns1]=2001:db8:1:1::3 [gw]=2001:db8:1:1::1)

readonly ZONE=$STATE/example.net.hosts
readonly WEBROOT=$STATE/www
readonly WEBROOT2=$STATE/www2
readonly DNS_PID=$STATE/dnsmasq.pid
readonly HTTP_PID=$STATE/http.pid
readonly HTTP2_PID=$STATE/http2.pid
readonly HTTP6_PID=$STATE/http6.pid
readonly HTTP2_6_PID=$STATE/http2-6.pid
readonly FWD_PID=$STATE/forwarder.pid
readonly LOCAL6_PID=$STATE/local6.pid
readonly CTR_HTTP_PID=$STATE/ctr-http.pid
readonly FAULTS_FILE=$STATE/faults
readonly V6ONLY_PY=$STATE/v6only_http.py
readonly BACKLOG_PY=$STATE/backlog_http.py
# "wéb1.example.net" in IDNA form (python3 -c 'print("wéb1".encode("idna"))').
readonly IDN_WEB1=xn--wb1-bma.example.net

# name|one-line description. Order is the order `faults` prints.
readonly FAULTS=(
  "link-down|dev1's switch port is down: dev1 eth0 has NO-CARRIER"
  "iface-down|dev1 eth0 is administratively down"
  "no-address|dev1 eth0 is up but has no IPv4 address (and so no routes)"
  "misconfigured|dev1 has 10.1.3.7/24: its subnet no longer contains the gateway (default via 10.1.1.1 onlink)"
  "no-default-route|dev1 has no default route"
  "bogus-gateway|dev1's default route points to 10.1.1.254, where no host is"
  "gw-drops-ping|gw drops ICMP echo-requests to itself but still forwards (not a fault of the path)"
  "no-nameserver|dev1's resolv.conf has the search line but no nameserver"
  "nameserver-absent|dev1's resolv.conf names 10.1.1.4, where no host is"
  "dns-stopped|dnsmasq on ns1 is killed: ns1 answers ping, nothing listens on 53"
  "no-search|dev1's resolv.conf has no search line: the short name web1 fails, the FQDN works"
  "nxdomain|web1 is removed from the example.net zone (dnsmasq reloaded)"
  "stale-hosts|dev1's /etc/hosts maps web1 to 10.1.2.99, where nothing exists"
  "gw-no-route|gw loses 10.1.2.1/24 on eth1 and so its route to 10.1.2.0/24: it answers ICMP net-unreachable"
  "gw-forward-drop|gw silently drops everything it forwards (FORWARD policy DROP)"
  "web1-down|web1 is dead behind sw2 (its eth0 down inside web1, gw's side keeps carrier): gw's ARP fails after ~3 s, then ICMP host-unreachable"
  "no-listener|the HTTP server on web1 is stopped: TCP RST"
  "loopback-listener|the HTTP server on web1 listens on 127.0.0.1:80 only"
  "web1-reject|web1: iptables -A INPUT -p tcp --dport 80 -j REJECT (ICMP port-unreachable)"
  "web1-drop|web1: iptables -A INPUT -p tcp --dport 80 -j DROP"
  "gw-prohibit|gw: FORWARD tcp dport 80 REJECT --reject-with icmp-admin-prohibited"
  "v6only-listener|web1's HTTP server listens on [::]:80 with IPV6_V6ONLY: nothing on IPv4"
  "policy-drop-ssh-only|web1: INPUT policy DROP, only lo and tcp 22 accepted"
  "allow-dev2-only|web1: tcp 80 accepted from 10.1.1.8, then tcp 80 dropped"
  "user-chain-reject|web1: INPUT jumps tcp 80 to a user chain WEB that REJECTs"
  "conntrack-new-drop|web1: ESTABLISHED,RELATED accepted, NEW tcp 80 dropped"
  "nft-inet-drop|web1: native nftables, table inet filter, input hook: tcp dport 80 drop"
  "nft-set-allow|web1: native nftables set of allowed sources {10.1.1.8}, other tcp 80 dropped"
  "legacy-drop|web1: iptables-legacy -A INPUT -p tcp --dport 80 -j DROP"
  "ipset-drop|web1: ipset 'blocked' holds 10.1.1.7, iptables drops its packets (-m set)"
  "udp53-none|no-op: nothing listens on UDP 53 on web1, which is already the healthy state"
  "dev1-output-drop|dev1's own firewall: iptables -A OUTPUT -p tcp --dport 80 -j DROP"
  "gw-lossy|gw drops 5% of the packets it forwards, at random (iptables -m statistic; this kernel has no netem)"
  "gw-dies|dev1 talks to gw (ping, a fetch through it), then gw's eth0 goes down inside gw: dev1's entry stays REACHABLE"
  "mtu-blackhole|the gw-r2 link has MTU 1400 and gw and r2 drop their own ICMP fragmentation-needed (PMTU black hole to web2)"
  "mtu-small|the gw-r2 link has MTU 1400; fragmentation-needed flows (PMTU discovery works; healthy)"
  "dev1-output-reset|dev1's own firewall: iptables -A OUTPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset"
  "dev1-output-reset-nft|dev1's own firewall, native nftables: output hook, tcp dport 80 reject with tcp reset"
  "clusterip|dev1 is a kube-proxy node (iptables mode): nat OUTPUT sends ClusterIP 10.96.0.10:80 to web1 10.1.2.5:80 or web2 10.1.4.5:80 (statistic random 0.5); healthy"
  "clusterip-web2-down|clusterip, and web2's IPv4 HTTP server is stopped: 1 in 2 connections to 10.96.0.10:80 get an RST from web2"
  "clusterip-web2-drop|clusterip, and web2: iptables -A INPUT -p tcp --dport 80 -j DROP: 1 in 2 connections to 10.96.0.10:80 time out"
  "clusterip-nft|clusterip in kube-proxy's nftables mode: table ip kube-proxy, nat-output → services vmap → numgen random mod 2 → endpoint dnat; healthy"
  "clusterip-nft-web2-down|clusterip-nft, and web2's IPv4 HTTP server is stopped"
  "gw-reset|gw: FORWARD tcp dport 80 REJECT --reject-with tcp-reset (an RST forged by a router)"
  "slash32-onlink|dev1 has 10.1.1.7/32 and default via 10.1.1.1 dev eth0 onlink (hosting-provider style; healthy)"
  "policy-port-dead-gw|dev1: ip rule ipproto tcp dport 80 lookup 100; table 100 default via 10.1.1.250, where no host is"
  "blackhole-route|dev1: ip route add blackhole 10.1.2.5/32"
  "unreachable-route|dev1: ip route add unreachable 10.1.2.5/32"
  "prohibit-route|dev1: ip route add prohibit 10.1.2.5/32"
  "web1-small-backlog|web1's HTTP server listens with a backlog of 1 (listen(fd, 1)); healthy"
  "web1-overflowed|web1-small-backlog, and web1 has already counted ListenOverflows (a burst while the server was stopped)"
  "auth-only|ns1's dnsmasq is authoritative only: REFUSED for every name outside example.net (like BIND with recursion no)"
  "wrong-search|dev1's resolv.conf has 'search other.test': the short name web1 is completed in the wrong domain"
  "rooted-search|dev1's resolv.conf has 'search example.net' and 'options ndots:2' (a rooted name must ignore both)"
  "stub-down|dev1 uses the systemd-resolved stub 127.0.0.53, and nothing runs there"
  "forwarder-dead-upstream|dev1 runs dnsmasq on 127.0.0.1 forwarding to 10.1.1.4, where no host is; resolv.conf points at 127.0.0.1"
  "nsswitch-no-dns|dev1's nsswitch.conf has 'hosts: files' (no dns): every DNS name fails for applications"
  "resolv-unreadable|dev1's resolv.conf is mode 0600 root: a user such as nobody cannot read it"
  "web1-reject6|web1: ip6tables -A INPUT -p tcp --dport 80 -j REJECT (ICMPv6 port-unreachable)"
  "web1-drop6|web1: ip6tables -A INPUT -p tcp --dport 80 -j DROP (IPv4 untouched)"
  "gw-prohibit6|gw: ip6tables FORWARD tcp dport 80 REJECT --reject-with icmp6-adm-prohibited"
  "gw-blackhole6|gw: ip -6 route add blackhole 2001:db8:1:2::5/128 (the router discards silently)"
  "no-default-route6|dev1 has no IPv6 default route (IPv4 untouched)"
  "localhost-v6-listener|dev1 runs a server on [::1]:8022 only (IPV6_V6ONLY); /etc/hosts has '::1 localhost' too"
  "linklocal-gateway|dev1's IPv6 default route is 'via fe80::1 dev eth0' (the router-advertisement style); gw has fe80::1 on eth0"
  "docker-published|web1 is a Docker host: docker0 172.17.0.1/16, container namespace ctr1 172.17.0.2 serving HTTP on 80, Docker's rules publishing 8080 -> 172.17.0.2:80; healthy"
  "docker-published-ctr-down|docker-published, and the container's HTTP server is stopped: web1:8080 is refused (RST from 172.17.0.2)"
  "docker-published-ctr-filter|docker-published, and the container's own firewall accepts port 80 only from its bridge network 172.17.0.0/16: web1's own connection to 10.1.2.5:8080 (source 10.1.2.5) times out"
)

usage() {
  cat <<EOF
Usage: $PROG COMMAND [ARGS]

The seed's network in network namespaces: dev1 cannot reach web1 on port 80.

Commands:
  up               build the lab (tears an existing one down first), check it, print a summary
  down             kill the lab's processes, delete its namespaces, /etc/netns dirs and state
  reset            down, then up: a clean, healthy lab
  fault NAME...    inject one or more named faults into a lab that is up
  faults           list the fault names with a one-line description
  status           show what is up and which faults were injected
  exec NS CMD...   run CMD inside namespace NS (ip netns exec NS CMD...)
  -h, --help       this help

Namespaces: ${ALL_NS[*]}${P:+ (each prefixed with "$P": REACH_LAB_PREFIX)}
State directory: $STATE (set REACH_LAB_STATE to change it)

Example:
  sudo lab/lab.sh up
  sudo lab/lab.sh fault web1-reject
  sudo ip netns exec ${P}dev1 out/reach check web1:80
  sudo lab/lab.sh down
EOF
}

die() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit 1
}

usage_error() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  printf 'Try: %s --help\n' "$PROG" >&2
  exit 2
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, iptables, /etc/netns)"
}

in_ns() {
  local ns=$1
  shift
  ip netns exec "$P$ns" "$@"
}

ns_exists() {
  # `ip netns add` creates /run/netns/NAME; `ip netns list` is the portable way to ask.
  ip netns list | awk '{print $1}' | grep -qxF -- "$P$1"
}

any_lab_ns() {
  local ns
  for ns in "${ALL_NS[@]}" "${FAULT_NS[@]}"; do
    if ns_exists "$ns"; then return 0; fi
  done
  return 1
}

lab_is_up() {
  local ns
  [[ -e $MARKER ]] || return 1
  for ns in "${ALL_NS[@]}"; do
    ns_exists "$ns" || return 1
  done
}

require_up() {
  lab_is_up || die "the lab is not up (run: $PROG up)"
}

# Poll (every 50 ms, at most TRIES times) until CMD succeeds: the servers and
# dnsmasq's reload are asynchronous, and tests run right after us.
wait_until() {
  local tries=$1 i
  shift
  for ((i = 0; i < tries; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  return 1
}

# A zombie still answers kill -0; treat it as gone.
pid_alive() {
  local pid=$1 stat
  [[ -r /proc/$pid/stat ]] || return 1
  stat=$(<"/proc/$pid/stat") || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

pid_not_alive() { ! pid_alive "$1"; }

not_listening() { ! listening "$@"; }

# Kill one process by id: TERM, wait up to 2 s, then KILL.
kill_pid() {
  local pid=$1
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_until 40 pid_not_alive "$pid" || kill -KILL "$pid" 2>/dev/null || true
  wait_until 20 pid_not_alive "$pid" || true
}

# Kill the process recorded in PIDFILE, but only if its command line still
# contains WHAT: a pid file outliving its process must not kill a recycled pid.
kill_pidfile() {
  local pidfile=$1 what=$2 pid
  [[ -r $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$what"; then
    kill_pid "$pid"
  fi
  rm -f -- "$pidfile"
}

# listening NS PROTO PORT [LOCAL-ADDR]: is a socket bound to PORT (and ADDR)?
listening() {
  local ns=$1 proto=$2 port=$3 addr=${4:-} out
  out=$(in_ns "$ns" ss -Hln"${proto:0:1}" "sport = :$port") || return 1
  [[ -n $out ]] || return 1
  [[ -z $addr ]] || grep -qF -- " $addr:$port " <<<"$out "
}

# The pid of the process holding a listening socket on PORT in NS.
listener_pid() {
  local ns=$1 proto=$2 port=$3
  in_ns "$ns" ss -Hln"${proto:0:1}"p "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# Start a long-running server in NS, detached: setsid so that a Ctrl-C in the
# terminal (or a test runner killing its process group) does not take the lab's
# servers with it, and all fds away from ours so that `$(lab.sh up)` returns.
start_bg() {
  local ns=$1 log=$2
  shift 2
  setsid ip netns exec "$P$ns" "$@" </dev/null >>"$log" 2>&1 &
}

# ---------------------------------------------------------------- servers

start_http() {
  local bind=$1
  case $bind in
  v6only)
    start_bg web1 "$STATE/http.log" /usr/bin/python3 "$V6ONLY_PY" "$WEBROOT"
    wait_until 100 listening web1 tcp 80 '[::]' || die "v6only HTTP server did not start (see $STATE/http.log)"
    ;;
  backlog1)
    start_bg web1 "$STATE/http.log" /usr/bin/python3 "$BACKLOG_PY" "$WEBROOT" 1
    wait_until 100 listening web1 tcp 80 0.0.0.0 || die "backlog-1 HTTP server did not start (see $STATE/http.log)"
    ;;
  *)
    start_bg web1 "$STATE/http.log" /usr/bin/python3 -m http.server 80 --bind "$bind" --directory "$WEBROOT"
    wait_until 100 listening web1 tcp 80 "$bind" || die "HTTP server did not start on $bind:80 (see $STATE/http.log)"
    if [[ $bind == 0.0.0.0 ]]; then
      # The healthy server speaks IPv6 too, from a second process bound to [::]:80 with
      # IPV6_V6ONLY: the IPv4 socket stays 0.0.0.0:80 as before, and an IPv6 fault (ip6tables)
      # or a stopped server (stop_http) is seen the same way from both families.
      start_bg web1 "$STATE/http6.log" /usr/bin/python3 "$V6ONLY_PY" "$WEBROOT"
      wait_until 100 listening web1 tcp 80 '[::]' || die "IPv6 HTTP server did not start on web1 (see $STATE/http6.log)"
      listener_pid6 web1 >"$HTTP6_PID"
    fi
    ;;
  esac
  # Record the listener's own pid (from the socket), not $!: that way the pid file is
  # right however setsid/ip/python chose to fork.
  listener_pid web1 tcp 80 >"$HTTP_PID"
}

# web2, the far server behind r2: the same python http.server, with a 20 kB page
# (/big.html) whose response needs full-size segments.
start_http2() {
  start_bg web2 "$STATE/http2.log" /usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory "$WEBROOT2"
  wait_until 100 listening web2 tcp 80 0.0.0.0 || die "HTTP server did not start on web2 (see $STATE/http2.log)"
  listener_pid web2 tcp 80 >"$HTTP2_PID"
  start_bg web2 "$STATE/http2-6.log" /usr/bin/python3 "$V6ONLY_PY" "$WEBROOT2"
  wait_until 100 listening web2 tcp 80 '[::]' || die "IPv6 HTTP server did not start on web2 (see $STATE/http2-6.log)"
  listener_pid6 web2 >"$HTTP2_6_PID"
}

# The pid holding the IPv6 socket on port 80 in NS.
listener_pid6() {
  in_ns "$1" ss -Hltnp "sport = :80" | grep -F '[::]:80' | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

stop_http() {
  kill_pidfile "$HTTP6_PID" python3
  kill_pidfile "$HTTP_PID" python3
  wait_until 40 not_listening web1 tcp 80 || die "something still listens on web1:80"
}

start_dns() {
  # Options as measured in DESIGN.md: no config file, no upstream, no /etc/hosts;
  # example.net is answered from the zone file only (--local: never forwarded).
  # --domain-needed: a plain name such as "web1." gets NXDOMAIN, so a missing search
  # path shows as the seed shows it. --bogus-priv: reverse lookups of lab addresses
  # not in the zone get NXDOMAIN rather than REFUSED (there is no upstream).
  # "auth-only" drops both: every name outside example.net then gets REFUSED (dnsmasq
  # has no server to forward it to), as from BIND with `recursion no`.
  local mode=${1:-recursive} answers=(--domain-needed --bogus-priv)
  [[ $mode == auth-only ]] && answers=()
  start_bg ns1 "$STATE/dnsmasq.out" dnsmasq \
    --conf-file=/dev/null --no-resolv --no-hosts \
    --addn-hosts="$ZONE" --local=/example.net/ "${answers[@]}" \
    --listen-address=10.1.1.3 --listen-address=2001:db8:1:1::3 --bind-interfaces \
    --keep-in-foreground --pid-file="$DNS_PID" \
    --log-facility="$STATE/dnsmasq.log" --log-queries
  wait_until 100 listening ns1 udp 53 10.1.1.3 || die "dnsmasq did not start (see $STATE/dnsmasq.out)"
  wait_until 40 test -s "$DNS_PID" || die "dnsmasq wrote no pid file"
}

# ---------------------------------------------------------------- up

write_resolv() {
  local ns=$1
  shift
  mkdir -p "/etc/netns/$P$ns"
  printf '%s\n' "$@" >"/etc/netns/$P$ns/resolv.conf"
}

write_healthy_resolv() {
  write_resolv "$1" 'search example.net' 'nameserver 10.1.1.3'
}

write_hosts() {
  local ns=$1
  shift
  mkdir -p "/etc/netns/$P$ns"
  printf '%s\n' '127.0.0.1 localhost' "$@" >"/etc/netns/$P$ns/hosts"
}

write_zone() {
  # FQDNs only: the short name must come from the resolver's search path, and
  # dnsmasq derives the PTR records (10.1.1.7 -> dev1.example.net) from these lines.
  # web1 and web2 keep their A records only: they are the seed's IPv4 path, which the issue-6
  # scenarios break with IPv4 tools. Their IPv6 twins are web1-v6/web2-v6 (AAAA only) and
  # web1-ds/web2-ds (A and AAAA: applications try IPv6 first, RFC 6724). web1-multi has three
  # A records, two of them dead hosts on web1's LAN.
  # $IDN_WEB1 is the IDNA (punycode, RFC 5891) form of a Unicode name for web1: a
  # resolver only ever sees that form.
  cat >"$ZONE" <<EOF
10.1.1.1 gw.example.net
10.1.1.3 ns1.example.net
10.1.1.7 dev1.example.net
10.1.1.8 dev2.example.net
10.1.2.5 web1.example.net
10.1.4.5 web2.example.net
10.1.2.5 $IDN_WEB1
2001:db8:1:1::1 gw.example.net
2001:db8:1:1::3 ns1.example.net
2001:db8:1:1::7 dev1.example.net
2001:db8:1:1::8 dev2.example.net
2001:db8:1:2::5 web1-v6.example.net
2001:db8:1:4::5 web2-v6.example.net
10.1.2.5 web1-ds.example.net
2001:db8:1:2::5 web1-ds.example.net
10.1.4.5 web2-ds.example.net
2001:db8:1:4::5 web2-ds.example.net
10.1.2.66 web1-multi.example.net
10.1.2.77 web1-multi.example.net
10.1.2.5 web1-multi.example.net
EOF
}

write_v6only_server() {
  # python's `http.server --bind ::` makes a dual-stack socket (it clears
  # IPV6_V6ONLY), so the wrong-family listener needs its own few lines.
  cat >"$V6ONLY_PY" <<'EOF'
"""HTTP server on [::]:80 with IPV6_V6ONLY=1 serving argv[1]: IPv4 clients get a TCP RST."""
import functools
import http.server
import socket
import socketserver
import sys


class V6OnlyServer(http.server.HTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        # Skip HTTPServer.server_bind: its getfqdn() would wait on DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = socket.gethostname(), 80


handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
V6OnlyServer(("::", 80), handler).serve_forever()
EOF
}

write_backlog_server() {
  # An HTTP server whose listen() backlog is argv[2]: python's http.server always
  # uses 5 (socketserver.TCPServer.request_queue_size), so a small one needs these lines.
  cat >"$BACKLOG_PY" <<'EOF'
"""HTTP server on 0.0.0.0:80 with a listen backlog of argv[2]."""
import functools
import http.server
import socketserver
import sys


class SmallBacklogServer(http.server.ThreadingHTTPServer):
    request_queue_size = int(sys.argv[2])

    def server_bind(self):
        # Skip HTTPServer.server_bind: its getfqdn() would wait on DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "web1", 80


handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
SmallBacklogServer(("0.0.0.0", 80), handler).serve_forever()
EOF
}

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
# (DESIGN.md, measured): wait until dev1 reaches web2 over IPv6 across both routers, so that no test
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

# ---------------------------------------------------------------- faults

fault_link_down() { ip -n "${P}sw" link set dev1-port down; }

fault_iface_down() { ip -n "${P}dev1" link set eth0 down; }

# Removing the last IPv4 address also removes every IPv4 route through eth0.
fault_no_address() { ip -n "${P}dev1" -4 addr flush dev eth0; }

fault_misconfigured() {
  ip -n "${P}dev1" -4 addr flush dev eth0
  ip -n "${P}dev1" addr add 10.1.3.7/24 dev eth0
  # onlink: the kernel refuses a gateway outside every connected subnet otherwise;
  # this is the "wrong address, right gateway" host of the seed.
  ip -n "${P}dev1" route replace default via 10.1.1.1 dev eth0 onlink
}

fault_no_default_route() { ip -n "${P}dev1" route del default; }

fault_bogus_gateway() { ip -n "${P}dev1" route replace default via 10.1.1.254 dev eth0; }

fault_gw_drops_ping() { in_ns gw iptables -A INPUT -p icmp --icmp-type echo-request -j DROP; }

fault_no_nameserver() { write_resolv dev1 'search example.net'; }

fault_nameserver_absent() { write_resolv dev1 'search example.net' 'nameserver 10.1.1.4'; }

fault_dns_stopped() {
  kill_pidfile "$DNS_PID" dnsmasq
  wait_until 40 not_listening ns1 udp 53 || die "something still listens on ns1:53"
}

fault_no_search() { write_resolv dev1 'nameserver 10.1.1.3'; }

fault_nxdomain() {
  sed -i '/[[:space:]]web1\.example\.net$/d' "$ZONE"
  # SIGHUP makes dnsmasq re-read --addn-hosts files (dnsmasq(8), NOTES). It is
  # asynchronous: wait until the name is really gone before returning.
  [[ -s $DNS_PID ]] || die "dnsmasq is not running (dns-stopped?)"
  kill -HUP "$(<"$DNS_PID")"
  wait_until 60 web1_is_nxdomain || die "web1.example.net still resolves after SIGHUP"
}

web1_is_nxdomain() {
  in_ns dev1 /usr/bin/python3 -c '
import socket, sys
try:
    socket.getaddrinfo("web1.example.net.", 80, socket.AF_INET)
except socket.gaierror as e:
    sys.exit(0 if e.errno == socket.EAI_NONAME else 1)
sys.exit(1)'
}

fault_stale_hosts() { write_hosts dev1 '10.1.2.99 web1.example.net web1'; }

# gw has no default route, so without its connected route it has no route at all
# to 10.1.2.0/24 and answers forwarded packets with ICMP net-unreachable.
fault_gw_no_route() { ip -n "${P}gw" addr del 10.1.2.1/24 dev eth1; }

fault_gw_forward_drop() { in_ns gw iptables -P FORWARD DROP; }

# web1 stops answering on its switched LAN: its own eth0 goes down, while gw's eth1
# keeps its carrier through sw2, as with a crashed server behind a real switch. gw
# learns it by ARP with the kernel defaults (3 probes, 1 s apart) and only then
# sends ICMP host-unreachable. The host died "a while ago": gw's neighbour entry for
# it is gone, as after the kernel's own garbage collection (the health check's
# traffic left it REACHABLE, and it would point at the dead MAC for 15-45 s and then
# DELAY/PROBE for 8 s more: that is another scenario, a host that has just died).
fault_web1_down() {
  ip -n "${P}web1" link set eth0 down
  ip -n "${P}gw" neigh del 10.1.2.5 dev eth1 2>/dev/null || true
  ip -n "${P}gw" -6 neigh del 2001:db8:1:2::5 dev eth1 2>/dev/null || true
}

fault_no_listener() { stop_http; }

fault_loopback_listener() {
  stop_http
  start_http 127.0.0.1
}

fault_web1_reject() { in_ns web1 iptables -A INPUT -p tcp --dport 80 -j REJECT; }

fault_web1_drop() { in_ns web1 iptables -A INPUT -p tcp --dport 80 -j DROP; }

fault_gw_prohibit() {
  in_ns gw iptables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp-admin-prohibited
}

fault_v6only_listener() {
  stop_http
  start_http v6only
}

fault_policy_drop_ssh_only() {
  in_ns web1 iptables -A INPUT -i lo -j ACCEPT
  in_ns web1 iptables -A INPUT -p tcp --dport 22 -j ACCEPT
  in_ns web1 iptables -P INPUT DROP
}

fault_allow_dev2_only() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -s 10.1.1.8 -j ACCEPT
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -j DROP
}

fault_user_chain_reject() {
  in_ns web1 iptables -N WEB
  in_ns web1 iptables -A WEB -j REJECT
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -j WEB
}

fault_conntrack_new_drop() {
  in_ns web1 iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -j DROP
}

# Native nftables: invisible to iptables-save, which is the point of these two.
fault_nft_inet_drop() {
  in_ns web1 nft -f - <<'EOF'
table inet filter {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 80 drop
  }
}
EOF
}

fault_nft_set_allow() {
  in_ns web1 nft -f - <<'EOF'
table inet filter {
  set allowed4 {
    type ipv4_addr
    elements = { 10.1.1.8 }
  }
  chain input {
    type filter hook input priority 0; policy accept;
    ip saddr @allowed4 accept
    tcp dport 80 drop
  }
}
EOF
}

fault_legacy_drop() {
  # The legacy x_tables (ip_tables) backend: a third place rules can hide, seen by
  # neither iptables-nft nor nft.
  in_ns web1 iptables-legacy -A INPUT -p tcp --dport 80 -j DROP
}

fault_ipset_drop() {
  in_ns web1 ipset create blocked hash:ip
  in_ns web1 ipset add blocked 10.1.1.7
  in_ns web1 iptables -A INPUT -m set --match-set blocked src -j DROP
}

fault_udp53_none() {
  # Documented no-op: web1 runs no DNS server in a healthy lab, so "nothing on UDP 53"
  # is already true; the name exists so a scenario can say so explicitly.
  if listening web1 udp 53; then
    die "something listens on UDP 53 in web1; udp53-none expects nothing"
  fi
  echo "udp53-none: nothing listens on UDP 53 in web1 (already the case; nothing changed)"
}

fault_dev1_output_drop() { in_ns dev1 iptables -A OUTPUT -p tcp --dport 80 -j DROP; }

# Random loss on the router: -m statistic is what this kernel offers (no sch_netem).
fault_gw_lossy() {
  in_ns gw iptables -A FORWARD -m statistic --mode random --probability 0.05 -j DROP
}

# A gateway that has just died: dev1 talked to it a moment ago, so dev1's neighbour
# entry for 10.1.1.1 stays REACHABLE for 15-45 s (base_reachable_time_ms, kernel
# default 30 s, randomised) while gw answers nothing any more. gw's own eth0 goes down
# inside gw; dev1's port on sw keeps its carrier.
fault_gw_dies() {
  in_ns dev1 ping -c 1 -W 2 10.1.1.1 >/dev/null
  in_ns dev1 /usr/bin/python3 -c 'import urllib.request; urllib.request.urlopen("http://10.1.2.5/", timeout=3).read()'
  ip -n "${P}gw" link set eth0 down
}

# MTU 1400 on the router-to-router link, on both ends.
small_link() {
  ip -n "${P}gw" link set eth2 mtu 1400
  ip -n "${P}r2" link set eth0 mtu 1400
}

fault_mtu_small() { small_link; }

# A PMTU black hole: a full-size packet with DF cannot cross gw-r2, and the router
# that should say so (ICMP 3/4, RFC 1191) drops its own "fragmentation needed" in
# OUTPUT, which is where locally generated ICMP errors pass (ip_local_out).
fault_mtu_blackhole() {
  small_link
  in_ns gw iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP
  in_ns r2 iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP
}

# A Service "default/web" (port name http) with two endpoints, written as kube-proxy's iptables proxier
# writes it (pkg/proxy/iptables/proxier.go): KUBE-SERVICES from nat OUTPUT and PREROUTING, KUBE-SVC-*
# with one `-m statistic --mode random --probability` branch per endpoint but the last, KUBE-SEP-* DNAT,
# KUBE-MARK-MASQ for sources outside the cluster CIDR. The chain names are kube-proxy's own hashes
# (base32 of sha256("default/web:http" + "tcp" [+ "IP:port"]), first 16 characters). 10.96.0.10 has
# no route of its own: the socket's route lookup (before nat OUTPUT) uses dev1's default route, as on
# a real node; after the DNAT the kernel routes again to the endpoint (ip_route_me_harder).
fault_clusterip() {
  in_ns dev1 iptables-restore --noflush <<'EOF'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SEP-OZLGCL46HYI3BJJC - [0:0]
:KUBE-SEP-DFJ3RRQRYJATNETI - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SVC-CDGGSHYLG3RE2FKL ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.1.2.5:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-OZLGCL46HYI3BJJC
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.1.4.5:80" -j KUBE-SEP-DFJ3RRQRYJATNETI
-A KUBE-SEP-OZLGCL46HYI3BJJC -s 10.1.2.5/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-OZLGCL46HYI3BJJC -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.1.2.5:80
-A KUBE-SEP-DFJ3RRQRYJATNETI -s 10.1.4.5/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-DFJ3RRQRYJATNETI -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.1.4.5:80
COMMIT
EOF
}

fault_clusterip_web2_down() {
  fault_clusterip
  stop_web2_http4
}

# The same Service in kube-proxy's nftables mode (pkg/proxy/nftables/proxier.go): its own table, the
# service-ips verdict map looked up from nat-output, a service chain that picks an endpoint with
# `numgen random mod 2 vmap`, an endpoint chain per backend that DNATs. Chain names in its form
# (service-HASH-NS/NAME/PROTO/PORT, endpoint-HASH-…__IP/PORT), hashes as for the iptables chains.
fault_clusterip_nft() {
  in_ns dev1 nft -f - <<'EOF'
add table ip kube-proxy { comment "rules for kube-proxy" ; }
add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }
add chain ip kube-proxy mark-for-masquerade
add chain ip kube-proxy masquerading
add chain ip kube-proxy services
add chain ip kube-proxy nat-output { type nat hook output priority -100 ; }
add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }
add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }
add chain ip kube-proxy service-CDGGSHYL-default/web/tcp/http
add chain ip kube-proxy endpoint-OZLGCL46-default/web/tcp/http__10.1.2.5/80
add chain ip kube-proxy endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80
add rule ip kube-proxy mark-for-masquerade mark set mark or 0x4000
add rule ip kube-proxy masquerading mark and 0x4000 == 0 return
add rule ip kube-proxy masquerading mark set mark xor 0x4000
add rule ip kube-proxy masquerading masquerade fully-random
add rule ip kube-proxy nat-output jump services
add rule ip kube-proxy nat-prerouting jump services
add rule ip kube-proxy nat-postrouting jump masquerading
add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips
add rule ip kube-proxy service-CDGGSHYL-default/web/tcp/http ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
add rule ip kube-proxy service-CDGGSHYL-default/web/tcp/http numgen random mod 2 vmap { 0 : goto endpoint-OZLGCL46-default/web/tcp/http__10.1.2.5/80 , 1 : goto endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80 }
add rule ip kube-proxy endpoint-OZLGCL46-default/web/tcp/http__10.1.2.5/80 ip saddr 10.1.2.5 jump mark-for-masquerade
add rule ip kube-proxy endpoint-OZLGCL46-default/web/tcp/http__10.1.2.5/80 meta l4proto tcp dnat to 10.1.2.5:80
add rule ip kube-proxy endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80 ip saddr 10.1.4.5 jump mark-for-masquerade
add rule ip kube-proxy endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80 meta l4proto tcp dnat to 10.1.4.5:80
add element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 : goto service-CDGGSHYL-default/web/tcp/http }
EOF
}

stop_web2_http4() {
  kill_pidfile "$HTTP2_PID" python3
  wait_until 40 not_listening web2 tcp 80 0.0.0.0 || die "something still listens on web2 0.0.0.0:80"
}

fault_clusterip_nft_web2_down() {
  fault_clusterip_nft
  stop_web2_http4
}

fault_clusterip_web2_drop() {
  fault_clusterip
  in_ns web2 iptables -A INPUT -p tcp --dport 80 -j DROP
}

fault_dev1_output_reset() {
  in_ns dev1 iptables -A OUTPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset
}

fault_dev1_output_reset_nft() {
  in_ns dev1 nft -f - <<'EOF'
table inet filter {
  chain output {
    type filter hook output priority 0; policy accept;
    tcp dport 80 reject with tcp reset
  }
}
EOF
}

fault_gw_reset() {
  in_ns gw iptables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with tcp-reset
}

# A /32 with an onlink default route: the kernel sends everything, even the LAN
# neighbours, to 10.1.1.1, which it ARPs for on eth0. Healthy.
fault_slash32_onlink() {
  ip -n "${P}dev1" -4 addr flush dev eth0
  ip -n "${P}dev1" addr add 10.1.1.7/32 dev eth0
  ip -n "${P}dev1" route add default via 10.1.1.1 dev eth0 onlink
}

# Policy routing by port (ip-rule(8), ipproto/dport selectors): only TCP to port 80
# takes table 100, whose gateway does not exist; ping and DNS still use main.
fault_policy_port_dead_gw() {
  ip -n "${P}dev1" route add default via 10.1.1.250 dev eth0 table 100
  ip -n "${P}dev1" rule add ipproto tcp dport 80 lookup 100
}

# The three route types that refuse locally (ip-route(8)): blackhole discards
# (EINVAL), unreachable says EHOSTUNREACH, prohibit says EACCES.
fault_blackhole_route() { ip -n "${P}dev1" route add blackhole 10.1.2.5/32; }

fault_unreachable_route() { ip -n "${P}dev1" route add unreachable 10.1.2.5/32; }

fault_prohibit_route() { ip -n "${P}dev1" route add prohibit 10.1.2.5/32; }

fault_web1_small_backlog() {
  stop_http
  start_http backlog1
}

# ListenOverflows counted before reach ever runs: with the backlog-1 server stopped
# (SIGSTOP), a burst of connections fills its accept queue (backlog + 1) and the
# kernel drops the rest, counting each in TcpExt.ListenOverflows; then it resumes.
fault_web1_overflowed() {
  fault_web1_small_backlog
  local pid
  pid=$(<"$HTTP_PID")
  kill -STOP "$pid"
  in_ns dev1 /usr/bin/python3 - <<'EOF'
import socket
socks = []
for _ in range(6):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex(("10.1.2.5", 80))
    socks.append(s)
import time
time.sleep(1.5)
for s in socks:
    s.close()
EOF
  kill -CONT "$pid"
  overflows web1 | grep -qv '^0$' || die "web1 counted no ListenOverflows"
}

# TcpExt.ListenOverflows of a namespace (/proc/net/netstat is per network namespace).
overflows() {
  in_ns "$1" awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) k[i] = $i; n = 1 } else for (i = 2; i <= NF; i++) if (k[i] == "ListenOverflows") print $i }' /proc/net/netstat
}

# ---------------------------------------------------------------- names and dual stack (issue 7)

fault_auth_only() {
  kill_pidfile "$DNS_PID" dnsmasq
  wait_until 40 not_listening ns1 udp 53 || die "something still listens on ns1:53"
  start_dns auth-only
}

fault_wrong_search() { write_resolv dev1 'search other.test' 'nameserver 10.1.1.3'; }

fault_rooted_search() { write_resolv dev1 'search example.net' 'nameserver 10.1.1.3' 'options ndots:2'; }

# What systemd-resolved writes to /run/systemd/resolve/stub-resolv.conf, with resolved not running.
fault_stub_down() {
  write_resolv dev1 '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).' \
    'nameserver 127.0.0.53' 'options edns0 trust-ad' 'search example.net'
}

# A local caching forwarder, as dnsmasq or unbound on 127.0.0.1 on many hosts: it runs and
# answers, but its one upstream (10.1.1.4) does not exist, so every name ends in a timeout or
# SERVFAIL from the forwarder.
fault_forwarder_dead_upstream() {
  start_bg dev1 "$STATE/forwarder.out" dnsmasq \
    --conf-file=/dev/null --no-resolv --no-hosts --server=10.1.1.4 \
    --listen-address=127.0.0.1 --bind-interfaces \
    --keep-in-foreground --pid-file="$FWD_PID"
  wait_until 100 listening dev1 udp 53 127.0.0.1 || die "the forwarder did not start (see $STATE/forwarder.out)"
  wait_until 40 test -s "$FWD_PID" || die "the forwarder wrote no pid file"
  write_resolv dev1 'search example.net' 'nameserver 127.0.0.1'
}

# ip netns exec bind-mounts every file of /etc/netns/NS over /etc, nsswitch.conf included.
fault_nsswitch_no_dns() {
  mkdir -p "/etc/netns/${P}dev1"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files' >"/etc/netns/${P}dev1/nsswitch.conf"
}

fault_resolv_unreadable() { chmod 0600 "/etc/netns/${P}dev1/resolv.conf"; }

fault_web1_reject6() { in_ns web1 ip6tables -A INPUT -p tcp --dport 80 -j REJECT; }

fault_web1_drop6() { in_ns web1 ip6tables -A INPUT -p tcp --dport 80 -j DROP; }

fault_gw_prohibit6() {
  in_ns gw ip6tables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp6-adm-prohibited
}

fault_gw_blackhole6() { ip -n "${P}gw" -6 route add blackhole 2001:db8:1:2::5/128; }

fault_no_default_route6() { ip -n "${P}dev1" -6 route del default; }

fault_localhost_v6_listener() {
  write_hosts dev1 '::1 localhost ip6-localhost ip6-loopback'
  start_bg dev1 "$STATE/local6.log" /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::1", 8022))
s.listen(16)
while True:
    c, _ = s.accept()
    c.close()'
  wait_until 100 listening dev1 tcp 8022 '[::1]' || die "no listener on [::1]:8022 in dev1"
  listener_pid dev1 tcp 8022 >"$LOCAL6_PID"
}

# Router advertisements make the default route a link-local one (via fe80::1 dev eth0): the
# gateway's global address is not even known to the host.
fault_linklocal_gateway() {
  ip -n "${P}gw" -6 addr add fe80::1/64 dev eth0 nodad
  ip -n "${P}dev1" -6 route replace default via fe80::1 dev eth0
  wait_until 60 in_ns dev1 ping -6 -c 1 -W 1 fe80::1%eth0 || die "fe80::1%eth0 does not answer from dev1"
}

# ---------------------------------------------------------------- Docker's published port (issue 8)

# web1 becomes a Docker host with one container (`docker run -p 8080:80`), built by hand: a docker0
# bridge with the daemon's default 172.17.0.1/16, a veth into a container namespace ctr1 (172.17.0.2,
# default route via docker0's address, as Docker sets it), an HTTP server on port 80 inside, and the
# rules dockerd 28 writes for the default bridge in NAT mode. The rules are moby's own generated
# documentation (integration/network/bridge/iptablesdoc/generated/usernet-portmap*.md and
# libnetwork/drivers/bridge/internal/iptabler/testdata, as in
# tests/Reach.Firewall.Tests/Fixtures/corpus/docker-iptables) with its bridge as docker0 and its
# container as 172.17.0.2: nat DOCKER from PREROUTING and OUTPUT (`-m addrtype --dst-type LOCAL`,
# OUTPUT skipping 127.0.0.0/8), the `-i docker0 -j RETURN` and the DNAT of 8080, MASQUERADE of the
# bridge's traffic leaving it; filter FORWARD → DOCKER-USER (empty) → DOCKER-FORWARD → DOCKER-CT,
# DOCKER-INTERNAL, DOCKER-BRIDGE → DOCKER (the published port accepted, the rest into docker0 dropped);
# raw PREROUTING dropping direct access to the container from outside docker0. dockerd also turns on
# ip_forward and, having turned it on, sets the FORWARD policy to DROP (setupIPForwarding), which the
# lab does too. No docker-proxy runs: it only matters for 127.0.0.1:8080, which OUTPUT's
# `! -d 127.0.0.0/8` leaves to it, and no scenario uses that address.
fault_docker_published() {
  ip netns add "${P}ctr1"
  ip -n "${P}ctr1" link set lo up
  ip -n "${P}web1" link add docker0 type bridge
  addr_up web1 docker0 172.17.0.1/16
  ip -n "${P}web1" link add veth3c1d2e7 type veth peer name eth0 netns "${P}ctr1"
  ip -n "${P}web1" link set veth3c1d2e7 master docker0
  ip -n "${P}web1" link set veth3c1d2e7 up
  addr_up ctr1 eth0 172.17.0.2/16
  ip -n "${P}ctr1" route add default via 172.17.0.1
  sysctl_ns web1 net.ipv4.ip_forward=1
  in_ns web1 iptables-restore --noflush <<'EOF'
*raw
-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
COMMIT
*filter
:FORWARD DROP [0:0]
:DOCKER - [0:0]
:DOCKER-BRIDGE - [0:0]
:DOCKER-CT - [0:0]
:DOCKER-FORWARD - [0:0]
:DOCKER-INTERNAL - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-FORWARD
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER ! -i docker0 -o docker0 -j DROP
-A DOCKER-BRIDGE -o docker0 -j DOCKER
-A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A DOCKER-FORWARD -j DOCKER-CT
-A DOCKER-FORWARD -j DOCKER-INTERNAL
-A DOCKER-FORWARD -j DOCKER-BRIDGE
-A DOCKER-FORWARD -i docker0 -j ACCEPT
COMMIT
*nat
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
EOF
  start_bg ctr1 "$STATE/ctr-http.log" /usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory "$WEBROOT"
  wait_until 100 listening ctr1 tcp 80 0.0.0.0 || die "HTTP server did not start in ctr1 (see $STATE/ctr-http.log)"
  listener_pid ctr1 tcp 80 >"$CTR_HTTP_PID"
  wait_until 60 in_ns web1 /usr/bin/python3 -c 'import urllib.request; urllib.request.urlopen("http://10.1.2.5:8080/", timeout=2).read()' ||
    die "web1 does not reach its own published port 10.1.2.5:8080"
}

fault_docker_published_ctr_down() {
  fault_docker_published
  kill_pidfile "$CTR_HTTP_PID" python3
  wait_until 40 not_listening ctr1 tcp 80 || die "something still listens on ctr1:80"
}

# The container sees the source the host's connection really carries: a host's connection to its own
# 10.1.2.5:8080 keeps 10.1.2.5 after the DNAT (POSTROUTING's MASQUERADE is only for 172.17.0.0/16 leaving
# docker0), while a socket opened to 172.17.0.2 directly would come from 172.17.0.1. A container that
# admits only its own bridge network (its own iptables, as a NET_ADMIN container's entrypoint may set)
# tells the two apart: the host's connection to the published port is dropped, dev1's too.
fault_docker_published_ctr_filter() {
  fault_docker_published
  in_ns ctr1 iptables -A INPUT -p tcp --dport 80 ! -s 172.17.0.0/16 -j DROP
}

fault_known() {
  local entry
  for entry in "${FAULTS[@]}"; do
    [[ ${entry%%|*} == "$1" ]] && return 0
  done
  return 1
}

cmd_faults() {
  local entry
  for entry in "${FAULTS[@]}"; do
    printf '%-22s %s\n' "${entry%%|*}" "${entry#*|}"
  done
}

cmd_fault() {
  (($# > 0)) || usage_error "fault needs a NAME (see: $PROG faults)"
  local name
  # Check every name before changing anything: a typo must not leave half a scenario.
  for name in "$@"; do
    fault_known "$name" || usage_error "unknown fault '$name' (see: $PROG faults)"
  done
  require_root
  require_up
  for name in "$@"; do
    "fault_${name//-/_}"
    printf '%s\n' "$name" >>"$FAULTS_FILE"
    echo "fault injected: $name"
  done
}

# ---------------------------------------------------------------- status, exec

cmd_status() {
  local ns pid present=() missing=()
  for ns in "${ALL_NS[@]}"; do
    if ns_exists "$ns"; then present+=("$ns"); else missing+=("$ns"); fi
  done
  if ((${#present[@]} == 0)) && [[ ! -e $MARKER ]]; then
    echo "reach lab is down"
    return 0
  fi
  if lab_is_up; then echo "reach lab is up (state: $STATE)"; else echo "reach lab is PARTIALLY up (state: $STATE)"; fi
  echo "  namespaces: ${present[*]:-none}${missing[*]:+ (missing: ${missing[*]})}"
  for ns in "${present[@]}"; do
    [[ $ns == sw* ]] && continue
    printf '  %-5s %s\n' "$ns" "$(ip -n "$P$ns" -br -4 addr show | awk '$1 != "lo" {printf "%s %s %s  ", $1, $2, $3}')"
  done
  pid=$(cat "$DNS_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  dnsmasq:     pid $pid"; else echo "  dnsmasq:     not running"; fi
  pid=$(cat "$HTTP_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (web1)"; else echo "  http server: not running (web1)"; fi
  pid=$(cat "$HTTP2_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (web2)"; else echo "  http server: not running (web2)"; fi
  if ns_exists ctr1; then
    pid=$(cat "$CTR_HTTP_PID" 2>/dev/null || true)
    if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (container ${P}ctr1 behind web1's docker0)"; else echo "  http server: not running (container ${P}ctr1 behind web1's docker0)"; fi
  fi
  if [[ -s $FAULTS_FILE ]]; then
    echo "  faults:      $(paste -sd' ' "$FAULTS_FILE")"
  else
    echo "  faults:      none"
  fi
}

cmd_exec() {
  (($# >= 2)) || usage_error "exec needs NS and CMD"
  local ns=$1
  shift
  exec ip netns exec "$P$ns" "$@"
}

main() {
  (($# > 0)) || usage_error "no command given"
  local cmd=$1
  shift
  case $cmd in
  up) cmd_up ;;
  down) cmd_down ;;
  reset)
    cmd_down >/dev/null
    cmd_up
    ;;
  fault) cmd_fault "$@" ;;
  faults) cmd_faults ;;
  status) cmd_status ;;
  exec) cmd_exec "$@" ;;
  -h | --help | help) usage ;;
  *) usage_error "unknown command '$cmd'" ;;
  esac
}

main "$@"
