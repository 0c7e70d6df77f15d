# shellcheck shell=bash
# lab/lib/servers.sh - the lab's servers and files: HTTP servers, dnsmasq, resolv.conf, hosts, the zone. Sourced by lab/lab.sh.

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
  # Options as measured (lab/README.md, "Worth knowing"): no config file, no upstream, no /etc/hosts;
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
