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
