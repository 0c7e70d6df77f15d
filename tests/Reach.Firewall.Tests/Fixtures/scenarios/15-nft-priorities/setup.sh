nft -f rules.nft
# An iptables-nft rule (priority 0) with extensions nft can only show as {"xt": ...}.
iptables -A INPUT -p tcp --dport 6002 -m comment --comment "iptables-nft rule" -j REJECT
