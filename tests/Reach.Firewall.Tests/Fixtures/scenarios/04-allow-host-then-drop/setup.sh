iptables -A INPUT -p tcp -s 10.1.1.8 --dport 5432 -j ACCEPT
iptables -A INPUT -p tcp --dport 5432 -j DROP
