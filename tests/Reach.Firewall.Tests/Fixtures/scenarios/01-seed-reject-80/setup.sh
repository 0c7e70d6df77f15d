# The seed's rule: `iptables -L` then shows "REJECT tcp dpt:80 reject-with icmp-port-unreachable".
iptables -A INPUT -p tcp --dport 80 -j REJECT
