# A user chain that RETURNs for one source and REJECTs the rest; a goto'd chain whose end
# returns past INPUT's remaining rules straight to INPUT's policy (iptables-extensions(8), -g).
iptables -N APP
iptables -N UDP_IN
iptables -A INPUT -p tcp -j APP
iptables -A INPUT -p tcp --dport 8050 -j ACCEPT
iptables -A INPUT -p udp -g UDP_IN
iptables -A INPUT -p udp --dport 54 -j ACCEPT
iptables -A INPUT -j DROP
iptables -A APP -s 10.1.1.8 -j RETURN
iptables -A APP -p tcp -m multiport --dports 8000:8100,9000 -j REJECT --reject-with tcp-reset
iptables -A APP -p tcp --dport 9001 -j REJECT
iptables -A UDP_IN -p udp --dport 53 -j ACCEPT
