wan_if=eth0; host_ip=192.168.0.2/24; client_ip=192.168.0.5/24; host_extra=""
lan_if=cbr0; lan_ip=10.180.0.1/24; ctr_ips="10.180.0.3/24 10.180.0.4/24 10.180.0.5/24"
# The node's default route leaves by cbr0, not back out eth0: forwarding a SYN out of the interface it came in
# on makes the node send an ICMP redirect first, which uses up the ICMP rate limit towards the client.
client_routes="172.30.0.0/16 192.168.99.33/32 10.180.0.0/24"; host_default_dev=cbr0
host_listen="22"; ctr_listen="80"
probes="3003 22 3004 80@192.168.99.33 80@172.30.0.43 80@172.30.0.46 81@172.30.0.44 80@172.30.0.99"
