# The UDP chain is empty: a datagram to a listening 53 meets `-p udp -j REJECT --reject-with icmp-port-unreachable`.
# The wiki's rules are IPv4 only (no ip6tables): IPv6 reaches the sockets.
host_listen="80 53/udp"; probes="80 443 22 8080 3306 53/udp 80/tcp6 22/tcp6"
