# shellcheck shell=bash
# lab/faults/dns.sh - faults of names: resolv.conf, the nameserver, the zone, /etc/hosts, nsswitch, local stubs and forwarders.
# Sourced by lab/lab.sh: each entry is "name|one-line description", injected by fault_<name>.

FAULTS+=(
  "no-nameserver|dev1's resolv.conf has the search line but no nameserver"
  "nameserver-absent|dev1's resolv.conf names 10.1.1.4, where no host is"
  "dns-stopped|dnsmasq on ns1 is killed: ns1 answers ping, nothing listens on 53"
  "no-search|dev1's resolv.conf has no search line: the short name web1 fails, the FQDN works"
  "nxdomain|web1 is removed from the example.net zone (dnsmasq reloaded)"
  "stale-hosts|dev1's /etc/hosts maps web1 to 10.1.2.99, where nothing exists"
  "auth-only|ns1's dnsmasq is authoritative only: REFUSED for every name outside example.net (like BIND with recursion no)"
  "wrong-search|dev1's resolv.conf has 'search other.test': the short name web1 is completed in the wrong domain"
  "rooted-search|dev1's resolv.conf has 'search example.net' and 'options ndots:2' (a rooted name must ignore both)"
  "stub-down|dev1 uses the systemd-resolved stub 127.0.0.53, and nothing runs there"
  "forwarder-dead-upstream|dev1 runs dnsmasq on 127.0.0.1 forwarding to 10.1.1.4, where no host is; resolv.conf points at 127.0.0.1"
  "nsswitch-no-dns|dev1's nsswitch.conf has 'hosts: files' (no dns): every DNS name fails for applications"
  "resolv-unreadable|dev1's resolv.conf is mode 0600 root: a user such as nobody cannot read it"
)

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
