# shellcheck shell=bash
# lab/faults/host.sh - faults of link, interface, gateway and this host's own routes and firewall (dev1).
# Sourced by lab/lab.sh: each entry is "name|one-line description", injected by fault_<name>.

FAULTS+=(
  "link-down|dev1's switch port is down: dev1 eth0 has NO-CARRIER"
  "iface-down|dev1 eth0 is administratively down"
  "no-address|dev1 eth0 is up but has no IPv4 address (and so no routes)"
  "misconfigured|dev1 has 10.1.3.7/24: its subnet no longer contains the gateway (default via 10.1.1.1 onlink)"
  "no-default-route|dev1 has no default route"
  "bogus-gateway|dev1's default route points to 10.1.1.254, where no host is"
  "gw-drops-ping|gw drops ICMP echo-requests to itself but still forwards (not a fault of the path)"
  "dev1-output-drop|dev1's own firewall: iptables -A OUTPUT -p tcp --dport 80 -j DROP"
  "dev1-output-reset|dev1's own firewall: iptables -A OUTPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset"
  "dev1-output-reset-nft|dev1's own firewall, native nftables: output hook, tcp dport 80 reject with tcp reset"
  "slash32-onlink|dev1 has 10.1.1.7/32 and default via 10.1.1.1 dev eth0 onlink (hosting-provider style; healthy)"
  "policy-port-dead-gw|dev1: ip rule ipproto tcp dport 80 lookup 100; table 100 default via 10.1.1.250, where no host is"
  "blackhole-route|dev1: ip route add blackhole 10.1.2.5/32"
  "unreachable-route|dev1: ip route add unreachable 10.1.2.5/32"
  "prohibit-route|dev1: ip route add prohibit 10.1.2.5/32"
  "no-default-route6|dev1 has no IPv6 default route (IPv4 untouched)"
  "linklocal-gateway|dev1's IPv6 default route is 'via fe80::1 dev eth0' (the router-advertisement style); gw has fe80::1 on eth0"
  "wrong-prefix|dev1 has 10.1.1.7/16 instead of /24 (default via 10.1.1.1): web1 10.1.2.5 looks on-link, dev1 ARPs for it and nobody answers"
  "jumbo-segment|dev1 and dev2 have MTU 9000 on eth0, the switch ports between them 1500 (no router to say so); dev2 serves HTTP on :80 with a 20 kB /big.html"
  "gw-address-taken|dev2 also takes gw's address 10.1.1.1 and announces it (gratuitous ARP): dev1 now sends its off-LAN traffic to dev2, which does not forward"
  "dev1-address-taken|dev2 also takes dev1's address 10.1.1.7 and announces it (gratuitous ARP): gw now delivers dev1's replies to dev2"
  "neigh-table-full|HOST-WIDE: another namespace of this host (a scanner) keeps the kernel's one IPv4 neighbour table full (UDP to every address of 10.200.0.0/16 on a link where nobody answers): every namespace's new neighbour entries fail (neighbor table overflow!, ENOBUFS); run it alone, and reset after"
  "gw-no-forwarding|gw has forwarding off (net.ipv4.ip_forward=0, net.ipv6.conf.all.forwarding=0): it answers ping and forwards nothing"
  "ifupdown-config|dev1 is configured by ifupdown, as a Debian server: /etc/network/interfaces names eth0's addresses and routers (healthy; with a fault, what the fix restores from)"
)

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

fault_dev1_output_drop() { in_ns dev1 iptables -A OUTPUT -p tcp --dport 80 -j DROP; }

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

fault_no_default_route6() { ip -n "${P}dev1" -6 route del default; }

# Router advertisements make the default route a link-local one (via fe80::1 dev eth0): the
# gateway's global address is not even known to the host.
fault_linklocal_gateway() {
  ip -n "${P}gw" -6 addr add fe80::1/64 dev eth0 nodad
  ip -n "${P}dev1" -6 route replace default via fe80::1 dev eth0
  wait_until 60 in_ns dev1 ping -6 -c 1 -W 1 fe80::1%eth0 || die "fe80::1%eth0 does not answer from dev1"
}

# A gateway that is not a router any more: forwarding off (a reboot without its sysctl.d file, a
# distribution default). It answers for itself (ping, ARP) and drops what it should forward before the
# TTL is looked at, so not even a time-exceeded comes back. Per namespace, so only gw is touched.
fault_gw_no_forwarding() {
  in_ns gw sysctl -qw net.ipv4.ip_forward=0
  in_ns gw sysctl -qw net.ipv6.conf.all.forwarding=0
}

# A prefix wider than the LAN: 10.1.1.7/16 makes 10.1.2.0/24 look on-link, so dev1 ARPs for web1
# on its own switch instead of sending to gw. The gateway stays reachable (10.1.1.1 is in the /16 too).
fault_wrong_prefix() {
  ip -n "${P}dev1" -4 addr flush dev eth0
  ip -n "${P}dev1" addr add 10.1.1.7/16 dev eth0
  ip -n "${P}dev1" route replace default via 10.1.1.1 dev eth0
}

