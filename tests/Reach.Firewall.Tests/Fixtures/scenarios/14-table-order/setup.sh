# One rule per table so the order raw -> mangle -> nat -> filter -> security shows
# (priorities -300, -150, -100, 0, 50: include/uapi/linux/netfilter_ipv4.h).
iptables -t raw -A PREROUTING -p tcp --dport 7004 -j DROP
iptables -t raw -A PREROUTING -p udp --dport 5353 -j CT --notrack
iptables -t mangle -A PREROUTING -p tcp --dport 7000 -j DROP
iptables -t mangle -A PREROUTING -p tcp --dport 7001 -j MARK --set-mark 0x7
iptables -t mangle -A INPUT -p tcp --dport 7005 -j ACCEPT
iptables -t nat -A PREROUTING -p tcp --dport 7002 -j REDIRECT --to-ports 7003
iptables -A INPUT -p tcp --dport 7000 -j ACCEPT
iptables -A INPUT -m mark --mark 0x7 -j REJECT --reject-with icmp-admin-prohibited
iptables -A INPUT -p tcp --dport 7003 -j DROP
iptables -A INPUT -p tcp --dport 7005 -j DROP
iptables -A INPUT -p udp -m conntrack --ctstate UNTRACKED -j REJECT
iptables -A INPUT -p tcp --dport 7006 -j ACCEPT
iptables -t security -A INPUT -p tcp --dport 7006 -j DROP
