ip6tables -A INPUT -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT
ip6tables -A INPUT -s 2001:db8:1::/48 -p tcp --dport 80 -j ACCEPT
ip6tables -A INPUT -p tcp --dport 80 -j REJECT --reject-with icmp6-adm-prohibited
ip6tables -A INPUT -p tcp --dport 443 -j REJECT
