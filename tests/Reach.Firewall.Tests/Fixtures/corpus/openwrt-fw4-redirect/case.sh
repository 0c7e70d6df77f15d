wan_if=pppoe-wan; host_ip=10.11.12.194/24; client_ip=10.11.12.5/24; host_extra=""
lan_if=br-lan; lan_ip=192.168.26.1/24; ctr_ips="192.168.26.100/24"
host_listen="26 80"; ctr_listen="22"; probes="22 23 24 26 80 443 25 27"
