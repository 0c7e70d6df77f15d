# The last rule, `reject with icmpx type port-unreachable`, answers UDP and IPv6 alike, listener or not.
host_listen="22 80 53/udp"; probes="22 80 81 443 8080 23 3306 22@10.88.1.10 53/udp 123/udp 22/tcp6 80/tcp6 53/udp6"
