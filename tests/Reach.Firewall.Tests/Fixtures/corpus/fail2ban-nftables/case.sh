host_listen="22 80"; probes="22 80 81 23 443 8080"
