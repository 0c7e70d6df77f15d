# Both backends at once: iptables-save (nft) then warns that legacy tables are present.
iptables-legacy -A INPUT -p tcp --dport 25 -j DROP
iptables-legacy -P FORWARD DROP
iptables -A INPUT -p tcp --dport 25 -j ACCEPT
