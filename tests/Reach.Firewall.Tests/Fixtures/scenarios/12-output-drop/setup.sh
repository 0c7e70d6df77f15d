# The client side: this host's own OUTPUT rules.
iptables -A OUTPUT -p tcp -d 10.9.9.9 --dport 443 -j DROP
iptables -A OUTPUT -p tcp -d 10.9.9.10 -j REJECT --reject-with icmp-host-prohibited
iptables -A OUTPUT -o eth+ -p udp --dport 53 -j DROP
