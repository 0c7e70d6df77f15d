# The same Docker rules (../docker-iptables/rules.v4) with the container's process stopped.
rules=../docker-iptables/rules.v4
lan_if=br-dummy; lan_ip=192.168.0.1/24; ctr_ips="192.168.0.2/24"; client_routes="192.168.0.0/24"
host_listen="22"; ctr_listen=""; probes="8080 22"
