# shellcheck shell=bash
# lab/faults/server.sh - faults of the server: listeners and its firewall (iptables, nft, legacy, ipset).
# Sourced by lab/lab.sh: each entry is "name|one-line description", injected by fault_<name>.

FAULTS+=(
  "no-listener|the HTTP server on web1 is stopped: TCP RST"
  "loopback-listener|the HTTP server on web1 listens on 127.0.0.1:80 only"
  "web1-reject|web1: iptables -A INPUT -p tcp --dport 80 -j REJECT (ICMP port-unreachable)"
  "web1-drop|web1: iptables -A INPUT -p tcp --dport 80 -j DROP"
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
  "web1-small-backlog|web1's HTTP server listens with a backlog of 1 (listen(fd, 1)); healthy"
  "web1-overflowed|web1-small-backlog, and web1 has already counted ListenOverflows (a burst while the server was stopped)"
  "web1-accept-full|web1's backlog-1 HTTP server stops accepting (SIGSTOP) and dev2 holds 2 connections in its accept queue: new SYNs are dropped"
  "web1-multihomed|web1 gets a second leg on dev1's LAN (eth1 10.1.1.9/24): replies to dev1 leave by eth1, requests to 10.1.2.5 come in on eth0; healthy (rp_filter 0)"
  "web1-rp-filter|web1-multihomed with strict reverse-path filtering (net.ipv4.conf.all.rp_filter=1): dev1's packets to 10.1.2.5 are dropped on eth0"
  "web1-conntrack-full|HOST-WIDE: web1 tracks connections and holds N of them; net.netfilter.nf_conntrack_max is lowered to N (restored by down/reset): new flows to web1 are dropped"
  "web1-recent-empty|web1: -m recent --name blocklist --update --seconds 3600 -j DROP on port 80, a list nothing --sets: it never matches; healthy"
  "web1-recent-limit|web1: ufw-limit-like pair on port 80 (recent --set, then --update --seconds 60 --hitcount 4 -j REJECT); dev1 has connected 4 times: it is on the list, over the limit"
  "web1-hashlimit|web1: --syn -m hashlimit --hashlimit-mode srcip --hashlimit-above 1/min --hashlimit-burst 1 -j DROP on port 80; dev1 has spent its bucket"
  "web1-limit|web1: --syn -m limit --limit 1/min --limit-burst 1 -j ACCEPT, then --syn -j DROP on port 80; the bucket is spent (its tokens are shown nowhere)"
  "web1-connlimit|web1: --syn -m connlimit --connlimit-above 1 -j REJECT --reject-with tcp-reset on port 80; dev1 holds one connection open"
  "web1-reject6|web1: ip6tables -A INPUT -p tcp --dport 80 -j REJECT (ICMPv6 port-unreachable)"
  "web1-drop6|web1: ip6tables -A INPUT -p tcp --dport 80 -j DROP (IPv4 untouched)"
  "localhost-v6-listener|dev1 runs a server on [::1]:8022 only (IPV6_V6ONLY); /etc/hosts has '::1 localhost' too"
)

fault_no_listener() { stop_http; }

fault_loopback_listener() {
  stop_http
  start_http 127.0.0.1
}

fault_web1_reject() { in_ns web1 iptables -A INPUT -p tcp --dport 80 -j REJECT; }

fault_web1_drop() { in_ns web1 iptables -A INPUT -p tcp --dport 80 -j DROP; }

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

# The application hangs (SIGSTOP: it never calls accept() again) while two of dev2's
# connections sit in its accept queue. A backlog of 1 holds two: the kernel refuses a
# connection only when the queue is longer than the backlog (sk_acceptq_is_full), so
# from here on every SYN to port 80 is dropped and counted in ListenOverflows/ListenDrops.
fault_web1_accept_full() {
  fault_web1_small_backlog
  kill -STOP "$(<"$HTTP_PID")"
  start_bg dev2 "$STATE/accept-full.log" /usr/bin/python3 -c '
import socket, time
held = [socket.create_connection(("10.1.2.5", 80), timeout=5) for _ in range(2)]
while True:
    time.sleep(3600)'
  wait_until 100 accept_queue_full || die "web1's accept queue did not fill (see $STATE/accept-full.log)"
}