# Jumbo frames on two hosts of a 1500 segment: the switch (sw's ports keep 1500) drops every frame over
# 1500 without a word, as a real switch does; only a router could send "fragmentation needed". veth lets a
# GSO super-packet through whatever the peer's MTU (is_skb_forwardable), which a real wire never does, so
# segmentation offload is off on both hosts: TCP then sends real 9000-byte frames and hangs, as it would on
# hardware. dev2 serves the 20 kB page so that a real client sees the hang.
fault_jumbo_segment() {
  local ns
  for ns in dev1 dev2; do
    ip -n "${P}$ns" link set eth0 mtu 9000
    in_ns "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null
  done
  start_bg dev2 "$STATE/http-dev2.log" /usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory "$WEBROOT2"
  wait_until 100 listening dev2 tcp 80 0.0.0.0 || die "HTTP server did not start on dev2 (see $STATE/http-dev2.log)"
}

# Another host takes an address of the LAN, as a mistyped static address does: it answers ARP for it from
# then on, and its announcement (a gratuitous ARP, which `ip addr add` alone does not send) moves every
# neighbour's existing entry to its MAC. dev2 does not forward (kernel default), so what reaches it for
# others is lost.
take_address() {
  local address=$1
  ip -n "${P}dev2" addr add "$address/32" dev eth0
  in_ns dev2 arping -q -U -c 2 -w 2 -I eth0 -s "$address" "$address" || true
}

fault_gw_address_taken() { take_address 10.1.1.1; }

# gw must hold an entry for dev1 for the announcement to move it: a healthy LAN has one.
fault_dev1_address_taken() {
  in_ns gw ping -c 1 -W 2 10.1.1.7 >/dev/null
  take_address 10.1.1.7
}

# What a Debian server configured by ifupdown holds (interfaces(5)): the addresses and routers the lab gives dev1.
# `ip netns exec` bind-mounts /etc/netns/NS/network over /etc/network. Nothing is applied: the
# configuration only says what dev1 should have, as on a host whose live state someone changed by hand.
fault_ifupdown_config() {
  mkdir -p "/etc/netns/${P}dev1/network"
  cat >"/etc/netns/${P}dev1/network/interfaces" <<'EOF'
# The loopback network interface
auto lo
iface lo inet loopback

# The primary network interface
auto eth0
iface eth0 inet static
	address 10.1.1.7/24
	gateway 10.1.1.1

iface eth0 inet6 static
	address 2001:db8:1:1::7/64
	gateway 2001:db8:1:1::1
EOF
}

# The neighbour table is one for the whole host (arp_tbl): every namespace's entries count against the same
# gc_thresh3 (1024 by default). A scanner in a namespace of its own (as a container would be) sends to every
# address of an on-link /16 where nobody answers: each send leaves an INCOMPLETE entry that the kernel may
# not evict while it is being resolved (3 s), so the table stays full, and entries not confirmed in the last
# 5 s (dev1's gateway's, ns1's) are evicted to make room and cannot come back. Nothing host-wide is changed:
# the kernel's defaults fill up. `lab.sh down`/`reset` kills the scanner with the scan namespace.
fault_neigh_table_full() {
  ip netns add "${P}scan"
  ip -n "${P}scan" link add scan0 type veth peer name scan1
  ip -n "${P}scan" link set scan0 up
  ip -n "${P}scan" link set scan1 up
  ip -n "${P}scan" addr add 10.200.0.1/16 dev scan0
  start_bg scan "$STATE/scan.log" /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# A datagram waiting for its neighbour stays charged to the socket (3 s): room for thousands, not 200.
s.setsockopt(socket.SOL_SOCKET, 32, 64 << 20)  # SO_SNDBUFFORCE (root)
s.setblocking(False)
while True:
    for i in range(2, 65534):
        try:
            s.sendto(b"x", ("10.200.%d.%d" % (i >> 8, i & 255), 9))
        except OSError:
            pass
'
  # Full when dev1 cannot add a neighbour entry: its gateway's was evicted (not confirmed in the last 5 s: only
  # polled here, never refreshed by our own traffic) and a new one is refused at once (ping: sendmsg: No buffer
  # space available). A ping that won a slot makes an entry again: then wait for that one to go too.
  wait_until 2400 neighbours_refused || die "the neighbour table did not fill (see $STATE/scan.log)"
}

neighbours_refused() {
  [[ -z $(in_ns dev1 ip neigh show 10.1.1.1) ]] || return 1
  # ping exits 1 whether refused or unanswered: its words tell (not a pipe: pipefail would take ping's status).
  local said
  said=$(in_ns dev1 ping -c 1 -W 1 10.1.1.1 2>&1) || true
  [[ $said == *"No buffer space available"* ]]
}
