ipset create blocklist hash:ip
ipset add blocklist 10.1.1.7
ipset create blocknets hash:net
ipset add blocknets 192.168.50.0/24
# ipset(8): the most specific entry wins; a nomatch entry punches a hole in a hash:net set.
ipset add blocknets 192.168.50.128/25 nomatch
ipset create ssh_clients hash:ip,port
ipset add ssh_clients 10.1.1.9,tcp:22
iptables -A INPUT -m set --match-set blocklist src -j DROP
iptables -A INPUT -m set --match-set blocknets src -j REJECT --reject-with icmp-admin-prohibited
iptables -A INPUT -m set --match-set ssh_clients src,dst -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -j DROP