accept_queue_full() {
  [[ $(in_ns web1 ss -Hltn "sport = :80" | awk '{print $2 " " $3}') == "2 1" ]]
}

# A multi-homed server: a second interface on dev1's LAN (sw). The connected route
# 10.1.1.0/24 dev eth1 is now the way back to dev1, while dev1 still reaches 10.1.2.5
# through gw, arriving on eth0: an asymmetric path that works while rp_filter is 0 (the
# default of a new namespace). The replies from 10.1.2.5 leave by eth1.
fault_web1_multihomed() {
  plug web1 eth1 sw
  addr_up web1 eth1 10.1.1.9/24
}

# RFC 3704 strict mode (ip-sysctl.rst rp_filter=1): a packet whose source the kernel would
# not route back out of the interface it came in on is dropped in ip_route_input
# (fib_validate_source), counted in TcpExt.IPReversePathFilter, with no ICMP.
fault_web1_rp_filter() {
  fault_web1_multihomed
  sysctl_ns web1 net.ipv4.conf.all.rp_filter=1
}

# A full connection-tracking table on web1. nf_conntrack_max cannot be set inside a
# namespace (lab/README.md, "Worth knowing"): it is the HOST's, and each namespace may hold that many entries.
# So web1 first holds N assured connections of its own (loopback pairs, established:
# early_drop evicts only unassured entries), N above every other namespace's count, and
# only then is the host's limit lowered to web1's count, for as short a time as the
# scenario runs: the original is kept in $STATE and put back by down/reset (and by the
# scenario itself). A new flow then finds the table full: nf_conntrack_alloc fails, the
# kernel logs "nf_conntrack: table full, dropping packet", counts `drop` and drops the SYN.
fault_web1_conntrack_full() {
  # Tracking is on in a namespace only once a rule needs it: a common hardening rule.
  in_ns web1 iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
  local highest=0 n count
  highest=$(highest_conntrack_count)
  n=$((highest + 64))
  start_bg web1 "$STATE/conntrack-fill.log" /usr/bin/python3 -c '
import resource, socket, sys, time
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_NOFILE, (2 * n + 64, 2 * n + 64))
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 7))
server.listen(n)
held = []
for _ in range(n):
    held.append(socket.create_connection(("127.0.0.1", 7)))
    held.append(server.accept()[0])
print("holding", n, flush=True)
while True:
    time.sleep(3600)' "$n"
  wait_until 200 conntrack_at_least web1 "$n" || die "web1 did not reach $n conntrack entries (see $STATE/conntrack-fill.log)"
  count=$(in_ns web1 cat /proc/sys/net/netfilter/nf_conntrack_count)
  [[ -e $STATE/nf_conntrack_max ]] || cat /proc/sys/net/netfilter/nf_conntrack_max >"$STATE/nf_conntrack_max"
  sysctl -qw net.netfilter.nf_conntrack_max="$count"
}

conntrack_at_least() {
  (($(in_ns "$1" cat /proc/sys/net/netfilter/nf_conntrack_count) >= $2))
}

