# The matches real rulesets use, plus some the engine does not model (time, recent, string,
# connlimit, NFQUEUE, owner): those must make a trace inconclusive, never a guess.
iptables -N LOGDROP
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -f -j DROP
iptables -A INPUT -i eth+ -p tcp -m multiport --dports 1000:1010,2000 -m comment --comment "app ports on eth*" -j ACCEPT
iptables -A INPUT -p udp -m multiport --sports 53,123 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --ports 3000 -j ACCEPT
iptables -A INPUT -m iprange --src-range 10.5.0.1-10.5.0.20 -p tcp --dport 4000 -j DROP
iptables -A INPUT ! -s 10.0.0.0/8 -p tcp --dport 4001 -j REJECT --reject-with icmp-net-prohibited
iptables -A INPUT -s 10.0.0.0/255.0.255.0 -p tcp --dport 4002 -j DROP
iptables -A INPUT -m addrtype --dst-type LOCAL -p tcp --dport 4003 -j REJECT --reject-with icmp-host-unreachable
iptables -A INPUT -p icmp --icmp-type echo-request -m limit --limit 1/s -j ACCEPT
iptables -A INPUT -p icmp --icmp-type destination-unreachable -j ACCEPT
iptables -A INPUT -p icmp -j DROP
iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP
iptables -A INPUT -p tcp ! --syn -m conntrack --ctstate NEW -j DROP
iptables -A INPUT -p tcp --dport 4004:4010 -m comment --comment 'quoted "comment" with spaces' -j LOGDROP
iptables -A INPUT -p tcp --dport 5000 -m time --timestart 09:00 --timestop 17:00 -j ACCEPT
iptables -A INPUT -p tcp --dport 5001 -m recent --name x --rcheck -j DROP
iptables -A INPUT -p tcp --dport 5002 -m string --algo bm --string "GET /" -j LOG --log-prefix "web: "
iptables -A INPUT -p tcp --dport 5002 -j ACCEPT
iptables -A INPUT -p tcp --dport 5003 -j NFQUEUE --queue-num 1
iptables -A INPUT -p tcp --dport 5004 -m connlimit --connlimit-above 10 -j REJECT
iptables -A INPUT -p tcp --dport 5004 -j ACCEPT
iptables -A LOGDROP -m limit --limit 5/min -j LOG --log-prefix "dropped: " --log-level 4
iptables -A LOGDROP -j DROP
iptables -A OUTPUT -o eth0 -p tcp --sport 1024:65535 --dport 25 -j REJECT --reject-with tcp-reset
iptables -A OUTPUT -p tcp --dport 2525 -m owner --uid-owner 1000 -j DROP
iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
iptables -P FORWARD DROP
