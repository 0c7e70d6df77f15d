host_listen="22 80 443"; probes="22 80 443 8080 2222 21 3306"
