lan_if=br-dummy; lan_ip=192.168.0.1/24; ctr_ips="192.168.0.2/24"; client_routes="192.168.0.0/24"
host_listen="22"; ctr_listen="80"; probes="8080 22 80 9000 443 8080@192.168.0.2 80@192.168.0.2"
