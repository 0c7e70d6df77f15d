# shellcheck shell=bash
# lab/faults/services.sh - faults of service addresses: kube-proxy ClusterIPs and Docker published ports.
# Sourced by lab/lab.sh: each entry is "name|one-line description", injected by fault_<name>.

FAULTS+=(
  "clusterip|dev1 is a kube-proxy node (iptables mode): nat OUTPUT sends ClusterIP 10.96.0.10:80 to web1 10.1.2.5:80 or web2 10.1.4.5:80 (statistic random 0.5); healthy"
  "clusterip-web2-down|clusterip, and web2's IPv4 HTTP server is stopped: 1 in 2 connections to 10.96.0.10:80 get an RST from web2"
  "clusterip-web2-drop|clusterip, and web2: iptables -A INPUT -p tcp --dport 80 -j DROP: 1 in 2 connections to 10.96.0.10:80 time out"
  "clusterip-nft|clusterip in kube-proxy's nftables mode: table ip kube-proxy, nat-output → services vmap → numgen random mod 2 → endpoint dnat; healthy"
  "clusterip-nft-web2-down|clusterip-nft, and web2's IPv4 HTTP server is stopped"
  "docker-published|web1 is a Docker host: docker0 172.17.0.1/16, container namespace ctr1 172.17.0.2 serving HTTP on 80, Docker's rules publishing 8080 -> 172.17.0.2:80; healthy"
  "docker-published-ctr-down|docker-published, and the container's HTTP server is stopped: web1:8080 is refused (RST from 172.17.0.2)"
  "docker-twin|after docker-published*: a second namespace ctr2 holds the container's address 172.17.0.2 too, behind another bridge of web1 (br-twin, no route to it): only the egress device tells them apart"
  "docker-published-ctr-filter|docker-published, and the container's own firewall accepts port 80 only from its bridge network 172.17.0.0/16: web1's own connection to 10.1.2.5:8080 (source 10.1.2.5) times out"
)

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

# Another namespace with the container's address (another Docker network reusing 172.17.0.0/16, a
# stopped copy, another lab on the same machine): its veth sits on a bridge of web1 that no route uses.
# The DNAT's route decision says docker0; the address alone would name two namespaces.
fault_docker_twin() {
  ns_exists ctr1 || die "docker-twin needs a docker-published fault first"
  ip netns add "${P}ctr2"
  ip -n "${P}ctr2" link set lo up
  ip -n "${P}web1" link add br-twin type bridge
  ip -n "${P}web1" link set br-twin up
  ip -n "${P}web1" link add vethtwin type veth peer name eth0 netns "${P}ctr2"
  ip -n "${P}web1" link set vethtwin master br-twin
  ip -n "${P}web1" link set vethtwin up
  addr_up ctr2 eth0 172.17.0.2/16
}

