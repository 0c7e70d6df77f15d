# shellcheck shell=bash
# lab/faults/route.sh - faults of the path: routers that drop, reject, lose, die, or shrink the MTU.
# Sourced by lab/lab.sh: each entry is "name|one-line description", injected by fault_<name>.

FAULTS+=(
  "gw-no-route|gw loses 10.1.2.1/24 on eth1 and so its route to 10.1.2.0/24: it answers ICMP net-unreachable"
  "gw-forward-drop|gw silently drops everything it forwards (FORWARD policy DROP)"
  "web1-down|web1 is dead behind sw2 (its eth0 down inside web1, gw's side keeps carrier): gw's ARP fails after ~3 s, then ICMP host-unreachable"
  "gw-prohibit|gw: FORWARD tcp dport 80 REJECT --reject-with icmp-admin-prohibited"
  "r2-prohibit|r2 (the router beyond gw, towards web2): FORWARD tcp dport 80 REJECT --reject-with icmp-admin-prohibited"
  "gw-lossy|gw drops 5% of the packets it forwards, at random (iptables -m statistic; this kernel has no netem)"
  "gw-dies|dev1 talks to gw (ping, a fetch through it), then gw's eth0 goes down inside gw: dev1's entry stays REACHABLE"
  "mtu-blackhole|the gw-r2 link has MTU 1400 and gw and r2 drop their own ICMP fragmentation-needed (PMTU black hole to web2)"
  "mtu-small|the gw-r2 link has MTU 1400; fragmentation-needed flows (PMTU discovery works; healthy)"
  "gw-reset|gw: FORWARD tcp dport 80 REJECT --reject-with tcp-reset (an RST forged by a router)"
  "gw-prohibit6|gw: ip6tables FORWARD tcp dport 80 REJECT --reject-with icmp6-adm-prohibited"
  "gw-blackhole6|gw: ip -6 route add blackhole 2001:db8:1:2::5/128 (the router discards silently)"
)

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

fault_gw_prohibit() {
  in_ns gw iptables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp-admin-prohibited
}

# The same refusal one router further: dev1's SYN to web2 gets admin-prohibited from
# 10.1.9.2, a router dev1 has no route entry for and a check meets only by its ICMP.
fault_r2_prohibit() {
  in_ns r2 iptables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp-admin-prohibited
}

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

fault_gw_reset() {
  in_ns gw iptables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with tcp-reset
}

fault_gw_prohibit6() {
  in_ns gw ip6tables -A FORWARD -p tcp --dport 80 -j REJECT --reject-with icmp6-adm-prohibited
}

fault_gw_blackhole6() { ip -n "${P}gw" -6 route add blackhole 2001:db8:1:2::5/128; }
