# firewalld's zone public: ssh, 8080/tcp, 51820/udp open; 8081 forwarded to this host's 80 (nothing else lets
# 80 in, so only `ct status dnat accept` in filter_INPUT does); 2222 forwarded to a container's 22 (FORWARD's
# `ct status dnat accept`); rich rules reject 3306 from the client with port-unreachable and, over IPv6, 5432
# with a TCP reset; anything else gets admin-prohibited. IPv6 passes the rpfilter (`fib saddr . mark . iif oif
# missing drop`): the client's address is routed back out the interface it came in on.
lan_if=br-dummy; lan_ip=192.168.0.1/24; ctr_ips="192.168.0.2/24"
host_listen="22 80 8080 3306 5432 51820/udp 53/udp"; ctr_listen="22"
probes="22 8080 8081 2222 80 3306 5432 9000 51820/udp 53/udp 5353/udp 22/tcp6 8080/tcp6 5432/tcp6 3306/tcp6 8081/tcp6 9000/tcp6 51820/udp6 53/udp6"
