wan_if=pppoe-wan; host_ip=10.11.12.194/24; client_ip=10.11.12.5/24; host_extra=""
lan_if=br-lan; lan_ip=192.168.26.1/24; ctr_ips="192.168.26.100/24"
# IPv6 from wan: 27 is redirected to itself (no DNAT status, as 26 over IPv4), 25 is DNATed to a lan address
# this router has no route to, 22's DNAT is IPv4 only; UDP from wan meets drop_from_wan like TCP.
host_listen="26 27 80 53/udp"; ctr_listen="22"
probes="22 23 24 26 80 443 25 27 53/udp 27/tcp6 25/tcp6 22/tcp6 53/udp6"
# fw4's test ruleset has no ICMPv6 rules: its input drops neighbour discovery from wan.
static_neigh6=1
