# IPv6 goes through ufw6-before-input's `-m rt --rt-type 0 -j DROP` (no routing header on a client's packet);
# 51820/udp is allowed with nothing listening (the kernel's ICMP port-unreachable), 9999/udp meets the DROP policy.
host_listen="22 2222 8080 8081 5432 80 53/udp"
probes="22 2222 8080 8081 5432 80 443 3306 2223 53/udp 51820/udp 9999/udp 22/tcp6 2222/tcp6 8080/tcp6 8081/tcp6 5432/tcp6 53/udp6 51820/udp6 9999/udp6"