# The most conntrack entries any network namespace on this machine holds now (the
# root one, every `ip netns`, every process's), so that lowering the host-wide limit
# to web1's count leaves every other namespace room.
highest_conntrack_count() {
  local c highest pid f
  highest=$(cat /proc/sys/net/netfilter/nf_conntrack_count)
  for f in /run/netns/*; do
    [[ -e $f ]] || continue
    c=$(nsenter --net="$f" cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null) || continue
    ((c > highest)) && highest=$c
  done
  for pid in $(lsns -n -t net -o PID 2>/dev/null); do
    c=$(nsenter --net="/proc/$pid/ns/net" cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null) || continue
    ((c > highest)) && highest=$c
  done
  echo "$highest"
}

# Put the host's nf_conntrack_max back as web1-conntrack-full found it.
restore_conntrack_max() {
  if [[ -r $STATE/nf_conntrack_max ]]; then
    sysctl -qw net.netfilter.nf_conntrack_max="$(<"$STATE/nf_conntrack_max")"
    rm -f -- "$STATE/nf_conntrack_max"
  fi
}

# A rule that consults a list nothing ever adds to (a real university router's leftover): the
# list exists (the rule created it, /proc/net/xt_recent/blocklist) and is empty, so it never matches.
fault_web1_recent_empty() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -m recent --name blocklist --update --seconds 3600 -j DROP
}

# connect_from NS N: N connection attempts to web1:80 from NS, 1 s each at most (a dropped SYN
# times out), so that a rate rule's state holds NS's address.
connect_from() {
  in_ns "$1" /usr/bin/python3 -c '
import socket, sys
for _ in range(int(sys.argv[1])):
    try:
        socket.create_connection(("10.1.2.5", 80), timeout=1).close()
    except OSError:
        pass' "$2"
}

# ufw's "limit" rule, as ufw writes it: every new connection is --set on list web, and a source seen
# 4 times within 60 s is rejected. dev1 connects 4 times: it is on the list with 4 hits.
fault_web1_recent_limit() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -m recent --name web --set
  in_ns web1 iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -m recent --name web --update --seconds 60 --hitcount 4 -j REJECT --reject-with tcp-reset
  connect_from dev1 4
  in_ns web1 grep -q 'src=10.1.1.7 ' /proc/net/xt_recent/web || die "dev1 is not on web1's recent list"
}

# One bucket per source, one new connection a minute: dev1's second connection empties its bucket.
fault_web1_hashlimit() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 --syn -m hashlimit --hashlimit-name web --hashlimit-mode srcip --hashlimit-above 1/min --hashlimit-burst 1 -j DROP
  connect_from dev1 2
  in_ns web1 grep -q '10.1.1.7:0->' /proc/net/ipt_hashlimit/web || die "web1 holds no hashlimit bucket for dev1"
}

# One bucket for everyone: the first connection spends it, and the kernel shows its tokens nowhere.
fault_web1_limit() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 --syn -m limit --limit 1/min --limit-burst 1 -j ACCEPT
  in_ns web1 iptables -A INPUT -p tcp --dport 80 --syn -j DROP
  connect_from dev1 1
}

# One open connection per source at most: dev1 keeps one open (the HTTP server waits for its request).
fault_web1_connlimit() {
  in_ns web1 iptables -A INPUT -p tcp --dport 80 --syn -m connlimit --connlimit-above 1 -j REJECT --reject-with tcp-reset
  start_bg dev1 "$STATE/connlimit.log" /usr/bin/python3 -c '
import socket, time
held = socket.create_connection(("10.1.2.5", 80), timeout=5)
while True:
    time.sleep(3600)'
  wait_until 100 holds_connection || die "dev1 holds no connection to web1:80 (see $STATE/connlimit.log)"
}

holds_connection() {
  in_ns web1 grep -q 'src=10.1.1.7 dst=10.1.2.5 sport=[0-9]* dport=80 .*ASSURED' /proc/net/nf_conntrack
}

# TcpExt.ListenOverflows of a namespace (/proc/net/netstat is per network namespace).
overflows() {
  in_ns "$1" awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) k[i] = $i; n = 1 } else for (i = 2; i <= NF; i++) if (k[i] == "ListenOverflows") print $i }' /proc/net/netstat
}

fault_web1_reject6() { in_ns web1 ip6tables -A INPUT -p tcp --dport 80 -j REJECT; }

fault_web1_drop6() { in_ns web1 ip6tables -A INPUT -p tcp --dport 80 -j DROP; }

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
