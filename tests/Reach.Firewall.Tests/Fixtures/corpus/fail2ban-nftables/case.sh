# The ban set is ipv4_addr: the banned client's IPv6 address still reaches ssh.
host_listen="22 80"; probes="22 80 81 23 443 8080 22/tcp6 81/tcp6"
