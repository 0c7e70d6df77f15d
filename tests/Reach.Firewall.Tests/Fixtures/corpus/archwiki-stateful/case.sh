host_listen="80"; probes="80 443 22 8080 3306"
